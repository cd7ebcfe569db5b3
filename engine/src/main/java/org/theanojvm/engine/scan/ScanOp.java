package org.theanojvm.engine.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's Scan op: a loop whose body is an inner {@link FunctionGraph}.
 *
 * <p>Layout (a simplification of Theano's seqs / mit_sot / sit_sot / nit_sot / non-seqs layout that keeps
 * its semantics):
 * <ul>
 *   <li>outer inputs: {@code [n_steps, sequences..., initial states (one per recurrent output, in output
 *       order)..., non-sequences...]}. Sequences arrive already aligned: taps, go_backwards and the trimming
 *       to the number of steps are done in the outer graph by {@link ScanBuilder}, as Theano 1.0 does
 *       ("we reverse the inputs outside of scan"), so their gradients come from Subtensor's;</li>
 *   <li>inner inputs: {@code [one slice per sequence, one placeholder per (recurrent output, tap) in tap
 *       order, one placeholder per non-sequence]};</li>
 *   <li>inner outputs: one per output, then the until condition when {@code asWhile};</li>
 *   <li>outputs: for a map output (no taps) the stacked step results {@code (n, ...)}; for a recurrent
 *       output with taps {@code T} and {@code K = -min(T)} the whole buffer {@code (K + n, ...)}: the K
 *       initial values then the step results, as Theano's op output (the builder returns {@code buf[K:]}).
 *       Taps {@code [-1]} take a step-shaped initial state (sit_sot); other taps an initial state with a
 *       leading axis of at least K entries (mit_sot), as in Theano.</li>
 * </ul>
 * The inner graph is compiled once per op ({@link InnerFunction}) and reused for every step and call.
 * The gradient ({@link ScanGrad}) is another Scan running backwards in time.
 */
public final class ScanOp extends Op {
    private final FunctionGraph inner;
    private final int nSeqs;
    private final int[][] taps;
    private final int nNonSeqs;
    private final boolean asWhile;
    private final int truncateGradient;
    private final String name;
    private final int[] stateStart;
    private final int nRecurrent;
    private transient volatile InnerFunction compiled; // caches: rebuilt after unpickling
    private transient volatile boolean[][] connection;
    /**
     * Per output: keep only the last step (after as many entries as the initial state has, so the
     * result's time axis has initLength + 1 entries). Set by the
     * scan_save_mem rewrite ({@link ScanSaveMemory}) when every client of that output reads {@code [-1]};
     * all false as built by theano.scan.
     */
    private boolean[] lastOnly;

    /**
     * @param innerInputs sequence slices, state tap placeholders, non-sequence placeholders
     * @param innerOutputs one per output, then the condition if asWhile
     * @param taps per output: empty for a map output, else negative taps
     * @param truncateGradient -1 for full backpropagation through time, else the number of steps kept
     */
    public ScanOp(List<Variable> innerInputs, List<Variable> innerOutputs, int nSeqs, int[][] taps, int nNonSeqs, boolean asWhile,
            int truncateGradient, String name) {
        this.nSeqs = nSeqs;
        this.taps = new int[taps.length][];
        for (int i = 0; i < taps.length; i++) this.taps[i] = taps[i].clone();
        this.nNonSeqs = nNonSeqs;
        this.asWhile = asWhile;
        this.truncateGradient = truncateGradient;
        this.name = name == null ? "scan_fn" : name;
        stateStart = new int[taps.length];
        int pos = nSeqs, nRec = 0;
        for (int i = 0; i < taps.length; i++) {
            stateStart[i] = pos;
            pos += taps[i].length;
            if (taps[i].length > 0) nRec++;
            for (int k : taps[i]) if (k >= 0) throw new TheanoValueError("Can not use future taps of outputs (tap " + k + ")");
        }
        nRecurrent = nRec;
        if (innerInputs.size() != pos + nNonSeqs) {
            throw new TheanoValueError("scan: expected " + (pos + nNonSeqs) + " inner inputs, got " + innerInputs.size());
        }
        if (innerOutputs.size() != taps.length + (asWhile ? 1 : 0)) {
            throw new TheanoValueError("scan: expected " + (taps.length + (asWhile ? 1 : 0)) + " inner outputs, got " + innerOutputs.size());
        }
        // Theano's validate_inner_graph: a recurrent state is read and written with one type.
        for (int i = 0; i < taps.length; i++) {
            for (int k = 0; k < taps[i].length; k++) {
                Variable in = innerInputs.get(stateStart[i] + k), out = innerOutputs.get(i);
                if (!in.type().equals(out.type())) {
                    throw new TheanoTypeError("Inconsistency in the inner graph of scan '" + this.name + "' : an input and an output are associated "
                            + "with the same recurrent state and should have the same type but have type '" + in.type() + "' and '" + out.type()
                            + "' respectively.");
                }
            }
        }
        for (int i = 0; i < taps.length; i++) {
            if (!innerOutputs.get(i).isTensor()) throw new TheanoTypeError("scan: output " + i + " of the step function is not a tensor: " + innerOutputs.get(i));
        }
        if (asWhile) {
            Variable c = innerOutputs.get(taps.length);
            if (!c.isTensor() || c.ndim() != 0) throw new TheanoTypeError("The condition of scan (until) must be a scalar, got " + c.type());
        }
        this.inner = new FunctionGraph(innerInputs, innerOutputs);
        this.lastOnly = new boolean[taps.length];
    }

    /** This scan, keeping only the last step of the outputs flagged (the compiled inner function is shared). */
    public ScanOp keepingOnlyLastStep(boolean[] flags) {
        ScanOp s = new ScanOp(inner.inputs(), inner.outputs(), nSeqs, taps, nNonSeqs, asWhile, truncateGradient, name);
        s.lastOnly = flags.clone();
        s.compiled = compiled;
        return s;
    }

    /** This scan without the map outputs flagged in {@code drop} (recurrent outputs cannot be dropped). */
    public ScanOp withoutOutputs(boolean[] drop) {
        List<Variable> outs = new ArrayList<>();
        List<int[]> keptTaps = new ArrayList<>();
        List<Boolean> keptLast = new ArrayList<>();
        for (int i = 0; i < taps.length; i++) {
            if (drop[i]) {
                if (taps[i].length > 0) throw new IllegalArgumentException("a recurrent output cannot be dropped");
                continue;
            }
            outs.add(inner.outputs().get(i));
            keptTaps.add(taps[i]);
            keptLast.add(lastOnly[i]);
        }
        if (asWhile) outs.add(inner.outputs().get(taps.length));
        ScanOp s = new ScanOp(inner.inputs(), outs, nSeqs, keptTaps.toArray(new int[0][]), nNonSeqs, asWhile, truncateGradient, name);
        for (int i = 0; i < keptLast.size(); i++) s.lastOnly[i] = keptLast.get(i);
        return s;
    }

    /** Whether output i keeps only its last step (see {@link #keepingOnlyLastStep}). */
    public boolean keepsOnlyLastStep(int output) { return lastOnly[output]; }

    // ------------------------------------------------------------------ layout accessors (for the grad, the shim and printers)

    public FunctionGraph inner() { return inner; }

    public int nSeqs() { return nSeqs; }

    public int nOuts() { return taps.length; }

    public int[] taps(int output) { return taps[output].clone(); }

    public boolean isRecurrent(int output) { return taps[output].length > 0; }

    public boolean isSitSot(int output) { return taps[output].length == 1 && taps[output][0] == -1; }

    /** Number of initial values kept at the head of a recurrent output's buffer (0 for a map output). */
    public int initLength(int output) {
        int k = 0;
        for (int t : taps[output]) k = Math.max(k, -t);
        return k;
    }

    public int nRecurrent() { return nRecurrent; }

    public int nNonSeqs() { return nNonSeqs; }

    public boolean asWhile() { return asWhile; }

    public int truncateGradient() { return truncateGradient; }

    public String name() { return name; }

    /** Index in the inner inputs of the first tap placeholder of a recurrent output. */
    public int innerStateStart(int output) { return stateStart[output]; }

    public int innerNonSeqStart() { return inner.inputs().size() - nNonSeqs; }

    /** Outer input index of the initial state of a recurrent output. */
    public int outerInitIndex(int output) {
        int r = 0;
        for (int i = 0; i < output; i++) if (taps[i].length > 0) r++;
        return 1 + nSeqs + r;
    }

    public int outerNonSeqStart() { return 1 + nSeqs + nRecurrent; }

    // ------------------------------------------------------------------ Op

    @Override
    public Apply makeNode(List<Variable> inputs) {
        int expected = 1 + nSeqs + nRecurrent + nNonSeqs;
        if (inputs.size() != expected) throw new TheanoValueError("Scan " + name + " expects " + expected + " inputs, got " + inputs.size());
        Variable n = inputs.get(0);
        if (!n.isTensor() || n.ndim() != 0 || !n.dtype().isInteger()) {
            throw new TheanoValueError(" n_steps must be an int. dtype provided is " + (n.isTensor() ? n.dtype() : n.type()));
        }
        List<Variable> ii = inner.inputs();
        for (int j = 0; j < nSeqs; j++) checkOuter(inputs.get(1 + j), ii.get(j), 1, "input sequence", 1 + j);
        for (int i = 0; i < taps.length; i++) {
            if (taps[i].length == 0) continue;
            checkOuter(inputs.get(outerInitIndex(i)), ii.get(stateStart[i]), isSitSot(i) ? 0 : 1, "initial state (outputs_info in scan nomenclature)",
                    outerInitIndex(i));
        }
        for (int m = 0; m < nNonSeqs; m++) {
            checkOuter(inputs.get(outerNonSeqStart() + m), ii.get(innerNonSeqStart() + m), 0, "non-sequence", outerNonSeqStart() + m);
        }
        List<TensorType> outTypes = new ArrayList<>();
        for (int i = 0; i < taps.length; i++) {
            TensorType t = inner.outputs().get(i).tensorType();
            boolean[] b = new boolean[t.ndim() + 1];
            System.arraycopy(t.broadcastable(), 0, b, 1, t.ndim());
            outTypes.add(new TensorType(t.dtype(), b));
        }
        return new Apply(this, inputs, outTypes);
    }

    /** Theano's make_node check: the outer variable has the inner one's dtype and {@code extraDims} more dimensions. */
    private void checkOuter(Variable outer, Variable innerVar, int extraDims, String what, int argNo) {
        TensorType it = innerVar.tensorType();
        if (!outer.isTensor() || outer.dtype() != it.dtype() || outer.ndim() != it.ndim() + extraDims) {
            throw new TheanoValueError("When compiling the inner function of scan (the function called by scan in each of its iterations) the "
                    + "following error has been encountered: The " + what + " " + outer + " (argument number " + argNo + ") has dtype "
                    + (outer.isTensor() ? outer.dtype() + " and " + outer.ndim() : outer.type() + " and ?") + " dimension(s). The corresponding "
                    + "variable in the inner function of scan " + innerVar + " however has dtype " + it.dtype() + " and " + it.ndim()
                    + " dimension(s)" + (extraDims == 1 ? " (it should have one fewer dimension)." : "."));
        }
    }

    InnerFunction compiled() {
        InnerFunction f = compiled;
        if (f == null) {
            synchronized (this) {
                f = compiled;
                if (f == null) compiled = f = new InnerFunction(inner);
            }
        }
        return f;
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        long n = in[0].itemLong();
        if (n < 0) throw new TheanoIndexError("Scan was asked to run for negative number of step " + n);
        if (n == 0) throw new TheanoNotImplementedError("We didn't implemented yet the case where scan do 0 iteration");
        for (int j = 0; j < nSeqs; j++) {
            NdArray s = in[1 + j];
            if (s.shape(0) < n) {
                throw new TheanoValueError(List.of("Sequence is shorter then the required number of steps : (n_steps, seq, seq.shape):", n,
                        String.valueOf(node.inputs().get(1 + j)), NdArray.shapeString(s.shape())));
            }
        }
        InnerFunction f = compiled();
        int nOut = taps.length;
        @SuppressWarnings("unchecked")
        List<NdArray>[] hist = new List[nOut];
        int[] kInit = new int[nOut];
        for (int i = 0; i < nOut; i++) {
            hist[i] = new ArrayList<>();
            if (taps[i].length == 0) continue;
            kInit[i] = initLength(i);
            NdArray init = in[outerInitIndex(i)];
            if (isSitSot(i)) {
                hist[i].add(init);
            } else {
                if (init.shape(0) < kInit[i]) {
                    throw new TheanoValueError("scan: the initial state of output " + i + " has " + init.shape(0) + " entries but its taps need "
                            + kInit[i]);
                }
                for (int j = 0; j < kInit[i]; j++) hist[i].add(init.index(0, j));
            }
        }
        long[][] firstShape = new long[nOut][];
        for (int i = 0; i < nOut; i++) if (!hist[i].isEmpty()) firstShape[i] = hist[i].get(0).shape();
        NdArray[] args = new NdArray[inner.inputs().size()];
        int ns = innerNonSeqStart(), os = outerNonSeqStart();
        for (int m = 0; m < nNonSeqs; m++) args[ns + m] = in[os + m];
        for (long t = 0; t < n; t++) {
            int pos = 0;
            for (int j = 0; j < nSeqs; j++) args[pos++] = in[1 + j].index(0, t);
            for (int i = 0; i < nOut; i++) {
                for (int k : taps[i]) args[pos++] = hist[i].get((int) (t + kInit[i] + k));
            }
            NdArray[] outs = f.run(args);
            for (int i = 0; i < nOut; i++) {
                NdArray v = outs[i];
                // every step must produce the shape of the first one (of the initial state for a recurrent output),
                // since the results are stacked
                if (firstShape[i] == null) firstShape[i] = v.shape();
                else if (!Arrays.equals(firstShape[i], v.shape())) {
                    throw new TheanoValueError("Scan " + name + ": output " + i + " has shape " + NdArray.shapeString(v.shape()) + " at step " + t
                            + " but " + NdArray.shapeString(firstShape[i]) + (taps[i].length > 0 ? " in its initial state" : " at step 0")
                            + "; all steps of an output must have the same shape.");
                }
                hist[i].add(v);
                // only [-1] is read: drop the steps the taps will not read again (the next step reads
                // back at most initLength(i) entries; the newest is kept for the result), so memory
                // stays bounded by the taps' window
                if (lastOnly[i]) {
                    int stale = hist[i].size() - 2 - kInit[i]; // keep the kInit + 1 newest
                    if (stale >= 0) hist[i].set(stale, null);
                }
            }
            // until: the step whose condition is true is kept, then the loop stops (Theano's do_while)
            if (asWhile && outs[nOut].item() != 0) break;
        }
        NdArray[] result = new NdArray[nOut];
        for (int i = 0; i < nOut; i++) {
            List<NdArray> h = hist[i];
            long[] stepShape = firstShape[i];
            long[] shape = new long[stepShape.length + 1];
            int first = lastOnly[i] ? Math.max(0, h.size() - 1 - kInit[i]) : 0; // lastOnly: the initial entries' count + the last step
            shape[0] = h.size() - first;
            System.arraycopy(stepShape, 0, shape, 1, stepShape.length);
            NdArray out = NdArray.empty(node.outputs().get(i).dtype(), shape);
            for (int t = first; t < h.size(); t++) out.index(0, t - first).assign(h.get(t));
            result[i] = out;
        }
        return result;
    }

    /**
     * Which outer inputs each output depends on, through the inner graph and across time: an output
     * depends on what its inner output reads directly and, through a recurrent state it reads, on
     * everything that state depends on (a fixpoint). n_steps and the condition do not carry gradients.
     */
    @Override
    public boolean[][] connectionPattern(Apply node) {
        boolean[][] c = connection;
        if (c == null) connection = c = computeConnection();
        boolean[][] copy = new boolean[c.length][];
        for (int i = 0; i < c.length; i++) copy[i] = c[i].clone();
        return copy;
    }

    private boolean[][] computeConnection() {
        int nOut = taps.length;
        int nOuter = 1 + nSeqs + nRecurrent + nNonSeqs;
        List<Variable> ii = inner.inputs();
        // direct[o][innerInput]
        boolean[][] direct = new boolean[nOut][ii.size()];
        for (int o = 0; o < nOut; o++) {
            Set<Variable> anc = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            anc.addAll(Graphs.ancestors(List.of(inner.outputs().get(o)), null));
            for (int k = 0; k < ii.size(); k++) direct[o][k] = anc.contains(ii.get(k));
        }
        // dep[o][outer input]
        boolean[][] dep = new boolean[nOut][nOuter];
        for (int o = 0; o < nOut; o++) {
            for (int j = 0; j < nSeqs; j++) dep[o][1 + j] = direct[o][j];
            for (int m = 0; m < nNonSeqs; m++) dep[o][outerNonSeqStart() + m] = direct[o][innerNonSeqStart() + m];
            if (taps[o].length > 0) dep[o][outerInitIndex(o)] = true; // the buffer holds the initial values
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int o = 0; o < nOut; o++) {
                for (int r = 0; r < nOut; r++) {
                    boolean reads = false;
                    for (int k = 0; k < taps[r].length; k++) reads |= direct[o][stateStart[r] + k];
                    if (!reads) continue;
                    for (int x = 0; x < nOuter; x++) {
                        if (dep[r][x] && !dep[o][x]) {
                            dep[o][x] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        boolean[][] p = new boolean[nOuter][nOut];
        for (int x = 0; x < nOuter; x++) for (int o = 0; o < nOut; o++) p[x][o] = dep[o][x];
        return p;
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        return ScanGrad.lOp(this, inputs, outputs, outputGrads);
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) { return ScanRop.rOp(this, inputs, evalPoints); }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        throw new TheanoNotImplementedError("Scan's gradient needs the node outputs: use lOp");
    }

    /** The inner graph (identity) and the layout identify a Scan, as Theano's Scan.__eq__ compares them. */
    @Override
    protected List<Object> props() {
        return List.of(new IdentityKey(inner), nSeqs, taps, nNonSeqs, asWhile, truncateGradient, name);
    }

    private record IdentityKey(Object o) {
        @Override
        public boolean equals(Object x) { return x instanceof IdentityKey k && k.o == o; }

        @Override
        public int hashCode() { return System.identityHashCode(o); }
    }

    /** Theano's Scan.__str__ before in-place optimizations: {@code for{cpu,scan_fn}} or {@code do_while{cpu,scan_fn}}. */
    @Override
    public String toString() { return (asWhile ? "do_while" : "for") + "{cpu," + name + "}"; }
}
