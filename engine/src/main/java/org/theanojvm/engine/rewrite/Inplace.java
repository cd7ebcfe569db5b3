package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.ops.LogSoftmax;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;

/**
 * In-place rewrites (Theano's inplace_elemwise_optimizer, gemm inplace, and in-place shared updates),
 * with Theano's destroy rules made conservative so no destroy handler is needed:
 * <ul>
 *   <li>only an intermediate produced by an op known to return a fresh buffer (never a view) can be
 *       destroyed, so graph inputs (arguments the caller passed, shared storage) and constants never are;</li>
 *   <li>it must have exactly one use, the destroying node, so no one reads it later, no view of it
 *       exists (a view is a use) and it is not a graph output;</li>
 *   <li>it must have the output's exact type, so the buffer has the output's dtype and shape.</li>
 * </ul>
 * Shared variables are the one exception: an update expression {@code w <- f(w, ...)} computed by an
 * Elemwise can write into w's own buffer when that node is w's only reader and its result is only w's
 * update, in a float domain (no error can stop the loop half way). {@link FunctionGraph#toposort}
 * schedules such nodes after every other node, which keeps the function's all-or-none updates.
 */
final class Inplace {
    private Inplace() {}

    /** Ops whose outputs are always newly allocated arrays (or, when in place, an already-fresh input). */
    static boolean fresh(Variable v) {
        if (v.owner() == null) return false;
        Op op = v.owner().op();
        return op instanceof Elemwise || op instanceof Dot || op instanceof Gemm || op instanceof Gemv || op instanceof Softmax || op instanceof LogSoftmax;
    }

    static boolean destroyable(FunctionGraph fg, Apply node, int i) {
        Variable v = node.inputs().get(i);
        if (!fresh(v) || !StandardRewrites.oneClient(fg, v) || fg.clients(v).get(0).node() != node) return false;
        return v.type().equals(node.outputs().get(0).type());
    }

    static boolean elemwise(FunctionGraph fg, RewriteResult log) {
        boolean changed = false;
        for (Apply n : fg.toposort()) {
            if (!fg.applyNodes().contains(n) || !(n.op() instanceof Elemwise e) || e.inplaceInput() >= 0) continue;
            for (int i = 0; i < n.inputs().size(); i++) {
                if (!destroyable(fg, n, i)) continue;
                Apply m = new Apply(e.withInplace(i), n.inputs(), List.of(n.outputs().get(0).type()));
                if (RewriteDB.replaceAll(fg, n, m.outputs(), "inplace_elemwise", log)) changed = true;
                break;
            }
        }
        return changed;
    }

    static boolean blas(FunctionGraph fg, RewriteResult log) {
        boolean changed = false;
        for (Apply n : fg.toposort()) {
            if (!fg.applyNodes().contains(n)) continue;
            Op inplace = n.op() == Gemm.NO_INPLACE ? Gemm.INPLACE : n.op() == Gemv.NO_INPLACE ? Gemv.INPLACE : null;
            if (inplace == null || !destroyable(fg, n, 0)) continue;
            Apply m = new Apply(inplace, n.inputs(), List.of(n.outputs().get(0).type()));
            if (RewriteDB.replaceAll(fg, n, m.outputs(), "inplace_blas", log)) changed = true;
        }
        return changed;
    }

    /** Update outputs computed in the updated shared variable's own buffer; see the class comment. */
    static boolean sharedUpdates(FunctionGraph fg, RewriteResult log) {
        boolean changed = false;
        for (Map.Entry<Variable, Integer> u : log.destroyableInputs().entrySet()) {
            Variable w = u.getKey();
            int outIdx = u.getValue();
            Variable upd = fg.outputs().get(outIdx);
            Apply n = upd.owner();
            if (n == null || !(n.op() instanceof Elemwise e) || e.inplaceInput() >= 0 || !upd.type().equals(w.type())) continue;
            List<FunctionGraph.Client> wc = fg.clients(w), uc = fg.clients(upd);
            if (wc.size() != 1 || wc.get(0).node() != n || uc.size() != 1 || uc.get(0).node() != null) continue;
            if (!floatOnly(n)) continue;
            int i = wc.get(0).index();
            Apply m = new Apply(e.withInplace(i), n.inputs(), List.of(upd.type()));
            if (RewriteDB.replaceAll(fg, n, m.outputs(), "inplace_shared_update", log)) changed = true;
        }
        return changed;
    }

    /** Every value the node's loop computes is floating point, so evaluation cannot throw midway. */
    private static boolean floatOnly(Apply n) {
        for (Variable v : n.inputs()) if (!v.dtype().isFloat()) return false;
        ScalarOp s = ((Elemwise) n.op()).scalarOp();
        if (s instanceof Composite c) {
            for (int r = 0; r < c.nInputs() + c.nodes().size(); r++) if (!c.refDType(r).isFloat()) return false;
        }
        return n.outputs().get(0).dtype().isFloat();
    }

}
