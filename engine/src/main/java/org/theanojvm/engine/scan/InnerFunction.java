package org.theanojvm.engine.scan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoRuntimeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The inner graph of a scan, compiled once: the topological order and every variable's register index
 * are fixed at construction, so each iteration is a flat loop over {@code Op.perform} with array
 * lookups, with no graph walk, toposort or map lookup per step (the loop body can run thousands of times).
 * It follows the reference executor's contract (ops may return views of their inputs; inputs are never
 * modified) and checks each output's dtype and rank, as the reference executor does.
 */
public final class InnerFunction {
    private final int nInputs;
    /** How error messages name the graph this function runs ("scan", "ifelse"...). */
    private final String owner;
    private final Apply[] nodes;
    private final int[][] inSlots;
    private final int[][] outSlots;
    private final int[] resultSlots;
    /** Register file template: constants pre-filled, everything else null. */
    private final NdArray[] template;
    /**
     * The fast executor (Truffle: fused kernels, OpenBLAS products) when one is installed and the mode
     * asks for it, as the outer function's graph gets; null: the flat perform loop below.
     */
    private final org.theanojvm.engine.function.Executor fast;

    InnerFunction(FunctionGraph fg) { this(fg, "scan"); }

    /** Compiles fg once; {@code owner} names the op holding it in error messages ("the inner graph of ifelse"). */
    public InnerFunction(FunctionGraph fg, String owner) {
        this.owner = owner;
        this.fast = fastExecutor(fg);
        Map<Variable, Integer> slot = new IdentityHashMap<>();
        List<Variable> ins = fg.inputs();
        nInputs = ins.size();
        for (int i = 0; i < nInputs; i++) slot.put(ins.get(i), i);
        List<Apply> order = fg.toposort();
        nodes = order.toArray(new Apply[0]);
        inSlots = new int[nodes.length][];
        outSlots = new int[nodes.length][];
        int[] next = {nInputs};
        java.util.function.Function<Variable, Integer> slotOf = v -> slot.computeIfAbsent(v, k -> {
            if (!(k instanceof Constant)) throw new TheanoAssertionError(owner + " inner graph: no value for " + k + " (engine bug)");
            return next[0]++;
        });
        Map<Integer, NdArray> constants = new java.util.HashMap<>();
        for (int n = 0; n < nodes.length; n++) {
            List<Variable> in = nodes[n].inputs();
            inSlots[n] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                Variable v = in.get(k);
                if (!slot.containsKey(v) && v instanceof Constant c) constants.put(slot.computeIfAbsent(v, x -> next[0]++), c.data());
                inSlots[n][k] = slotOf.apply(v);
            }
            List<Variable> out = nodes[n].outputs();
            outSlots[n] = new int[out.size()];
            for (int k = 0; k < out.size(); k++) {
                final int s = next[0]++;
                slot.put(out.get(k), s);
                outSlots[n][k] = s;
            }
        }
        List<Variable> outs = fg.outputs();
        resultSlots = new int[outs.size()];
        for (int i = 0; i < outs.size(); i++) {
            Variable v = outs.get(i);
            if (!slot.containsKey(v) && v instanceof Constant c) constants.put(slot.computeIfAbsent(v, x -> next[0]++), c.data());
            resultSlots[i] = slotOf.apply(v);
        }
        template = new NdArray[next[0]];
        for (var e : constants.entrySet()) template[e.getKey()] = e.getValue();
    }

    /**
     * The executor the flags choose for fg, when it is not the reference one (FAST_RUN with an executor
     * factory installed), on a rewritten copy of fg: as Theano compiles scan's inner function with the
     * outer function's optimizer, the body gets the same fusion, gemm and stabilisation rewrites as a
     * top-level graph (rewrites never destroy graph inputs, so the sequence slices and non-sequences the
     * loop passes in stay intact). The op's own inner graph is left as built, for the gradient and the
     * printers. System property {@code theano.scan.inner=reference} keeps the perform loop.
     */
    private static org.theanojvm.engine.function.Executor fastExecutor(FunctionGraph fg) {
        if ("reference".equals(System.getProperty("theano.scan.inner"))) return null;
        if (org.theanojvm.engine.function.Executors.factories().isEmpty()) return null;
        if (org.theanojvm.engine.function.Executors.referenceOnly(org.theanojvm.engine.function.Executors.mode(),
                org.theanojvm.engine.function.Executors.linker())) return null;
        org.theanojvm.engine.function.Executor e = org.theanojvm.engine.function.Executors.create(rewrittenCopy(fg));
        return "reference".equals(e.name()) ? null : e;
    }

    private static FunctionGraph rewrittenCopy(FunctionGraph fg) {
        Map<Variable, Variable> fresh = new IdentityHashMap<>();
        List<Variable> ins = new java.util.ArrayList<>();
        for (Variable v : fg.inputs()) {
            Variable c = v.type().makeVariable(v.name());
            fresh.put(v, c);
            ins.add(c);
        }
        FunctionGraph copy = new FunctionGraph(ins, org.theanojvm.engine.graph.Graphs.clone(fg.outputs(), fresh, null));
        org.theanojvm.engine.rewrite.RewriteDB.standard().run(copy, org.theanojvm.engine.rewrite.RewriteConfig.getDefault());
        return copy;
    }

    /** One evaluation: inputs in the inner graph's input order; results in its output order (may alias inputs). */
    public NdArray[] run(NdArray[] inputs) {
        if (fast != null) {
            NdArray[] r;
            try {
                r = fast.run(java.util.Arrays.asList(inputs));
            } catch (TheanoException e) {
                throw new TheanoException(e.pythonExceptionType(), List.of(e.getMessage() + "\n(in the inner graph of " + owner + ")"), e);
            }
            // an executor may hand back its own buffers, reused by its next run: the loop keeps every step's results
            for (int i = 0; i < r.length; i++) r[i] = r[i].copy();
            return r;
        }
        NdArray[] reg = template.clone();
        System.arraycopy(inputs, 0, reg, 0, nInputs);
        for (int n = 0; n < nodes.length; n++) {
            Apply node = nodes[n];
            int[] is = inSlots[n];
            NdArray[] args = new NdArray[is.length];
            for (int k = 0; k < is.length; k++) args[k] = reg[is[k]];
            NdArray[] outs;
            try {
                outs = node.op().perform(node, args);
            } catch (TheanoException e) {
                throw new TheanoException(e.pythonExceptionType(), List.of(e.getMessage() + "\nApply node in the inner graph of " + owner + " that caused the error: " + node), e);
            } catch (RuntimeException e) {
                throw new TheanoException(TheanoRuntimeError.PYTHON_TYPE,
                        List.of(e + "\nApply node in the inner graph of " + owner + " that caused the error: " + node), e);
            }
            int[] os = outSlots[n];
            for (int k = 0; k < os.length; k++) {
                Variable ov = node.outputs().get(k);
                NdArray v = outs[k];
                if (ov.isTensor() && (v.dtype() != ov.dtype() || v.ndim() != ov.ndim())) {
                    throw new TheanoAssertionError("Op " + node.op() + " returned a " + v.dtype() + " " + v.ndim() + "-d value for output " + k
                            + " of type " + ov.type() + " (engine bug)");
                }
                reg[os[k]] = v;
            }
        }
        NdArray[] r = new NdArray[resultSlots.length];
        for (int i = 0; i < r.length; i++) r[i] = reg[resultSlots[i]];
        return r;
    }
}
