package org.theanojvm.engine.function;

import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoRuntimeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Theano's raise_with_op for executors outside this package: wraps the failure of one apply node with
 * the same context lines the {@link ReferenceExecutor} adds, keeping the Python exception kind.
 */
public final class OpErrors {
    private OpErrors() {}

    /**
     * @param error what the op (or the executor's node standing in for it) threw
     * @param index the node's position in the executor's schedule (Theano's "Toposort index")
     */
    public static TheanoException withOpContext(RuntimeException error, FunctionGraph fg, Apply node, int index, NdArray[] inputs) {
        if (error instanceof TheanoException e) {
            return ReferenceExecutor.withOpContext(e.pythonExceptionType(), e.getMessage(), e, fg, node, index, inputs);
        }
        return ReferenceExecutor.withOpContext(TheanoRuntimeError.PYTHON_TYPE, error.toString(), error, fg, node, index, inputs);
    }
}
