package org.theanojvm.engine.function;

import java.util.List;
import java.util.logging.Logger;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Traces;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.printing.DebugPrint;

/**
 * Theano's NanGuardMode checks: every input of the graph and every node output is searched for NaN,
 * infinities and values whose magnitude exceeds 1e10, and the first one found stops the call with
 * Theano's AssertionError message (what was found, the node's debugprint, where it was created).
 * Only float and complex values are checked, as in Theano: integers hold neither NaN nor Inf.
 */
public final class NanGuard implements NodeObserver {
    /** Theano's threshold for big_is_error. */
    static final double BIG = 1e10;

    private static final Logger LOG = Logger.getLogger("theano.compile.nanguardmode");

    private final boolean nanIsError;
    private final boolean infIsError;
    private final boolean bigIsError;
    private final String action;

    /** @param action Theano's NanGuardMode.action: "raise" (or "pdb", which the JVM cannot honour) or "warn" */
    public NanGuard(boolean nanIsError, boolean infIsError, boolean bigIsError, String action) {
        if (!(nanIsError || infIsError || bigIsError)) {
            throw new TheanoAssertionError("NanGuardMode needs at least one of nan_is_error, inf_is_error, big_is_error");
        }
        this.nanIsError = nanIsError;
        this.infIsError = infIsError;
        this.bigIsError = bigIsError;
        this.action = action == null ? "raise" : action;
    }

    /** Theano's opt-out: a variable whose tag says nan_guard_mode_check=False is not checked. */
    static final String CHECK_TAG = "nan_guard_mode_check";

    @Override
    public void inputs(List<Variable> variables, List<NdArray> values) {
        for (int i = 0; i < values.size(); i++) {
            if (checked(variables.get(i))) check(values.get(i), null, variables.get(i));
        }
    }

    @Override
    public void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {
        for (int k = 0; k < outputs.length; k++) {
            if (checked(node.outputs().get(k))) check(outputs[k], node, null);
        }
    }

    private static boolean checked(Variable v) {
        return !Boolean.FALSE.equals(v.tag().get(CHECK_TAG));
    }

    private void check(NdArray value, Apply node, Variable input) {
        if (value == null || !(value.dtype().isFloat() || value.dtype().isComplex())) return;
        Findings f = scan(value);
        StringBuilder msg = new StringBuilder();
        if (nanIsError && f.nan) msg.append("NaN detected\n");
        if (infIsError && f.inf) msg.append("Inf detected\n");
        if (bigIsError && f.maxAbs > BIG) msg.append("Big value detected\n");
        if (msg.isEmpty()) return;
        if (node != null) {
            msg.append("NanGuardMode found an error in the output of a node in this variable:\n");
            DebugPrint p = new DebugPrint("CHAR", false, false);
            for (Variable o : node.outputs()) p.print(o, null, -1);
            msg.append(p.text()).append('\n');
        } else {
            msg.append("NanGuardMode found an error in an input of the graph.\n");
        }
        msg.append(Traces.variableTraceString(node != null ? node.outputs().get(0) : input)).append('\n');
        if (action.equals("warn")) {
            LOG.severe(msg.toString());
        } else {
            throw new TheanoAssertionError(msg.toString());
        }
    }

    private record Findings(boolean nan, boolean inf, double maxAbs) {}

    /** NaN, Inf and the largest magnitude. As in Theano (np.abs(value).max() > 1e10), an infinity is also
     * big, and NaNs do not count towards the maximum. */
    private static Findings scan(NdArray a) {
        boolean nan = false, inf = false;
        double max = 0;
        boolean complex = a.dtype().isComplex();
        for (long off : a.elementOffsets()) {
            if (complex) {
                double[] z = a.readComplex(off);
                for (double v : z) {
                    if (Double.isNaN(v)) nan = true;
                    else if (Double.isInfinite(v)) inf = true;
                }
                double m = Math.hypot(z[0], z[1]);
                if (!Double.isNaN(m)) max = Math.max(max, m);
            } else {
                double v = a.readDouble(off);
                if (Double.isNaN(v)) nan = true;
                else {
                    if (Double.isInfinite(v)) inf = true;
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return new Findings(nan, inf, max);
    }
}
