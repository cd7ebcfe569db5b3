package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;

/**
 * Elementwise fusion (Theano's local_elemwise_fusion): a tree of Elemwise nodes where every inner
 * result is used only by its parent becomes one {@code Elemwise{Composite{...}}}, so the executor runs
 * one loop instead of one per node and no intermediate arrays are allocated.
 *
 * <p>Why it is exact: Elemwise pads every input to the output rank, so an inner node's result, read by
 * its parent after broadcasting, equals the inner expression evaluated at the same output index on its
 * own (broadcast) inputs; the Composite rounds every inner value to its dtype, as storing it did. An
 * inner result with another client (or that is a graph output) stays a separate node: fusing it would
 * compute it twice. Nodes are visited from the outputs backwards so each tree is fused whole in one
 * pass; existing Composites are inlined, so trees never nest.
 */
final class Fusion {
    private Fusion() {}

    /** Theano caps a fused node's inputs (C argument limits); executors also like bounded arity. */
    static final int MAX_INPUTS = 32;

    static boolean fuseAll(FunctionGraph fg, RewriteResult log) {
        boolean changed = false;
        List<Apply> order = fg.toposort();
        for (int i = order.size() - 1; i >= 0; i--) {
            Apply n = order.get(i);
            if (!fg.applyNodes().contains(n) || StandardRewrites.scalarOp(n) == null || touchesComplex(n)) continue;
            Variable fused = fuse(fg, n);
            if (fused != null && RewriteDB.replaceAll(fg, n, List.of(fused), "elemwise_fusion", log)) changed = true;
        }
        return changed;
    }

    /** Builder state: leaves are encoded as -1 - leafIndex until the input count is known. */
    private static final class Builder {
        final List<Variable> leaves = new ArrayList<>();
        final Map<Variable, Integer> memo = new IdentityHashMap<>();
        final List<ScalarOp> ops = new ArrayList<>();
        final List<int[]> operands = new ArrayList<>();
        int absorbed = 0;

        int leaf(Variable v) {
            Integer r = memo.get(v);
            if (r != null) return r;
            leaves.add(v);
            memo.put(v, -leaves.size());
            return -leaves.size();
        }

        int node(ScalarOp op, int[] refs) {
            ops.add(op);
            operands.add(refs);
            return ops.size() - 1;
        }
    }

    static Variable fuse(FunctionGraph fg, Apply root) {
        Builder b = new Builder();
        int out = visit(fg, root, b, true);
        int nodesInside = b.ops.size();
        if (b.absorbed == 0 || nodesInside < 2 || b.leaves.size() > MAX_INPUTS) return null;
        int nin = b.leaves.size();
        List<Composite.Node> nodes = new ArrayList<>();
        for (int k = 0; k < b.ops.size(); k++) {
            int[] refs = b.operands.get(k).clone();
            for (int j = 0; j < refs.length; j++) refs[j] = remap(refs[j], nin);
            nodes.add(new Composite.Node(b.ops.get(k), refs));
        }
        org.theanojvm.engine.types.DType[] dts = new org.theanojvm.engine.types.DType[nin];
        for (int i = 0; i < nin; i++) dts[i] = b.leaves.get(i).dtype();
        Composite c = new Composite(dts, nodes, new int[] {remap(out, nin)});
        return new Elemwise(c, null).makeNode(b.leaves).outputs().get(0);
    }

    private static int remap(int ref, int nin) { return ref < 0 ? -1 - ref : nin + ref; }

    /** Adds the expression of node {@code a} to the builder; returns its ref. */
    private static int visit(FunctionGraph fg, Apply a, Builder b, boolean root) {
        Elemwise e = (Elemwise) a.op();
        int[] refs = new int[a.inputs().size()];
        for (int j = 0; j < refs.length; j++) {
            Variable v = a.inputs().get(j);
            Integer known = b.memo.get(v);
            if (known != null) {
                refs[j] = known;
            } else if (absorbable(fg, v) && b.leaves.size() < MAX_INPUTS) {
                b.absorbed++;
                refs[j] = visit(fg, v.owner(), b, false);
                b.memo.put(v, refs[j]);
            } else {
                refs[j] = b.leaf(v);
            }
        }
        ScalarOp op = e.scalarOp();
        if (op instanceof Composite c) {
            // inline: the inner refs of c are rebased onto refs (its inputs) and the nodes added here
            int cin = c.nInputs();
            int[] map = new int[cin + c.nodes().size()];
            System.arraycopy(refs, 0, map, 0, cin);
            for (int k = 0; k < c.nodes().size(); k++) {
                Composite.Node n = c.nodes().get(k);
                int[] r = new int[n.operands().length];
                for (int j = 0; j < r.length; j++) r[j] = map[n.operands()[j]];
                map[cin + k] = b.node(n.op(), r);
            }
            return map[c.outputRefs()[0]];
        }
        return b.node(op, refs);
    }

    /** An Elemwise result used only by the node being fused (so fusing it does not duplicate work). */
    private static boolean absorbable(FunctionGraph fg, Variable v) {
        return v.owner() != null && StandardRewrites.scalarOp(v.owner()) != null && !touchesComplex(v.owner())
                && StandardRewrites.oneClient(fg, v);
    }

    /**
     * Complex values stay out of fused kernels: a Composite evaluates every element in one domain
     * (chosen from its inputs and output), so a complex intermediate between real ends (real(z * w))
     * would be computed as a real number. Such nodes run one by one, in Elemwise's complex domain.
     */
    private static boolean touchesComplex(Apply a) {
        for (Variable v : a.inputs()) if (v.isTensor() && v.dtype().isComplex()) return true;
        for (Variable v : a.outputs()) if (v.isTensor() && v.dtype().isComplex()) return true;
        return false;
    }
}
