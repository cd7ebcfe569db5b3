package org.theanojvm.engine.scan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.ops.DimShuffle;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.tensor.T;

/**
 * The gradient of a non-sequence through scan is the sum over time of its per-step gradient. Summed
 * naively, every backward step computes a small weight-shaped product ({@code dW_t = a_t^T b_t}, a
 * 32x128 by 32x128 product for an RNN's recurrent weights) and the loop stacks them all. Theano's
 * PushOutDot1 rewrite does better, and so does this class, at gradient-construction time: the terms of
 * a per-step gradient that are {@code dot(a_t.T, b_t)} or {@code sum(e_t, axis=0)} are summed outside
 * the loop as one product of the stacked factors ({@code sum_t a_t^T b_t = A^T B} with A, B the
 * step-stacked matrices flattened over time and rows) or one sum over two axes. The loop then only
 * outputs the factors (once each, however many gradients share them; a factor that is already a
 * backward sequence costs nothing), and one large gemm replaces a small one per step.
 *
 * <p>Terms of other shapes stay in the loop, summed over time afterwards as before.
 */
final class TimeSummedGradients {
    /** One term summed outside: {@code sum_t left_t^T right_t}, or {@code sum_t sum(right_t, axis=0)} when left is null. */
    private record Term(Variable left, Variable right) {}

    private final List<List<Term>> outside = new ArrayList<>();
    private final List<Variable> inLoop = new ArrayList<>();
    /** Inner variable -> where its stacked steps come from: a backward sequence (index >= 0) or a new map output (-1 - k). */
    private final Map<Variable, Integer> stackSource = new IdentityHashMap<>();
    private final List<Variable> stackedOutputs = new ArrayList<>();

    /**
     * @param perStep the per-step gradient of each non-sequence (null where it has none)
     * @param backwardSeqs the backward body's sequence placeholders (their stacked values are known outside)
     */
    TimeSummedGradients(List<Variable> perStep, List<Variable> backwardSeqs) {
        Map<Variable, Integer> seqIndex = new IdentityHashMap<>();
        for (int k = 0; k < backwardSeqs.size(); k++) seqIndex.put(backwardSeqs.get(k), k);
        for (Variable g : perStep) {
            List<Term> pushed = new ArrayList<>();
            Variable remainder = null;
            if (g != null) {
                for (Variable term : additiveTerms(g)) {
                    Term t = asTimeSummable(term, seqIndex);
                    if (t == null) {
                        remainder = remainder == null ? term : T.add(remainder, term);
                    } else {
                        pushed.add(t);
                        if (t.left() != null) stack(t.left(), seqIndex);
                        stack(t.right(), seqIndex);
                    }
                }
            }
            outside.add(pushed);
            inLoop.add(remainder);
        }
    }

    /** What non-sequence m still needs summed in the loop (null: nothing, or no gradient at all). */
    Variable inLoop(int m) { return inLoop.get(m); }

    /** The new per-step map outputs of the backward body: the factors of the terms summed outside. */
    List<Variable> stackedOutputs() { return stackedOutputs; }

    /**
     * The part of non-sequence m's gradient summed outside the loop, or null.
     *
     * @param backwardOuterSeqs the backward scan's outer sequences (full length)
     * @param stackedResults the backward scan's results for {@link #stackedOutputs()}, in that order
     * @param nBwd the number of backward steps run
     */
    Variable outsideSum(int m, List<Variable> backwardOuterSeqs, List<Variable> stackedResults, Variable nBwd) {
        Variable total = null;
        for (Term t : outside.get(m)) {
            Variable right = flattenTime(stacked(t.right(), backwardOuterSeqs, stackedResults, nBwd));
            Variable s = t.left() == null ? T.sum(right, new int[] {0}, false, null, null)
                    : T.dot(T.transpose(flattenTime(stacked(t.left(), backwardOuterSeqs, stackedResults, nBwd))), right);
            total = total == null ? s : T.add(total, s);
        }
        return total;
    }

    private void stack(Variable v, Map<Variable, Integer> seqIndex) {
        if (stackSource.containsKey(v)) return;
        Integer k = seqIndex.get(v);
        if (k != null) {
            stackSource.put(v, k);
        } else {
            stackSource.put(v, -1 - stackedOutputs.size());
            stackedOutputs.add(v);
        }
    }

    private Variable stacked(Variable v, List<Variable> backwardOuterSeqs, List<Variable> stackedResults, Variable nBwd) {
        int k = stackSource.get(v);
        if (k >= 0) {
            // the outer sequences hold every forward step; the backward scan ran the first nBwd of them
            return T.subtensor(backwardOuterSeqs.get(k), org.theanojvm.engine.ops.SubtensorOps.slice(null, nBwd, null));
        }
        return stackedResults.get(-1 - k);
    }

    /** (time, rows, cols) -> (time * rows, cols). */
    private static Variable flattenTime(Variable x) { return T.reshape(x, new Object[] {-1L, T.shapeOf(x, 2)}, 2); }

    private static List<Variable> additiveTerms(Variable g) {
        List<Variable> terms = new ArrayList<>();
        List<Variable> todo = new ArrayList<>(List.of(g));
        while (!todo.isEmpty()) {
            Variable v = todo.remove(todo.size() - 1);
            Apply a = v.owner();
            if (a != null && a.op() instanceof Elemwise e && e.scalarOp() == ArithmeticOps.ADD && sameTypeAsInputs(v, a)) {
                todo.addAll(a.inputs());
            } else {
                terms.add(v);
            }
        }
        return terms;
    }

    /** An add whose inputs all have the output's type (no broadcasting hidden in the sum). */
    private static boolean sameTypeAsInputs(Variable out, Apply add) {
        for (Variable in : add.inputs()) if (!in.type().equals(out.type())) return false;
        return true;
    }

    /** dot(a.T, b) of step matrices, or sum(e, axis=0) of a step matrix seen through broadcast-only dimshuffles. */
    private static Term asTimeSummable(Variable term, Map<Variable, Integer> seqIndex) {
        Apply a = term.owner();
        if (a == null) return null;
        if (a.op() instanceof Dot && term.ndim() == 2) {
            Variable l = a.inputs().get(0), r = a.inputs().get(1);
            if (l.owner() == null || !(l.owner().op() instanceof DimShuffle d) || !isTranspose(d) || r.ndim() != 2) return null;
            Variable left = l.owner().inputs().get(0);
            if (!isStepValue(left, seqIndex) || !isStepValue(r, seqIndex)) return null;
            return new Term(left, r);
        }
        Variable core = term;
        while (core.owner() != null && core.owner().op() instanceof DimShuffle d && onlyBroadcastDims(d)) core = core.owner().inputs().get(0);
        if (term.ndim() == 1 && core.ndim() == 1 && core.owner() != null && core.owner().op() instanceof CAReduce r && r.kind() == CAReduce.Kind.SUM
                && r.axes() != null && r.axes().length == 1 && r.axes()[0] == 0 && core.owner().inputs().get(0).ndim() == 2
                && core.dtype() == term.dtype()) {
            Variable e = core.owner().inputs().get(0);
            if (!isStepValue(e, seqIndex)) return null;
            return new Term(null, e);
        }
        return null;
    }

    private static boolean isTranspose(DimShuffle d) {
        int[] o = d.newOrder();
        return o.length == 2 && o[0] == 1 && o[1] == 0;
    }

    /** A dimshuffle that only adds or drops broadcastable axes, keeping the others in order. */
    private static boolean onlyBroadcastDims(DimShuffle d) {
        int last = -1;
        for (int k : d.newOrder()) {
            if (k < 0) continue;
            if (k <= last) return false;
            last = k;
        }
        return true;
    }

    /** Computed in the step or a backward sequence slice: a value that changes from step to step. */
    private static boolean isStepValue(Variable v, Map<Variable, Integer> seqIndex) {
        return seqIndex.containsKey(v) || (v.owner() != null && v.ndim() == 2);
    }
}
