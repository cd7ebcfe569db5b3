package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.types.DType;

/**
 * Compiles a fused {@link Composite} into one scalar expression tree, so the whole fused subgraph is a
 * single loop body that the JIT turns into straight-line code (instead of calling the Composite's
 * interpreter-style evaluation per element). Every inner node becomes its dedicated node (or the
 * generic one), computed in the same domain as {@link Composite#evalExact}/{@code evalLong} picks for it
 * and held as they hold it (discrete values as exact longs, floats as doubles), with {@link DomainNodes}
 * conversions and per-node rounding where the Composite has them.
 * Inner results read more than once get a frame slot (allocated by {@link #prepare}, while the frame
 * descriptor is still open) and a {@link LetNode}.
 */
public final class CompositeTreeBuilder {
    private final Composite c;
    private final int[] sharedSlot; // per inner node: its frame slot when read more than once, else -1
    private final boolean[] nodeLong; // per inner node: computed in the integer domain
    private final boolean[] heldLong; // per inner node: its value held as a long (discrete dtypes)
    private final boolean[] live; // per inner node: read by another node or the output

    private CompositeTreeBuilder(Composite c, int[] sharedSlot, boolean[] nodeLong, boolean[] heldLong, boolean[] live) {
        this.c = c;
        this.sharedSlot = sharedSlot;
        this.nodeLong = nodeLong;
        this.heldLong = heldLong;
        this.live = live;
    }

    /** Decides each inner node's domain and reserves slots for its shared results. */
    public static CompositeTreeBuilder prepare(Composite c, boolean kernelLong, FrameDescriptor.Builder fd) {
        int nin = c.nInputs();
        List<Composite.Node> nodes = c.nodes();
        int[] uses = new int[nodes.size()];
        boolean[] nodeLong = new boolean[nodes.size()];
        boolean[] heldLong = new boolean[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            Composite.Node n = nodes.get(k);
            DType od = c.refDType(nin + k);
            boolean asLong = od.isDiscrete() && n.op().hasLongImpl();
            for (int j = 0; j < n.operands().length; j++) {
                int r = n.operands()[j];
                asLong &= c.refDType(r).isDiscrete() || !n.op().readsValue(j); // as Composite.evalDouble decides
                if (r >= nin) uses[r - nin]++;
            }
            nodeLong[k] = kernelLong || asLong; // a long kernel is all-long by construction (Composite.hasLongImpl)
            heldLong[k] = od.isDiscrete();
        }
        int out = c.outputRefs()[0];
        if (out >= nin) uses[out - nin]++; // the kernel's store reads it too
        int[] shared = new int[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            shared[k] = uses[k] > 1 ? fd.addSlot(heldLong[k] ? FrameSlotKind.Long : FrameSlotKind.Double, null, null) : -1;
        }
        boolean[] live = new boolean[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) live[k] = uses[k] > 0;
        return new CompositeTreeBuilder(c, shared, nodeLong, heldLong, live);
    }

    /**
     * A fresh tree (a node has one parent, so each kernel copy gets its own).
     *
     * @param inputs one leaf per Composite input
     * @param inputLong per input, whether the kernel loads it as a long (else a double)
     * @param resultLong whether the kernel stores the result as a long (else a double)
     */
    public ScalarNode build(ScalarNode[] inputs, boolean[] inputLong, boolean resultLong) {
        int nin = c.nInputs();
        List<Composite.Node> nodes = c.nodes();
        int out = c.outputRefs()[0];
        // values: per ref, the node computing it (for shared inner results, a read of their slot)
        ScalarNode[] bound = new ScalarNode[nin + nodes.size()];
        boolean[] isLong = new boolean[nin + nodes.size()];
        for (int i = 0; i < nin; i++) isLong[i] = inputLong[i];
        List<Integer> letSlots = new ArrayList<>();
        List<Boolean> letLong = new ArrayList<>();
        List<ScalarNode> letValues = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            Composite.Node n = nodes.get(k);
            boolean asLong = nodeLong[k];
            isLong[nin + k] = heldLong[k];
            if (!live[k]) continue; // read by nothing: the reference computes it, but it cannot affect the result
            ScalarNode[] args = new ScalarNode[n.operands().length];
            for (int j = 0; j < args.length; j++) {
                int r = n.operands()[j];
                args[j] = convert(r < nin ? inputs[r] : bound[r], isLong[r], asLong, c.refDType(r));
            }
            DType od = c.refDType(nin + k);
            ScalarNode value = ScalarTreeBuilder.build(n.op(), od, args);
            if (!asLong && heldLong[k]) value = new DomainNodes.StoreAsLong(value, od); // what storing it would keep
            else if (needsRounding(od, asLong)) value = new DomainNodes.Round(value, od);
            if (sharedSlot[k] >= 0) {
                letSlots.add(sharedSlot[k]);
                letLong.add(heldLong[k]);
                letValues.add(value);
                bound[nin + k] = new OperandNode(sharedSlot[k]);
            } else {
                bound[nin + k] = value;
            }
        }
        ScalarNode result = out < nin ? new ArithmeticNodes.Identity(inputs[out]) : bound[out];
        result = convert(result, isLong[out], resultLong, c.refDType(out));
        if (letValues.isEmpty()) return result;
        int[] slots = letSlots.stream().mapToInt(Integer::intValue).toArray();
        boolean[] longs = new boolean[slots.length];
        for (int i = 0; i < longs.length; i++) longs[i] = letLong.get(i);
        return new LetNode(slots, longs, letValues.toArray(new ScalarNode[0]), result);
    }

    /** float64 and 64-bit integers need no rounding in their own domain. */
    private static boolean needsRounding(DType d, boolean asLong) {
        if (asLong) return !(d == DType.INT64 || d == DType.UINT64);
        return d != DType.FLOAT64;
    }

    private static ScalarNode convert(ScalarNode v, boolean fromLong, boolean toLong, DType d) {
        if (fromLong == toLong) return v;
        return toLong ? new DomainNodes.DoubleToLong(v) : new DomainNodes.LongToDouble(v, d);
    }
}
