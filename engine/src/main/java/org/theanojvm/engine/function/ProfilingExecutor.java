package org.theanojvm.engine.function;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The executor of a function compiled with {@code profile=True} (Theano's ProfileStats hooks in the VM):
 * every apply node of the graph runs through its own one-node executor made by the same factory as the
 * unprofiled function (so a Truffle kernel is timed as a Truffle kernel), and the wall time of each node
 * and of the whole call is recorded. Executors stay unaware of profiling: the per-node split is the hook.
 *
 * <p>What profiling changes: nodes no longer share one compilation unit, and intermediates are not
 * recycled between nodes, so a profiled call is a little slower than an unprofiled one, as in Theano.
 */
public final class ProfilingExecutor implements Executor {
    private final FunctionGraph fg;
    private final List<Apply> order;
    private final Executor[] nodeExecutors;
    private final List<List<Variable>> nodeInputs; // the non-constant inputs each node executor takes, in order
    private final String innerName;
    private final long[] applyNanos;
    private final long[] applyCalls;
    private final long linkerNanos;
    private final long[][][] lastShapes;   // per node: the shapes of its inputs then outputs at the last call
    private final long[][][] lastStrides;  // the same for strides (in bytes, as NumPy's)
    private long callNanos;
    private long callCount;

    /** @param factory makes the executor of a graph (the function's own choice: truffle, reference, ...) */
    public ProfilingExecutor(FunctionGraph fg, Function<FunctionGraph, Executor> factory) {
        long t0 = System.nanoTime();
        this.fg = fg;
        this.order = fg.toposort();
        this.nodeExecutors = new Executor[order.size()];
        this.nodeInputs = new ArrayList<>();
        String name = null;
        for (int i = 0; i < order.size(); i++) {
            Apply a = order.get(i);
            List<Variable> ins = new ArrayList<>();
            for (Variable v : a.inputs()) if (!(v instanceof Constant) && !containsIdentity(ins, v)) ins.add(v);
            nodeInputs.add(ins);
            nodeExecutors[i] = factory.apply(new FunctionGraph(ins, a.outputs()));
            if (name == null) name = nodeExecutors[i].name();
        }
        this.innerName = name == null ? "reference" : name;
        this.applyNanos = new long[order.size()];
        this.applyCalls = new long[order.size()];
        this.lastShapes = new long[order.size()][][];
        this.lastStrides = new long[order.size()][][];
        this.linkerNanos = System.nanoTime() - t0;
    }

    private static boolean containsIdentity(List<Variable> l, Variable v) {
        for (Variable x : l) if (x == v) return true;
        return false;
    }

    @Override
    public NdArray[] run(List<NdArray> inputValues) {
        long start = System.nanoTime();
        Map<Variable, NdArray> storage = new IdentityHashMap<>();
        for (int i = 0; i < fg.inputs().size(); i++) storage.put(fg.inputs().get(i), inputValues.get(i));
        for (int n = 0; n < order.size(); n++) {
            Apply node = order.get(n);
            List<NdArray> ins = new ArrayList<>();
            for (Variable v : nodeInputs.get(n)) ins.add(valueOf(v, storage));
            long t = System.nanoTime();
            NdArray[] outs;
            try {
                outs = nodeExecutors[n].run(ins);
            } catch (RuntimeException e) {
                throw rethrowWithGraphContext(e, node, n, storage);
            }
            applyNanos[n] += System.nanoTime() - t;
            applyCalls[n]++;
            for (int k = 0; k < outs.length; k++) storage.put(node.outputs().get(k), outs[k]);
            recordShapes(n, node, storage);
        }
        NdArray[] r = new NdArray[fg.outputs().size()];
        for (int i = 0; i < r.length; i++) r[i] = valueOf(fg.outputs().get(i), storage);
        callNanos += System.nanoTime() - start;
        callCount++;
        return r;
    }

    /**
     * The node executor reported the failure against its one-node graph (toposort index 0); run the op
     * once more by itself to report it against the whole graph, with the node's real index and clients.
     */
    private RuntimeException rethrowWithGraphContext(RuntimeException e, Apply node, int index, Map<Variable, NdArray> storage) {
        NdArray[] all = new NdArray[node.inputs().size()];
        for (int k = 0; k < all.length; k++) all[k] = valueOf(node.inputs().get(k), storage);
        try {
            node.op().perform(node, all);
        } catch (RuntimeException original) {
            return OpErrors.withOpContext(original, fg, node, index, all);
        }
        return e instanceof TheanoException ? e : OpErrors.withOpContext(e, fg, node, index, all);
    }

    /** Shapes and strides of the node's inputs and outputs (Theano's variable_shape/variable_strides for profile_memory). */
    private void recordShapes(int n, Apply node, Map<Variable, NdArray> storage) {
        int ni = node.inputs().size(), no = node.outputs().size();
        long[][] sh = new long[ni + no][], st = new long[ni + no][];
        for (int k = 0; k < ni + no; k++) {
            NdArray a = valueOf(k < ni ? node.inputs().get(k) : node.outputs().get(k - ni), storage);
            sh[k] = a.shape();
            st[k] = a.strides();
        }
        lastShapes[n] = sh;
        lastStrides[n] = st;
    }

    /** Shapes of node {@code n}'s inputs then outputs at the last call, or null before the first call. */
    public long[][] lastShapes(int n) { return lastShapes[n]; }

    /** Strides (bytes) of node {@code n}'s inputs then outputs at the last call, or null before the first call. */
    public long[][] lastStrides(int n) { return lastStrides[n]; }

    private static NdArray valueOf(Variable v, Map<Variable, NdArray> storage) {
        NdArray a = storage.get(v);
        if (a != null) return a;
        if (v instanceof Constant c) return c.data();
        throw new TheanoAssertionError("no value computed for " + v + " (engine bug)");
    }

    @Override
    public String name() { return innerName; }

    /** The apply nodes in execution order; the per-node arrays below follow it. */
    public List<Apply> order() { return order; }

    /** Seconds spent in each node so far (Theano's apply_time). */
    public double[] applyTimes() {
        double[] s = new double[applyNanos.length];
        for (int i = 0; i < s.length; i++) s[i] = applyNanos[i] * 1e-9;
        return s;
    }

    /** Calls of each node so far (Theano's apply_callcount). */
    public long[] applyCallCounts() { return applyCalls.clone(); }

    /** Seconds in {@link #run} so far (Theano's vm_call_time: the executor, thunks plus their overhead). */
    public double callTime() { return callNanos * 1e-9; }

    public long callCount() { return callCount; }

    /** Seconds spent making the node executors (Theano's linker_time). */
    public double linkerTime() { return linkerNanos * 1e-9; }

    /** Forgets the times and counts recorded so far. */
    public void reset() {
        java.util.Arrays.fill(applyNanos, 0);
        java.util.Arrays.fill(applyCalls, 0);
        callNanos = 0;
        callCount = 0;
    }
}
