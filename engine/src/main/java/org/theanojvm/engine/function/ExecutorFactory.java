package org.theanojvm.engine.function;

import org.theanojvm.engine.graph.FunctionGraph;

/**
 * Service-provider interface for executors living outside the engine (the Truffle executor in
 * truffle-nodes): listed in {@code META-INF/services/org.theanojvm.engine.function.ExecutorFactory} and
 * found with {@link java.util.ServiceLoader}, so the engine never depends on them. {@link Executors}
 * picks one for the FAST_RUN mode.
 */
public interface ExecutorFactory {
    /** Short name, e.g. "truffle". */
    String name();

    /** Higher wins when several factories are present. */
    default int priority() { return 0; }

    /** Builds the executable for a graph; called once per compiled function. */
    Executor create(FunctionGraph fgraph);
}
