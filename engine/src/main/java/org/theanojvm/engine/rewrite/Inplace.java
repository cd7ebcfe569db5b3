package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.DimShuffle;
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
 * update, in a float domain (no error can stop the loop half way); one computed by gemm/gemv with w as
 * its z can too, when w's other readers compute fresh buffers (see {@link #readersDoneBefore}).
 * {@link FunctionGraph#toposort} schedules such nodes after every other node, which keeps the
 * function's all-or-none updates and lets the other readers see w's old value.
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
            Variable upd = fg.outputs().get(u.getValue());
            Apply n = upd.owner();
            List<FunctionGraph.Client> uc = fg.clients(upd);
            if (n == null || !upd.type().equals(w.type()) || uc.size() != 1 || uc.get(0).node() != null) continue;
            Apply m = null;
            if (n.op() instanceof Elemwise e && e.inplaceInput() < 0) {
                List<FunctionGraph.Client> wc = fg.clients(w);
                if (wc.size() == 1 && wc.get(0).node() == n && floatOnly(n)) m = new Apply(e.withInplace(wc.get(0).index()), n.inputs(), List.of(upd.type()));
            } else if ((n.op() == Gemm.NO_INPLACE || n.op() == Gemv.NO_INPLACE) && n.inputs().get(0) == w && readersDoneBefore(fg, w, n)) {
                m = new Apply(n.op() == Gemm.NO_INPLACE ? Gemm.INPLACE : Gemv.INPLACE, n.inputs(), List.of(upd.type()));
            }
            if (m != null && RewriteDB.replaceAll(fg, n, m.outputs(), "inplace_shared_update", log)) changed = true;
        }
        return changed;
    }

    /**
     * Whether w's buffer is free to overwrite once every node but {@code n} has run: n reads w only as
     * the z it accumulates into (gemm's own contract), and every other reader of w, directly or through
     * views (DimShuffle: w.T in the backward products), computes a fresh buffer and is an ordinary node
     * (toposort runs n after all of those). No view of w is a graph output. This is Theano's
     * DestroyHandler ordering for the one case it matters most, w <- w - lr * dot(x.T, delta): the
     * 784x500 W1 of an MLP is no longer copied every step.
     */
    private static boolean readersDoneBefore(FunctionGraph fg, Variable w, Apply n) {
        for (FunctionGraph.Client c : fg.clients(w)) {
            if (c.node() == n && c.index() == 0) continue;
            if (!readIntoFreshBuffers(fg, c, n)) return false;
        }
        return true;
    }

    private static boolean readIntoFreshBuffers(FunctionGraph fg, FunctionGraph.Client c, Apply n) {
        Apply r = c.node();
        if (r == null || r == n || fg.runsLast(r)) return false; // a graph output, n reading a view, another destroyer
        if (r.op() instanceof DimShuffle) {
            for (FunctionGraph.Client v : fg.clients(r.outputs().get(0))) if (!readIntoFreshBuffers(fg, v, n)) return false;
            return true;
        }
        for (Variable o : r.outputs()) {
            if (!fresh(o)) return false;
            // a node computing a graph output could itself become an in-place update, running last too
            for (FunctionGraph.Client oc : fg.clients(o)) if (oc.node() == null) return false;
        }
        return true;
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
