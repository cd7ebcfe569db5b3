package org.theanojvm.engine.scan;

import java.util.List;
import org.theanojvm.engine.graph.Variable;

/**
 * What theano.scan returns: the outputs (in outputs_info order; each stacked along a leading time axis,
 * initial values excluded) and the updates (pairs {shared variable, its value after the last step}),
 * plus the Scan op for inspection. The shim returns {@code outputs.get(0)} alone when there is one output,
 * as Theano does, and wraps the updates in an OrderedUpdates.
 */
public record ScanResult(List<Variable> outputs, List<Variable[]> updates, ScanOp op) {
    public Variable output(int i) { return outputs.get(i); }
}
