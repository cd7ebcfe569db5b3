package org.theanojvm.engine.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's {@code theano.scan(fn, sequences, outputs_info, non_sequences, n_steps, truncate_gradient,
 * go_backwards, name, strict)} in steps, so that the step function can live anywhere (a Java lambda via
 * {@link Scan#scan}, or a Python function called by the shim):
 * <ol>
 *   <li>declare {@link #addSequence sequences}, {@link #addOutput outputs_info} entries (in order),
 *       {@link #addNonSequence non-sequences}, {@link #setNSteps n_steps}, options;</li>
 *   <li>call the step function with {@link #stepArguments()} (Theano's argument order: every sequence
 *       slice, sequence by sequence and tap by tap; every previous-output slice, output by output and tap
 *       by tap; then the non-sequences themselves, as Theano passes them unchanged);</li>
 *   <li>hand its results to {@link #build}: the inner outputs in outputs_info order, the optional until
 *       condition and the updates it returned.</li>
 * </ol>
 * As in Theano, the step may use any outer variable directly (a closure): free variables of the inner
 * graph become extra non-sequences, shared variables become implicit inputs, and shared variables with an
 * update become recurrent states whose last value is returned as the update.
 */
public final class ScanBuilder {
    private record Seq(Variable input, int[] taps, Variable[] slices) {}

    private record Out(Variable initial, int[] taps, Variable[] slices) {
        boolean recurrent() { return taps.length > 0; }
    }

    private final List<Seq> seqs = new ArrayList<>();
    private final List<Out> outs = new ArrayList<>();
    private final List<Variable> nonSeqs = new ArrayList<>();
    private Variable nSteps;
    private boolean goBackwards;
    private int truncateGradient = -1;
    private String name;
    private boolean strict;
    private boolean built;

    public ScanBuilder() {}

    public ScanBuilder(String name) { this.name = name; }

    /**
     * A sequence (Theano's {@code sequences} entry; taps default {@code [0]}). Returns its index. The step
     * receives one slice per tap: at step t, tap k reads {@code input[t + k - min(0, min(taps))]}.
     */
    public int addSequence(Object input, int[] taps) {
        Variable v = T.asTensorVariable(input);
        if (v.ndim() == 0) throw new TheanoValueError("scan: a sequence must have at least one dimension to iterate over, got " + v.type());
        int[] tp = taps == null || taps.length == 0 ? new int[] {0} : taps.clone();
        TensorType st = stepType(v.tensorType());
        Variable[] slices = new Variable[tp.length];
        for (int k = 0; k < tp.length; k++) {
            slices[k] = st.makeVariable(v.name() == null ? null : v.name() + tapSuffix(tp[k]));
        }
        seqs.add(new Seq(v, tp, slices));
        return seqs.size() - 1;
    }

    public int addSequence(Object input) { return addSequence(input, null); }

    /**
     * An outputs_info entry. {@code initial == null}: an output that is not fed back (a map output; taps
     * must be null). Otherwise taps default to {@code [-1]}: the initial state has the shape of one step;
     * with other taps, the initial state has a leading axis of at least {@code -min(taps)} past values.
     */
    public int addOutput(Object initial, int[] taps) {
        if (initial == null) {
            if (taps != null && taps.length > 0) {
                throw new TheanoValueError("If you are using slices of an output you need to provide a initial state for it");
            }
            outs.add(new Out(null, new int[0], new Variable[0]));
            return outs.size() - 1;
        }
        Variable v = T.asTensorVariable(initial);
        int[] tp = taps == null || taps.length == 0 ? new int[] {-1} : taps.clone();
        for (int k : tp) if (k >= 0) throw new TheanoValueError("Can not use future taps of outputs");
        boolean sit = tp.length == 1 && tp[0] == -1;
        TensorType st;
        if (sit) {
            st = v.tensorType();
        } else {
            if (v.ndim() == 0) throw new TheanoValueError("scan: with taps " + java.util.Arrays.toString(tp) + " the initial state needs a leading axis of past values");
            st = stepType(v.tensorType());
        }
        Variable[] slices = new Variable[tp.length];
        for (int k = 0; k < tp.length; k++) slices[k] = st.makeVariable(v.name() == null ? null : v.name() + tapSuffix(tp[k]));
        outs.add(new Out(v, tp, slices));
        return outs.size() - 1;
    }

    /** An output that is not fed back (outputs_info entry None). */
    public int addMapOutput() { return addOutput(null, null); }

    public void addNonSequence(Object v) { nonSeqs.add(v instanceof Variable var ? var : T.asTensorVariable(v)); }

    /** n_steps: null, a Java integer or an integer scalar variable. */
    public void setNSteps(Object n) {
        if (n == null) {
            nSteps = null;
            return;
        }
        Variable v = T.asTensorVariable(n);
        if (!v.dtype().isInteger() || v.ndim() != 0) throw new TheanoValueError(" n_steps must be an int. dtype provided is " + v.dtype());
        nSteps = v;
    }

    public void setGoBackwards(boolean b) { goBackwards = b; }

    /** truncate_gradient: -1 (default) backpropagates through every step, k > 0 through the last k. */
    public void setTruncateGradient(int k) { truncateGradient = k; }

    public void setName(String n) { name = n; }

    /** strict=True: every variable the step uses must be a declared input (no implicit non-sequences). */
    public void setStrict(boolean s) { strict = s; }

    // ------------------------------------------------------------------ what the step function receives

    /** The placeholder for tap {@code tap} of sequence {@code seq} (a fresh variable of one step's type). */
    public Variable innerSequenceVariable(int seq, int tap) {
        Seq s = seqs.get(seq);
        for (int k = 0; k < s.taps.length; k++) if (s.taps[k] == tap) return s.slices[k];
        throw new TheanoValueError("sequence " + seq + " has no tap " + tap);
    }

    /** The placeholder for output {@code out}'s value at step {@code t + tap}. */
    public Variable innerStateVariable(int out, int tap) {
        Out o = outs.get(out);
        for (int k = 0; k < o.taps.length; k++) if (o.taps[k] == tap) return o.slices[k];
        throw new TheanoValueError("output " + out + " has no tap " + tap);
    }

    /** What the step receives for non-sequence k: the variable itself, as Theano passes non-sequences unchanged. */
    public Variable innerNonSequence(int k) { return nonSeqs.get(k); }

    /** The step function's arguments in Theano's order (see the class comment). Checks the number of steps is known first, as Theano does. */
    public List<Variable> stepArguments() {
        checkStepsKnown();
        List<Variable> args = new ArrayList<>();
        for (Seq s : seqs) Collections.addAll(args, s.slices);
        for (Out o : outs) Collections.addAll(args, o.slices);
        args.addAll(nonSeqs);
        return args;
    }

    private void checkStepsKnown() {
        if (seqs.isEmpty() && nSteps == null) {
            throw new TheanoValueError(" No information about the number of steps provided. Either provide a value for n_steps argument of scan "
                    + "or provide an input sequence");
        }
    }

    // ------------------------------------------------------------------ build

    /**
     * Creates the Scan node.
     *
     * @param innerOutputs the step's outputs, one per outputs_info entry (or, when no outputs_info entry
     *     was declared, any number: they are all map outputs, as with Theano's outputs_info=[])
     * @param until the until condition (a scalar) or null
     * @param updates pairs {shared variable, expression in the inner graph}, or null
     */
    public ScanResult build(List<Variable> innerOutputs, Variable until, List<Variable[]> updates) {
        if (built) throw new IllegalStateException("ScanBuilder.build called twice");
        built = true;
        checkStepsKnown();
        List<Variable> stepOuts = new ArrayList<>();
        for (Variable v : innerOutputs) stepOuts.add(T.asTensorVariable(v));
        if (outs.isEmpty()) {
            for (int i = 0; i < stepOuts.size(); i++) addMapOutput();
        } else if (stepOuts.size() != outs.size()) {
            throw new TheanoValueError("Please provide None as outputs_info for any output that does not feed back into scan (i.e. it behaves "
                    + "like a map) ");
        }
        if (until != null) {
            until = T.asTensorVariable(until);
            if (until.ndim() != 0) throw new TheanoTypeError("The condition of scan (until) must be a scalar, got " + until.type());
        }
        // ---- outer sequences: per (sequence, tap) a shifted copy, as Theano 1.0's scan cuts them
        List<Variable> outerSeqs = new ArrayList<>();
        List<Variable> innerSeqs = new ArrayList<>();
        for (Seq s : seqs) {
            int mintap = Integer.MAX_VALUE, maxtap = Integer.MIN_VALUE;
            for (int k : s.taps) {
                mintap = Math.min(mintap, k);
                maxtap = Math.max(maxtap, k);
            }
            // pretend tap 0 is used so that sequences whose taps are all >0 or all <0 are not cut too short (Theano 1.0)
            int maxP = Math.max(maxtap, 0), minP = Math.min(mintap, 0);
            for (int k = 0; k < s.taps.length; k++) {
                int tap = s.taps[k];
                long start = tap - minP;
                Variable cut = tap == maxP ? T.subtensor(s.input, SubtensorOps.slice(start, null, null))
                        : T.subtensor(s.input, SubtensorOps.slice(start, (long) -(maxP - tap), null));
                if (goBackwards) cut = reverse(cut);
                outerSeqs.add(cut);
                innerSeqs.add(s.slices[k]);
            }
        }
        // ---- number of steps: n_steps if given (sequences too short fail at run time), else the shortest sequence
        Variable actualN;
        if (nSteps != null) {
            actualN = nSteps;
        } else {
            actualN = T.shapeOf(outerSeqs.get(0), 0);
            for (int j = 1; j < outerSeqs.size(); j++) actualN = T.minimum(actualN, T.shapeOf(outerSeqs.get(j), 0));
        }
        for (int j = 0; j < outerSeqs.size(); j++) outerSeqs.set(j, T.subtensor(outerSeqs.get(j), SubtensorOps.slice(null, actualN, null)));

        // ---- shared variables with updates become extra recurrent states (Theano's sit_sot shared outputs)
        Map<SharedVariable, Variable> upd = new LinkedHashMap<>();
        if (updates != null) {
            for (Variable[] u : updates) {
                if (!(u[0] instanceof SharedVariable sv)) throw new TheanoTypeError("scan: update target must be a SharedVariable, got " + u[0]);
                upd.put(sv, T.asTensorVariable(u[1]));
            }
        }
        // ---- which variables become inner inputs, and their inner copies
        Set<Variable> placeholders = identitySet();
        placeholders.addAll(innerSeqs);
        for (Out o : outs) Collections.addAll(placeholders, o.slices);
        Map<Variable, Variable> givens = new LinkedHashMap<>();
        List<Variable> outerNonSeqs = new ArrayList<>();
        List<Variable> innerNonSeqs = new ArrayList<>();
        Set<Variable> explicitNonSeqs = identitySet();
        for (Variable v : nonSeqs) {
            if (v instanceof Constant || v instanceof SharedVariable || !explicitNonSeqs.add(v)) continue; // constants stay in the graph; shared below
            Variable copy = copyOf(v);
            givens.put(v, copy);
            outerNonSeqs.add(v);
            innerNonSeqs.add(copy);
        }
        List<Variable> allInner = new ArrayList<>(stepOuts);
        if (until != null) allInner.add(until);
        allInner.addAll(upd.values());
        Set<Variable> stop = identitySet();
        stop.addAll(placeholders);
        stop.addAll(explicitNonSeqs);
        List<Variable> extra = new ArrayList<>();
        List<SharedVariable> sharedRead = new ArrayList<>();
        for (Variable a : Graphs.ancestors(allInner, stop)) {
            if (a.owner() != null || a instanceof Constant || placeholders.contains(a) || explicitNonSeqs.contains(a)) continue;
            if (a instanceof SharedVariable sv) {
                if (!upd.containsKey(sv) && !sharedRead.contains(sv)) sharedRead.add(sv);
            } else if (!strict) {
                extra.add(a);
            }
        }
        if (strict) {
            // strict: shared variables must be listed in non_sequences too
            Set<Variable> listed = identitySet();
            listed.addAll(nonSeqs);
            sharedRead.removeIf(sv -> !listed.contains(sv));
        }
        for (Variable v : extra) {
            Variable copy = copyOf(v);
            givens.put(v, copy);
            outerNonSeqs.add(v);
            innerNonSeqs.add(copy);
        }
        for (SharedVariable sv : sharedRead) {
            Variable copy = copyOf(sv);
            givens.put(sv, copy);
            outerNonSeqs.add(sv);
            innerNonSeqs.add(copy);
        }
        List<Variable> updStates = new ArrayList<>();
        for (SharedVariable sv : upd.keySet()) {
            Variable copy = copyOf(sv);
            givens.put(sv, copy);
            updStates.add(copy);
        }
        List<Variable> cloned = Graphs.clone(allInner, givens, null);

        // ---- the op's inner inputs / outputs and outer inputs
        List<Variable> innerIns = new ArrayList<>(innerSeqs);
        List<Variable> innerOuts = new ArrayList<>();
        List<int[]> tapList = new ArrayList<>();
        List<Variable> outerInits = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            Out o = outs.get(i);
            Collections.addAll(innerIns, o.slices);
            innerOuts.add(cloned.get(i));
            tapList.add(o.taps);
            if (o.recurrent()) {
                boolean sit = o.taps.length == 1 && o.taps[0] == -1;
                int k = 0;
                for (int t : o.taps) k = Math.max(k, -t);
                outerInits.add(sit ? o.initial : T.subtensor(o.initial, SubtensorOps.slice(null, (long) k, null)));
            }
        }
        int base = stepOuts.size() + (until != null ? 1 : 0);
        int u = 0;
        for (SharedVariable sv : upd.keySet()) {
            innerIns.add(updStates.get(u));
            Variable val = cloned.get(base + u);
            // the update must keep the shared variable's type (Theano: filter_variable)
            if (!val.type().equals(sv.type()) && val.isTensor() && val.dtype() == sv.dtype() && val.ndim() == sv.ndim()) {
                val = T.patternbroadcast(val, sv.broadcastable());
            }
            innerOuts.add(val);
            tapList.add(new int[] {-1});
            outerInits.add(sv);
            u++;
        }
        if (until != null) innerOuts.add(cloned.get(stepOuts.size()));
        innerIns.addAll(innerNonSeqs);
        ScanOp op = new ScanOp(innerIns, innerOuts, innerSeqs.size(), tapList.toArray(new int[0][]), innerNonSeqs.size(), until != null,
                truncateGradient, name);
        List<Variable> outer = new ArrayList<>();
        outer.add(actualN);
        outer.addAll(outerSeqs);
        outer.addAll(outerInits);
        outer.addAll(outerNonSeqs);
        List<Variable> res = op.makeNode(outer).outputs();

        // ---- what scan() returns: recurrent outputs without their initial values; updates = last state
        List<Variable> results = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            int k = op.initLength(i);
            results.add(k == 0 ? res.get(i) : T.subtensor(res.get(i), SubtensorOps.slice((long) k, null, null)));
        }
        List<Variable[]> updOut = new ArrayList<>();
        u = 0;
        for (SharedVariable sv : upd.keySet()) {
            updOut.add(new Variable[] {sv, T.subtensor(res.get(outs.size() + u), SubtensorOps.idx(-1L))});
            u++;
        }
        return new ScanResult(results, updOut, op);
    }

    /** The type of one step of x (its leading axis removed). */
    static TensorType stepType(TensorType t) {
        boolean[] b = t.broadcastable();
        return new TensorType(t.dtype(), java.util.Arrays.copyOfRange(b, 1, b.length));
    }

    static Variable reverse(Variable x) { return T.subtensor(x, SubtensorOps.slice(null, null, -1L)); }

    private static String tapSuffix(int k) { return k > 0 ? "[t+" + k + "]" : k == 0 ? "[t]" : "[t" + k + "]"; }

    /** Theano's safe_new(x, '_copy'): a fresh variable of the same type. */
    private static Variable copyOf(Variable v) {
        return v.type().makeVariable(v.name() == null ? null : v.name() + "_copy");
    }

    private static <X> Set<X> identitySet() { return Collections.newSetFromMap(new IdentityHashMap<>()); }
}
