package org.theanojvm.engine.function;

import java.util.List;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * An executable form of one {@link org.theanojvm.engine.graph.FunctionGraph} (Theano's linker output,
 * the "thunk"). Created once per compiled function by an {@link ExecutorFactory}; {@link #run} is called
 * for every function call.
 *
 * <p>Contract, the same as {@link ReferenceExecutor#run}: input values come in {@code fgraph.inputs()}
 * order and are never written to; the result holds one value per graph output, may alias inputs or
 * constants (the caller copies), and errors raised by an op carry Theano's op context
 * ({@link OpErrors#withOpContext}).
 */
public interface Executor {
    NdArray[] run(List<NdArray> inputValues);

    /** A short name for messages and tests ("reference", "truffle", ...). */
    String name();
}
