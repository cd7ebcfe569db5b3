package org.theanojvm.truffle.fuzz;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.function.Executor;
import org.theanojvm.engine.function.ExecutorFactory;
import org.theanojvm.engine.function.Executors;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.rewrite.RewriteConfig;

/**
 * Runs one seed's graph three ways and compares them:
 * <ol>
 *   <li><b>as built</b>: no rewrites, the reference executor (scan bodies too): the user's graph, op by op,
 *       each op's perform: the oracle;</li>
 *   <li><b>rewritten, reference</b>: the FAST_RUN rewrites (fusion, in-place, gemm, canonicalisation,
 *       stabilisation, scan save-memory...), then the reference executor;</li>
 *   <li><b>rewritten, Truffle</b>: the same FAST_RUN graph on the Truffle executor, what users get,
 *       called twice as the shim calls it (the second call reuses the first call's buffers), on inputs that
 *       must stay untouched.</li>
 * </ol>
 * Why three and not two: comparing Truffle on the FAST_RUN graph with the reference on the same graph
 * isolates executor bugs, with no legitimate rewrite difference to tolerate, so exact values can be held
 * to exact equality; comparing the two reference runs isolates rewrite bugs, where the rewrites may
 * legitimately turn NaN or inf into a finite value ({@link OutputComparison}). Two legs alone could not
 * tell a stabilisation from an executor bug, nor hold fused kernels to exactness.
 *
 * <p>Errors must agree too: when the graph as built raises (e.g. the max of an empty slice), the rewritten
 * graph may raise or not (a rewrite may drop the failing computation) but Truffle must do what the
 * rewritten reference does, with the same Python exception type. Any non-Theano exception is a crash.
 *
 * <p>Each leg builds its own copy of the graph from the seed: a scan op caches its compiled body, so
 * legs sharing one graph would share a body compiled for one executor.
 */
final class DifferentialRunner {
    private DifferentialRunner() {}

    /**
     * What one seed gave: {@code problem} is null when every leg agreed; otherwise {@code details} holds the
     * inputs and the graph, rendered while the case's native input memory was still allocated.
     */
    record Outcome(long seed, String problem, String details, double toleranceUsed, List<String> ops) {
        boolean ok() { return problem == null; }
    }

    /** A leg's result: output values of each call, or the Theano error it raised. */
    private record Leg(List<NdArray[]> calls, TheanoException error, FunctionGraph graph) {}

    /** A failure that is not a disagreement but a crash or a violated contract, reported as it is. */
    private static final class Broken extends RuntimeException {
        Broken(String message, Throwable cause) { super(message, cause); }
    }

    static Outcome run(long seed) { return run(seed, RewriteConfig.FAST_RUN); }

    /** As {@link #run(long)} with other rewrites for the rewritten legs ({@link FuzzTriage} excludes one at a time). */
    static Outcome run(long seed, RewriteConfig rewrites) {
        try (Arena arena = Arena.ofConfined()) {
            FuzzCase asBuilt, rewritten, fast;
            try {
                asBuilt = GraphGenerator.generate(seed, arena);
                rewritten = GraphGenerator.generate(seed, arena);
                fast = GraphGenerator.generate(seed, arena);
            } catch (RuntimeException e) {
                return new Outcome(seed, "generator failed (a generator bug or an op rejecting a well-typed graph): " + trace(e), "", 0, List.of());
            }
            try {
                long excusedBefore = illConditionedExcused;
                Leg oracle = leg("graph as built on the reference executor", () -> referenceRun(asBuilt, RewriteConfig.NONE));
                Leg reference = leg("FAST_RUN graph on the reference executor", () -> referenceRun(rewritten, rewrites));
                Leg truffle = leg("FAST_RUN graph on the Truffle executor", () -> truffleRun(fast, rewrites));
                String problem = compareRewrite(oracle, reference, asBuilt, rewritten);
                if (problem == null) problem = compareExecutor(reference, truffle, fast, rewritten);
                double worst = 0;
                // the margin statistic covers the outputs compared to the tolerance, not the excused ill-conditioned ones
                if (problem == null && reference.error() == null && illConditionedExcused == excusedBefore) {
                    for (NdArray[] call : truffle.calls()) {
                        for (int i = 0; i < call.length; i++) worst = Math.max(worst, OutputComparison.toleranceUsed(reference.calls().get(0)[i], call[i], fast.coarsestFloat(i)));
                    }
                }
                return new Outcome(seed, problem, problem == null ? "" : details(fast), worst, fast.ops());
            } catch (Broken e) {
                return new Outcome(seed, e.getMessage(), details(fast), 0, fast.ops());
            }
        }
    }

    private static String details(FuzzCase c) {
        StringBuilder sb = new StringBuilder("inputs:\n").append(c.describeInputs());
        try {
            sb.append("graph:\n").append(c.debugprint());
        } catch (RuntimeException e) {
            sb.append("graph: (debugprint failed: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    private static Leg leg(String name, Supplier<Leg> run) {
        try {
            return run.get();
        } catch (TheanoException e) {
            return new Leg(List.of(), e, null);
        } catch (Broken e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new Broken(name + " crashed: " + trace(e), e);
        }
    }

    static Function compile(FuzzCase c, RewriteConfig config, String linker) {
        List<In> ins = new ArrayList<>();
        for (Variable v : c.inputs()) ins.add(In.of(v));
        return Function.compile(ins, c.outputs(), List.of(), List.of(), null, "ignore", "fuzz" + c.seed(), config, linker);
    }

    /** The reference executor ("py" linker), scan bodies included (theano.scan.inner=reference). */
    private static Leg referenceRun(FuzzCase c, RewriteConfig config) {
        String before = System.getProperty("theano.scan.inner");
        System.setProperty("theano.scan.inner", "reference");
        try {
            Function f = compile(c, config, "py");
            return new Leg(List.<NdArray[]>of(f.call(c.values().toArray())), null, f.fgraph());
        } finally {
            if (before == null) System.clearProperty("theano.scan.inner");
            else System.setProperty("theano.scan.inner", before);
        }
    }

    /**
     * The Truffle executor as the shim drives it: callTransient (outputs may be the executor's buffers,
     * copied at once), twice. Then every other installed executor on the same graph: this is where a CUDA
     * executor (cuda/, none yet) is fuzzed once its ExecutorFactory is registered and a GPU is present.
     */
    private static Leg truffleRun(FuzzCase c, RewriteConfig rewrites) {
        List<NdArray> before = new ArrayList<>();
        for (NdArray v : c.values()) before.add(v.copy());
        Function f = compile(c, rewrites, "cvm");
        if (!f.executor().name().equals("truffle")) throw new Broken("FAST_RUN chose the " + f.executor().name() + " executor, not truffle", null);
        List<NdArray[]> calls = new ArrayList<>();
        for (int k = 0; k < 2; k++) calls.add(copies(f.callTransient(List.of(c.values().toArray()), Map.of())));
        for (ExecutorFactory other : otherExecutors()) {
            Executor e = other.create(f.fgraph());
            calls.add(copies(e.run(c.values())));
        }
        for (int i = 0; i < before.size(); i++) {
            String diff = OutputComparison.mismatch(before.get(i), c.values().get(i), true, null, false);
            if (diff != null) throw new Broken("the Truffle executor overwrote input " + i + " (" + c.inputs().get(i) + "): " + diff, null);
        }
        return new Leg(calls, null, f.fgraph());
    }

    /** Installed executors besides the Truffle one (the first, highest priority), each checked on the FAST_RUN graph. */
    private static List<ExecutorFactory> otherExecutors() {
        List<ExecutorFactory> all = Executors.factories();
        return all.size() <= 1 ? List.of() : all.subList(1, all.size());
    }

    private static NdArray[] copies(NdArray[] values) {
        NdArray[] r = new NdArray[values.length];
        for (int i = 0; i < r.length; i++) r[i] = values[i].copy();
        return r;
    }

    private static String compareRewrite(Leg oracle, Leg reference, FuzzCase c, FuzzCase rewritten) {
        if (oracle.error() != null) return null; // the rewritten graph may or may not raise; Truffle must follow it
        if (reference.error() != null) {
            return "rewrite: the FAST_RUN graph raises " + describe(reference.error()) + " where the graph as built computes";
        }
        NdArray[] e = oracle.calls().get(0), a = reference.calls().get(0);
        for (int i = 0; i < e.length; i++) {
            String diff = OutputComparison.mismatch(e[i], a[i], false, c.coarsestFloat(i), true);
            int[] differing = diff == null ? null : OutputComparison.differingElements(e[i], a[i], c.coarsestFloat(i), true);
            if (diff != null && illConditioned(oracle, c, i, differing, true)) continue;
            if (diff != null && ieeeLiberties(oracle, c, reference, rewritten, i, differing)) continue;
            if (diff != null) return "rewrite: output " + i + " of the FAST_RUN graph (reference executor) differs from the graph as built: " + diff;
        }
        return null;
    }

    private static String compareExecutor(Leg reference, Leg truffle, FuzzCase c, FuzzCase rewritten) {
        if (reference.error() != null || truffle.error() != null) {
            if (reference.error() == null) return "executor: Truffle raises " + describe(truffle.error()) + " where the reference computes";
            if (truffle.error() == null) return "executor: Truffle computes where the reference raises " + describe(reference.error());
            String te = truffle.error().pythonExceptionType(), re = reference.error().pythonExceptionType();
            return te.equals(re) ? null : "executor: Truffle raises " + describe(truffle.error()) + ", the reference " + describe(reference.error());
        }
        NdArray[] e = reference.calls().get(0);
        for (int k = 0; k < truffle.calls().size(); k++) {
            NdArray[] a = truffle.calls().get(k);
            for (int i = 0; i < e.length; i++) {
                boolean exact = c.exactOutputs().get(i);
                String diff = OutputComparison.mismatch(e[i], a[i], exact, c.coarsestFloat(i), false);
                // probed on the FAST_RUN graph both executors ran (the graph as built may compute NaN where a rewrite dropped it),
                // unfused, so that a fused kernel's inner values (tanh before erfinv) are node results the probe perturbs
                if (diff != null && !exact && illConditioned(null, rewritten, i, OutputComparison.differingElements(e[i], a[i], c.coarsestFloat(i), false), false)) {
                    continue;
                }
                if (diff != null) {
                    String who = k < 2 ? "Truffle (call " + (k + 1) + ")" : otherExecutors().get(k - 2).name();
                    return "executor: output " + i + " of " + who + " differs from the reference on the same FAST_RUN graph: " + diff;
                }
            }
        }
        return null;
    }

    /** Counts the differences excused as ill-conditioning (reported by {@link FuzzMain}). */
    static long illConditionedExcused;

    /** Whether last-bit noise alone moves this leg's graph this much at these elements ({@link ConditioningProbe}). */
    /** @param oracle the leg whose graph to probe; null: the FAST_RUN graph of {@code asBuilt} without fusion */
    private static boolean illConditioned(Leg oracle, FuzzCase asBuilt, int output, int[] differing, boolean reassociated) {
        String before = System.getProperty("theano.scan.inner");
        System.setProperty("theano.scan.inner", "reference");
        try {
            FunctionGraph graph = oracle != null ? oracle.graph() : compile(asBuilt, RewriteConfig.FAST_RUN.excluding("fusion"), "py").fgraph();
            boolean yes = ConditioningProbe.explains(graph, asBuilt.values(), output, differing, asBuilt.coarsestFloat(output), asBuilt.seed(),
                    reassociated);
            if (yes) illConditionedExcused++;
            return yes;
        } finally {
            if (before == null) System.clearProperty("theano.scan.inner");
            else System.setProperty("theano.scan.inner", before);
        }
    }

    /** Counts the rewrite differences excused as the sign of a zero or a dropped NaN (reported by {@link FuzzMain}). */
    static long ieeeLibertiesExcused;

    /** Whether the difference disappears with every -0.0 made +0.0 and every NaN 0 ({@link IeeeLibertiesProbe}). */
    private static boolean ieeeLiberties(Leg oracle, FuzzCase asBuilt, Leg reference, FuzzCase rewritten, int output, int[] differing) {
        String before = System.getProperty("theano.scan.inner");
        System.setProperty("theano.scan.inner", "reference");
        try {
            boolean yes = IeeeLibertiesProbe.explains(asBuilt, rewritten, output, differing, asBuilt.coarsestFloat(output));
            if (yes) ieeeLibertiesExcused++;
            return yes;
        } finally {
            if (before == null) System.clearProperty("theano.scan.inner");
            else System.setProperty("theano.scan.inner", before);
        }
    }

    private static String describe(TheanoException e) {
        return e.pythonExceptionType() + "(" + e.getMessage().lines().findFirst().orElse("") + ")";
    }

    private static String trace(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(12, st.length); i++) sb.append("\n        at ").append(st[i]);
        if (e.getCause() != null && e.getCause() != e) sb.append("\n    caused by ").append(e.getCause());
        return sb.toString();
    }
}
