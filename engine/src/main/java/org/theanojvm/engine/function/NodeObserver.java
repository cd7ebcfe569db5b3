package org.theanojvm.engine.function;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Sees every value of a call as it is computed, node by node: what Theano's VM callback gives
 * NanGuardMode and MonitorMode. Executors that fuse nodes cannot offer that, so a function compiled
 * with an observer runs on the reference executor ({@link Executors#setObserver}). An observer may throw
 * to stop the call; like any failed call, it then stores no update.
 */
public interface NodeObserver {
    /** The graph's input values (explicit inputs, then shared variables), before any node runs. */
    default void inputs(List<Variable> variables, List<NdArray> values) {}

    /** Before node number {@code index} (in execution order) runs on these input values. */
    default void before(int index, Apply node, NdArray[] inputs) {}

    /** After it ran: its input and output values. */
    default void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {}
}
