package org.theanojvm.engine.scan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.NullType;
import org.theanojvm.engine.types.TensorType;

/**
 * Backpropagation through time for {@link ScanOp}: the gradient is another Scan that walks the forward
 * steps in reverse (Theano builds a mit_mot scan for this; here the adjoints are ordinary recurrent
 * states, which is the same computation).
 *
 * <p>At backward step r (forward step t = n-1-r) the body is the vector-Jacobian product of the forward
 * body: the forward inner graph is cloned onto placeholders fed with the forward values of step t
 * (sequence slices, the previous outputs its taps read, the non-sequences), and
 * {@link Gradient#grad} with known_grads pushes onto its inputs the total gradient on each step output:
 * the direct gradient from the cost ({@code dC/dY[t]}) plus, for a recurrent output, the adjoint carried
 * from later steps. The backward scan returns, per step, the gradients on the sequence slices and the
 * non-sequences (summed over time afterwards) and carries, per recurrent output, the adjoint of its past
 * values: for taps [-1] the gradient on y[t-1]; for other taps a window of K = -min(taps) entries
 * (entry j: the gradient accumulated so far on y[t-1-j]), shifted by one each step. After the first
 * forward step the carry is the gradient on the initial state.
 *
 * <p>truncate_gradient = k runs only the last k forward steps backwards: earlier sequence entries and the
 * initial state then get no gradient through the recurrence (Theano's truncated BPTT).
 */
final class ScanGrad {
    private ScanGrad() {}

    static List<Variable> lOp(ScanOp op, List<Variable> inputs, List<Variable> outputs, List<Variable> og) {
        int nOut = op.nOuts();
        int nIn = inputs.size();
        boolean[][] cp = op.connectionPattern(null);
        boolean[] outConn = new boolean[nOut];
        for (int j = 0; j < nOut; j++) outConn[j] = !DisconnectedType.is(og.get(j)) && isFloat(outputs.get(j));
        boolean[] inConn = new boolean[nIn];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) inConn[i] |= cp[i][j] && !DisconnectedType.is(og.get(j));
        }
        List<Variable> innerIn = op.inner().inputs();
        List<Variable> innerOut = op.inner().outputs();

        // ---- number of forward steps actually run (an until condition may stop early): from the first output's length
        Variable nFwd = T.shapeOf(outputs.get(0), 0);
        if (op.initLength(0) > 0) nFwd = T.sub(nFwd, T.constant(NdArray.scalarLong(DType.INT64, op.initLength(0))));
        Variable nBwd = op.truncateGradient() > 0 ? T.minimum(nFwd, T.constant(NdArray.scalarLong(DType.INT64, op.truncateGradient()))) : nFwd;

        List<Variable> bOuterSeqs = new ArrayList<>(), bInnerSeqs = new ArrayList<>();
        Map<Variable, Variable> replace = new IdentityHashMap<>();
        // forward sequence slices
        for (int j = 0; j < op.nSeqs(); j++) {
            Variable ph = fresh(innerIn.get(j));
            replace.put(innerIn.get(j), ph);
            bOuterSeqs.add(ScanBuilder.reverse(slice(inputs.get(1 + j), null, nFwd)));
            bInnerSeqs.add(ph);
        }
        // forward previous outputs read by the taps: y[t + tap] = buffer[K + t + tap]
        for (int i = 0; i < nOut; i++) {
            int[] taps = op.taps(i);
            int K = op.initLength(i);
            for (int k = 0; k < taps.length; k++) {
                Variable orig = innerIn.get(op.innerStateStart(i) + k);
                Variable ph = fresh(orig);
                replace.put(orig, ph);
                bOuterSeqs.add(storedStepsReversed(outputs.get(i), K + taps[k], nFwd));
                bInnerSeqs.add(ph);
            }
        }
        // direct gradients of the cost on each step's output
        Variable[] direct = new Variable[nOut];
        for (int i = 0; i < nOut; i++) {
            if (!outConn[i]) continue;
            int K = op.initLength(i);
            Variable g = og.get(i);
            Variable gSteps = K == 0 ? slice(g, null, nFwd) : slice(g, T.constant(NdArray.scalarLong(DType.INT64, K)), null);
            TensorType gt = gSteps.tensorType();
            Variable ph = ScanBuilder.stepType(gt).makeVariable(null);
            bOuterSeqs.add(ScanBuilder.reverse(gSteps));
            bInnerSeqs.add(ph);
            direct[i] = ph;
        }
        // non-sequences
        List<Variable> bOuterNonSeqs = new ArrayList<>(), bInnerNonSeqs = new ArrayList<>();
        for (int m = 0; m < op.nNonSeqs(); m++) {
            Variable orig = innerIn.get(op.innerNonSeqStart() + m);
            Variable ph = fresh(orig);
            replace.put(orig, ph);
            bOuterNonSeqs.add(inputs.get(op.outerNonSeqStart() + m));
            bInnerNonSeqs.add(ph);
        }
        // adjoint carries of the recurrent float outputs
        List<Integer> carried = new ArrayList<>();
        List<Variable> carryInner = new ArrayList<>(), carryInit = new ArrayList<>();
        Variable[] carryOf = new Variable[nOut];
        for (int i = 0; i < nOut; i++) {
            if (!op.isRecurrent(i) || !isFloat(outputs.get(i))) continue;
            Variable init = inputs.get(op.outerInitIndex(i));
            Variable z = op.isSitSot(i) ? T.zerosLike(init) : T.zerosLike(slice(init, null, T.constant(NdArray.scalarLong(DType.INT64, op.initLength(i)))));
            Variable ph = z.type().makeVariable(null);
            carried.add(i);
            carryInner.add(ph);
            carryInit.add(z);
            carryOf[i] = ph;
        }

        // ---- the backward body: VJP of the forward body
        List<Variable> fwdOuts = innerOut.subList(0, nOut);
        List<Variable> cloned = Graphs.clone(new ArrayList<>(fwdOuts), replace, null);
        Map<Variable, Variable> known = new LinkedHashMap<>();
        for (int i = 0; i < nOut; i++) {
            if (!isFloat(outputs.get(i))) continue;
            Variable total = direct[i];
            if (carryOf[i] != null) {
                Variable c = op.isSitSot(i) ? carryOf[i] : T.subtensor(carryOf[i], SubtensorOps.idx(0L));
                total = total == null ? c : T.add(total, c);
            }
            if (total == null) continue;
            Variable out = cloned.get(i);
            if (total.dtype() != out.dtype()) total = T.cast(total, out.dtype());
            // a fresh copy of the output as the key, as Theano's scan grad does: gradients known on two outputs
            // that are the same variable, or on an output that also feeds another, must add up
            known.put(T.identity(out), total);
        }
        List<Variable> wrt = new ArrayList<>();
        for (Variable v : bInnerSeqs.subList(0, op.nSeqs())) if (isFloat(v)) wrt.add(v);
        int nTapPh = bInnerSeqs.size() - op.nSeqs() - countNonNull(direct);
        List<Variable> tapPh = bInnerSeqs.subList(op.nSeqs(), op.nSeqs() + nTapPh);
        for (Variable v : tapPh) if (isFloat(v)) wrt.add(v);
        for (Variable v : bInnerNonSeqs) if (isFloat(v)) wrt.add(v);
        List<Variable> gr = known.isEmpty() ? zerosFor(wrt) : Gradient.grad(null, wrt, null, "ignore", false, known, "zero", "return");
        Map<Variable, Variable> gOf = new IdentityHashMap<>();
        for (int k = 0; k < wrt.size(); k++) {
            Variable g = gr.get(k);
            if (NullType.is(g)) return nullGrads(op, inputs, inConn, (NullType) g.type());
            gOf.put(wrt.get(k), g);
        }

        List<Variable> bInnerOuts = new ArrayList<>();
        List<int[]> bTaps = new ArrayList<>();
        int[] seqOut = new int[op.nSeqs()];
        for (int j = 0; j < op.nSeqs(); j++) {
            Variable ph = bInnerSeqs.get(j);
            seqOut[j] = -1;
            if (!isFloat(ph)) continue;
            seqOut[j] = bInnerOuts.size();
            bInnerOuts.add(gOf.get(ph));
            bTaps.add(new int[0]);
        }
        int[] carryOut = new int[nOut];
        java.util.Arrays.fill(carryOut, -1);
        for (int c = 0; c < carried.size(); c++) {
            int i = carried.get(c);
            int[] taps = op.taps(i);
            Variable phCarry = carryInner.get(c);
            Variable next;
            if (op.isSitSot(i)) {
                next = gOf.get(replace.get(innerIn.get(op.innerStateStart(i))));
            } else {
                // window shift: entry j of the next window (gradient on y[t-1-j]) = entry j+1 of this one plus
                // what this step's tap -1-j contributed
                int K = op.initLength(i);
                next = T.zerosLike(phCarry);
                if (K > 1) {
                    next = T.setSubtensor(T.subtensor(next, SubtensorOps.slice(0L, (long) (K - 1), null)),
                            T.subtensor(phCarry, SubtensorOps.slice(1L, null, null)));
                }
                for (int k = 0; k < taps.length; k++) {
                    Variable d = gOf.get(replace.get(innerIn.get(op.innerStateStart(i) + k)));
                    next = T.incSubtensor(T.subtensor(next, SubtensorOps.idx((long) (-1 - taps[k]))), d);
                }
            }
            next = conform(next, phCarry);
            carryOut[i] = bInnerOuts.size();
            bInnerOuts.add(next);
            bTaps.add(new int[] {-1});
        }
        int nsStart = bInnerOuts.size();
        int[] nsOut = new int[op.nNonSeqs()];
        boolean[] nsHasGrad = new boolean[op.nNonSeqs()];
        for (int m = 0; m < op.nNonSeqs(); m++) {
            Variable ph = bInnerNonSeqs.get(m);
            nsOut[m] = -1;
            if (!isFloat(ph)) continue;
            nsHasGrad[m] = true;
            nsOut[m] = bInnerOuts.size();
            bInnerOuts.add(gOf.get(ph));
        }
        bInnerOuts = reuseForwardResults(op, outputs, cloned, nFwd, bInnerOuts, bInnerSeqs, bOuterSeqs);
        // the non-sequences' per-step gradients: what can be summed over time as one product outside the loop is,
        // the rest stays a per-step output summed afterwards
        List<Variable> perStep = new ArrayList<>();
        for (int m = 0; m < op.nNonSeqs(); m++) perStep.add(nsOut[m] < 0 ? null : bInnerOuts.get(nsOut[m]));
        TimeSummedGradients timeSums = new TimeSummedGradients(perStep, bInnerSeqs);
        bInnerOuts = new ArrayList<>(bInnerOuts.subList(0, nsStart));
        for (int m = 0; m < op.nNonSeqs(); m++) {
            nsOut[m] = -1;
            if (timeSums.inLoop(m) == null) continue;
            nsOut[m] = bInnerOuts.size();
            bInnerOuts.add(timeSums.inLoop(m));
        }
        int stackStart = bInnerOuts.size();
        bInnerOuts.addAll(timeSums.stackedOutputs());
        while (bTaps.size() < bInnerOuts.size()) bTaps.add(new int[0]);
        // The backward op's layout wants the carried outputs' placeholders right after the sequences; its output order
        // (sequence grads, carries, non-sequence grads) matches the order of those inputs.
        List<Variable> bInnerIns = new ArrayList<>(bInnerSeqs);
        bInnerIns.addAll(carryInner);
        bInnerIns.addAll(bInnerNonSeqs);
        ScanOp back = new ScanOp(bInnerIns, bInnerOuts, bInnerSeqs.size(), bTaps.toArray(new int[0][]), bInnerNonSeqs.size(), false, -1,
                "grad_of_" + op.name());
        List<Variable> bOuter = new ArrayList<>();
        bOuter.add(nBwd);
        bOuter.addAll(bOuterSeqs);
        bOuter.addAll(carryInit);
        bOuter.addAll(bOuterNonSeqs);
        List<Variable> bRes = back.makeNode(bOuter).outputs();

        // ---- gradients on the forward op's inputs
        List<Variable> result = new ArrayList<>();
        for (int x = 0; x < nIn; x++) result.add(DisconnectedType.make());
        for (int j = 0; j < op.nSeqs(); j++) {
            int x = 1 + j;
            if (!inConn[x]) continue;
            Variable seq = inputs.get(x);
            if (seqOut[j] < 0) {
                result.set(x, T.zerosLikeFloat(seq));
                continue;
            }
            // backward outputs run from forward step n-1 down to n-nBwd
            Variable dsFwdOrder = T.cast(ScanBuilder.reverse(bRes.get(seqOut[j])), seq.dtype());
            result.set(x, T.incSubtensor(slice(T.zerosLike(seq), T.sub(nFwd, nBwd), nFwd), dsFwdOrder));
        }
        for (int i = 0; i < nOut; i++) {
            if (!op.isRecurrent(i)) continue;
            int x = op.outerInitIndex(i);
            if (!inConn[x]) continue;
            Variable init = inputs.get(x);
            if (carryOut[i] < 0) {
                result.set(x, T.zerosLikeFloat(init));
                continue;
            }
            Variable last = T.subtensor(bRes.get(carryOut[i]), SubtensorOps.idx(-1L));
            if (op.truncateGradient() > 0) {
                // truncated: the carry only reaches the initial state when every step was run backwards
                last = T.switch_(T.eq(nBwd, nFwd), last, T.zerosLike(last));
            }
            Variable g;
            int K = op.initLength(i);
            if (op.isSitSot(i)) {
                g = last;
                if (outConn[i]) g = T.add(g, T.subtensor(og.get(i), SubtensorOps.idx(0L)));
            } else {
                Variable win = ScanBuilder.reverse(last); // window entry j is the gradient on init[K-1-j]
                if (outConn[i]) win = T.add(win, slice(og.get(i), null, T.constant(NdArray.scalarLong(DType.INT64, K))));
                g = T.incSubtensor(slice(T.zerosLike(init), null, T.constant(NdArray.scalarLong(DType.INT64, K))), win);
            }
            result.set(x, conform(g, init));
        }
        for (int m = 0; m < op.nNonSeqs(); m++) {
            int x = op.outerNonSeqStart() + m;
            if (!inConn[x]) continue;
            Variable ns = inputs.get(x);
            if (!nsHasGrad[m]) {
                result.set(x, T.zerosLikeFloat(ns));
                continue;
            }
            Variable g = timeSums.outsideSum(m, bOuterSeqs, bRes.subList(stackStart, bRes.size()), nBwd);
            if (nsOut[m] >= 0) {
                Variable summed = T.sum(bRes.get(nsOut[m]), new int[] {0}, false, null, null);
                g = g == null ? summed : T.add(T.cast(summed, g.dtype()), g);
            }
            if (g == null) g = T.zerosLikeFloat(ns); // a per-step gradient that was all terms summed to nothing
            result.set(x, conform(g, ns));
        }
        for (int x = 0; x < nIn; x++) {
            // inputs connected only through integer outputs get zeros, as the driver expects a term for them
            if (inConn[x] && DisconnectedType.is(result.get(x)) && x > 0) result.set(x, T.zerosLikeFloat(inputs.get(x)));
        }
        return result;
    }

    /**
     * The body above is the VJP of a clone of the forward body, so it would recompute the forward step
     * (tanh and sigmoid gradients read their own output; every product and sum under it runs again).
     * The forward scan already stored every step's result: where the backward body reads a cloned step
     * output, it reads that stored value instead, fed as one more backward sequence (Theano's scan grad
     * does the same), and the recomputation becomes dead code. Only outputs whose whole buffer is kept
     * qualify; a body that reads none gets no extra sequence.
     */
    private static List<Variable> reuseForwardResults(ScanOp op, List<Variable> outputs, List<Variable> cloned, Variable nFwd,
            List<Variable> bInnerOuts, List<Variable> bInnerSeqs, List<Variable> bOuterSeqs) {
        Variable[] stepOf = new Variable[op.nOuts()]; // the placeholder fed with output i's stored steps
        Map<Variable, Variable> stored = new IdentityHashMap<>();
        for (int i = 0; i < op.nOuts(); i++) {
            Variable y = cloned.get(i);
            if (!isFloat(outputs.get(i)) || y.owner() == null || stored.containsKey(y) || op.keepsOnlyLastStep(i)) continue;
            Variable ph = ScanBuilder.stepType(outputs.get(i).tensorType()).makeVariable(null);
            if (!ph.type().equals(y.type())) continue;
            stored.put(y, ph);
            stepOf[i] = ph;
        }
        if (stored.isEmpty()) return bInnerOuts;
        // op gradients rebuild what they read (tanh's builds a new tanh of the same input), so a node computing
        // the same as a step output is that output too (a local merge)
        Map<Variable, Variable> replace = new IdentityHashMap<>(stored);
        for (org.theanojvm.engine.graph.Apply a : Graphs.toposort(new ArrayList<>(stored.keySet()), bInnerOuts)) {
            for (Variable y : stored.keySet()) {
                org.theanojvm.engine.graph.Apply f = y.owner();
                if (a != f && a.computesSameAs(f)) replace.put(a.outputs().get(f.outputs().indexOf(y)), stored.get(y));
            }
        }
        List<Variable> rewired = Graphs.clone(bInnerOuts, replace, null);
        java.util.Set<Variable> read = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        read.addAll(Graphs.ancestors(rewired, null));
        for (int i = 0; i < op.nOuts(); i++) {
            if (stepOf[i] == null || !read.contains(stepOf[i])) continue;
            bOuterSeqs.add(storedStepsReversed(outputs.get(i), op.initLength(i), nFwd));
            bInnerSeqs.add(stepOf[i]);
        }
        return new ArrayList<>(rewired);
    }

    /** A forward output's buffer entries [start, start + nFwd), last step first: a backward sequence. */
    private static Variable storedStepsReversed(Variable output, int start, Variable nFwd) {
        Variable s = T.constant(NdArray.scalarLong(DType.INT64, start));
        return ScanBuilder.reverse(slice(output, s, T.add(s, nFwd)));
    }

    private static boolean isFloat(Variable v) { return v.isTensor() && v.dtype().isFloat(); }

    private static int countNonNull(Variable[] a) {
        int n = 0;
        for (Variable v : a) if (v != null) n++;
        return n;
    }

    private static Variable fresh(Variable like) { return like.type().makeVariable(like.name()); }

    /** x[start:stop] along axis 0; bounds are null, Java numbers or int scalar variables. */
    private static Variable slice(Variable x, Object start, Object stop) { return T.subtensor(x, SubtensorOps.slice(start, stop, null)); }

    /** Gives v exactly the type of {@code like} (same dtype, broadcastable pattern), as a recurrent state needs. */
    private static Variable conform(Variable v, Variable like) {
        if (v.dtype() != like.dtype()) v = T.cast(v, like.dtype());
        if (!v.type().equals(like.type())) v = T.patternbroadcast(v, like.broadcastable());
        return v;
    }

    private static List<Variable> zerosFor(List<Variable> wrt) {
        List<Variable> r = new ArrayList<>();
        for (Variable w : wrt) r.add(T.zerosLikeFloat(w));
        return r;
    }

    /** A gradient of the body is not implemented or undefined: so is the scan's, for every connected input. */
    private static List<Variable> nullGrads(ScanOp op, List<Variable> inputs, boolean[] inConn, NullType why) {
        List<Variable> r = new ArrayList<>();
        for (int x = 0; x < inputs.size(); x++) {
            r.add(inConn[x] ? new NullType("This variable is Null because the gradient of the inner graph of " + op + " is: " + why.why())
                    .makeVariable(null) : DisconnectedType.make());
        }
        return r;
    }

}
