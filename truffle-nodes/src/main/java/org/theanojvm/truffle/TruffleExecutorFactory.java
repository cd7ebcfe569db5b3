package org.theanojvm.truffle;

import org.theanojvm.engine.function.Executor;
import org.theanojvm.engine.function.ExecutorFactory;
import org.theanojvm.engine.graph.FunctionGraph;

/** Registers the Truffle executor with the engine (META-INF/services): the FAST_RUN default when truffle-nodes is present. */
public final class TruffleExecutorFactory implements ExecutorFactory {
    @Override
    public String name() { return "truffle"; }

    @Override
    public int priority() { return 10; }

    @Override
    public Executor create(FunctionGraph fgraph) { return new TruffleExecutor(fgraph); }
}
