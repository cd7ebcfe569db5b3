package org.theanojvm.engine.scan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;

/**
 * The R-operator of {@link ScanOp} (forward-mode differentiation through the loop): a new scan that
 * runs the forward body and, beside it, the Jacobian-vector product of the body, carrying the tangent
 * of every output as an extra output with the same taps. Tangent sequences, initial tangents and
 * tangent non-sequences are the evaluation points of the corresponding outer inputs (zeros where
 * none is given). The tangent outputs have the layout of the forward op's outputs (initial values
 * first for recurrent ones), so they are the R-op of the node's outputs directly.
 */
final class ScanRop {
    private ScanRop() {}

    static List<Variable> rOp(ScanOp op, List<Variable> inputs, List<Variable> evalPoints) {
        int nSeqs = op.nSeqs(), nOut = op.nOuts(), nNon = op.nNonSeqs();
        List<Variable> ii = op.inner().inputs();
        List<Variable> io = op.inner().outputs();
        for (int i = 0; i < nOut; i++) {
            if (!io.get(i).dtype().isFloat()) throw new TheanoNotImplementedError("R_op of a scan with a non-float output (" + io.get(i).type() + ")");
        }
        Map<Variable, Variable> replace = new IdentityHashMap<>();
        List<Variable> wrt = new ArrayList<>(), tangents = new ArrayList<>();
        List<Variable> seqPh = new ArrayList<>(), seqTan = new ArrayList<>(), outerSeq = new ArrayList<>(), outerSeqTan = new ArrayList<>();
        for (int j = 0; j < nSeqs; j++) {
            Variable ph = fresh(ii.get(j)), tph = fresh(ii.get(j));
            replace.put(ii.get(j), ph);
            seqPh.add(ph);
            seqTan.add(tph);
            wrt.add(ph);
            tangents.add(tph);
            outerSeq.add(inputs.get(1 + j));
            outerSeqTan.add(tangentOf(inputs.get(1 + j), evalPoints.get(1 + j)));
        }
        List<Variable> statePh = new ArrayList<>(), stateTan = new ArrayList<>(), outerInit = new ArrayList<>(), outerInitTan = new ArrayList<>();
        for (int i = 0; i < nOut; i++) {
            int[] taps = op.taps(i);
            for (int k = 0; k < taps.length; k++) {
                Variable orig = ii.get(op.innerStateStart(i) + k);
                Variable ph = fresh(orig), tph = fresh(orig);
                replace.put(orig, ph);
                statePh.add(ph);
                stateTan.add(tph);
                wrt.add(ph);
                tangents.add(tph);
            }
            if (taps.length > 0) {
                int x = op.outerInitIndex(i);
                outerInit.add(inputs.get(x));
                outerInitTan.add(tangentOf(inputs.get(x), evalPoints.get(x)));
            }
        }
        List<Variable> nonPh = new ArrayList<>(), nonTan = new ArrayList<>(), outerNon = new ArrayList<>(), outerNonTan = new ArrayList<>();
        for (int m = 0; m < nNon; m++) {
            Variable orig = ii.get(op.innerNonSeqStart() + m);
            Variable ph = fresh(orig), tph = fresh(orig);
            replace.put(orig, ph);
            nonPh.add(ph);
            nonTan.add(tph);
            wrt.add(ph);
            tangents.add(tph);
            int x = op.outerNonSeqStart() + m;
            outerNon.add(inputs.get(x));
            outerNonTan.add(tangentOf(inputs.get(x), evalPoints.get(x)));
        }
        List<Variable> cloned = Graphs.clone(new ArrayList<>(io), replace, null);
        List<Variable> fwd = cloned.subList(0, nOut);
        List<Variable> jvp = new ArrayList<>();
        for (int i = 0; i < nOut; i++) {
            Variable o = fwd.get(i);
            Variable t;
            if (o.owner() == null && wrt.stream().noneMatch(w -> w == o)) {
                t = T.zerosLike(o); // a constant output has no tangent
            } else {
                t = Gradient.rop(List.of(o), wrt, tangents).get(0);
            }
            if (t.dtype() != o.dtype()) t = T.cast(t, o.dtype());
            if (!t.type().equals(o.type())) t = T.patternbroadcast(t, o.broadcastable());
            jvp.add(t);
        }
        // new layout: sequences then their tangents; states of the outputs then of the tangent outputs (same taps);
        // non-sequences then their tangents
        List<Variable> innerIns = new ArrayList<>(seqPh);
        innerIns.addAll(seqTan);
        innerIns.addAll(statePh);
        innerIns.addAll(stateTan);
        innerIns.addAll(nonPh);
        innerIns.addAll(nonTan);
        List<Variable> innerOuts = new ArrayList<>(fwd);
        innerOuts.addAll(jvp);
        if (op.asWhile()) innerOuts.add(cloned.get(nOut));
        int[][] taps = new int[2 * nOut][];
        for (int i = 0; i < nOut; i++) {
            taps[i] = op.taps(i);
            taps[nOut + i] = op.taps(i);
        }
        ScanOp rop = new ScanOp(innerIns, innerOuts, 2 * nSeqs, taps, 2 * nNon, op.asWhile(), op.truncateGradient(), "rop_of_" + op.name());
        List<Variable> outer = new ArrayList<>();
        outer.add(inputs.get(0));
        outer.addAll(outerSeq);
        outer.addAll(outerSeqTan);
        outer.addAll(outerInit);
        outer.addAll(outerInitTan);
        outer.addAll(outerNon);
        outer.addAll(outerNonTan);
        List<Variable> res = rop.makeNode(outer).outputs();
        return new ArrayList<>(res.subList(nOut, 2 * nOut));
    }

    private static Variable fresh(Variable like) { return like.type().makeVariable(like.name() == null ? null : like.name() + "_tangent"); }

    /** The evaluation point of an outer input, with its exact type, or zeros when it has none. */
    private static Variable tangentOf(Variable input, Variable ev) {
        if (ev == null) return T.zerosLike(input);
        Variable t = ev;
        if (t.dtype() != input.dtype()) t = T.cast(t, input.dtype());
        if (!t.type().equals(input.type())) t = T.patternbroadcast(t, input.broadcastable());
        return t;
    }
}
