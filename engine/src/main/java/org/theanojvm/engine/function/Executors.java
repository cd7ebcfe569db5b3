package org.theanojvm.engine.function;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Chooses the executor ("linker") of a compiled function from Theano's {@code mode} and {@code linker}
 * flags, as {@code theano.function} does:
 * <ul>
 *   <li>FAST_RUN (Theano's default, also "Mode"): the highest-priority {@link ExecutorFactory} found by
 *       {@link ServiceLoader} (the Truffle executor when truffle-nodes is on the path), else the reference;</li>
 *   <li>FAST_COMPILE, or linker "py": the {@link ReferenceExecutor} (Theano's Python linker);</li>
 *   <li>DebugMode / DEBUG_MODE: {@link CompareExecutor}, both executors on every call, outputs compared.</li>
 * </ul>
 * The shim sets the flags from THEANO_FLAGS; Java users can set the system properties {@code theano.mode}
 * and {@code theano.linker} or call the setters. Process-wide and not thread-safe, like theano.config.
 */
public final class Executors {
    private Executors() {}

    private static String mode = System.getProperty("theano.mode", "FAST_RUN");
    private static String linker = System.getProperty("theano.linker", "cvm");
    private static volatile List<ExecutorFactory> factories;

    public static String mode() { return mode; }

    public static void setMode(String m) { mode = m; }

    public static String linker() { return linker; }

    public static void setLinker(String l) { linker = l; }

    /** The executor for a graph under the current flags. */
    public static Executor create(FunctionGraph fg) { return create(fg, mode, linker); }

    /**
     * theano.function(..., profile=True): the executors created on this thread while profiling is on are
     * {@link ProfilingExecutor}s over the executor the flags choose. The shim turns it on around one
     * compilation, so no compile signature has to change.
     */
    private static final ThreadLocal<Boolean> PROFILING = ThreadLocal.withInitial(() -> false);

    public static void setProfiling(boolean on) { PROFILING.set(on); }

    public static boolean profiling() { return PROFILING.get(); }

    /**
     * NanGuardMode / MonitorMode: the functions compiled on this thread while an observer is set show it
     * every value, node by node, on the reference executor (fused executors have no per-node values).
     * The shim sets it around one compilation, as it does for profiling.
     */
    private static final ThreadLocal<NodeObserver> OBSERVER = new ThreadLocal<>();

    public static void setObserver(NodeObserver observer) { OBSERVER.set(observer); }

    public static Executor create(FunctionGraph fg, String mode, String linker) {
        NodeObserver observer = OBSERVER.get();
        if (observer != null) return observed(fg, observer);
        if (PROFILING.get()) {
            PROFILING.set(false); // the node executors themselves are plain
            try {
                return new ProfilingExecutor(fg, g -> create(g, mode, linker));
            } finally {
                PROFILING.set(true);
            }
        }
        String m = mode == null ? "FAST_RUN" : mode;
        if (m.equals("DebugMode") || m.equals("DEBUG_MODE")) {
            Executor fast = fastest(fg);
            return fast == null ? reference(fg) : new CompareExecutor(fg, reference(fg), fast);
        }
        if (referenceOnly(m, linker)) return reference(fg);
        Executor fast = fastest(fg);
        return fast != null ? fast : reference(fg);
    }

    /** Whether this mode and linker always run the reference executor (FAST_COMPILE, linker=py). */
    public static boolean referenceOnly(String mode, String linker) {
        return "FAST_COMPILE".equals(mode) || "py".equals(linker);
    }

    /** The reference executor showing every value to an observer. */
    public static Executor observed(FunctionGraph fg, NodeObserver observer) {
        return new Executor() {
            @Override
            public NdArray[] run(List<NdArray> inputValues) { return ReferenceExecutor.run(fg, inputValues, observer); }

            @Override
            public String name() { return "reference (observed)"; }
        };
    }

    /** The reference executor wrapped in the SPI. */
    public static Executor reference(FunctionGraph fg) {
        return new Executor() {
            @Override
            public NdArray[] run(List<NdArray> inputValues) { return ReferenceExecutor.run(fg, inputValues); }

            @Override
            public String name() { return "reference"; }
        };
    }

    private static Executor fastest(FunctionGraph fg) {
        List<ExecutorFactory> fs = factories();
        return fs.isEmpty() ? null : fs.get(0).create(fg);
    }

    /** Installed factories, best first (loaded once). */
    public static List<ExecutorFactory> factories() {
        List<ExecutorFactory> fs = factories;
        if (fs == null) {
            fs = new ArrayList<>();
            for (ExecutorFactory f : ServiceLoader.load(ExecutorFactory.class, Executors.class.getClassLoader())) fs.add(f);
            fs.sort(Comparator.comparingInt(ExecutorFactory::priority).reversed());
            factories = fs = List.copyOf(fs);
        }
        return fs;
    }
}
