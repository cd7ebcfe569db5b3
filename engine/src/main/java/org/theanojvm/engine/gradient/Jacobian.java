package org.theanojvm.engine.gradient;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.scan.Scan;
import org.theanojvm.engine.scan.ScanResult;
import org.theanojvm.engine.tensor.T;

/**
 * theano.gradient.jacobian and theano.gradient.hessian, built exactly as Theano 1.0 builds them: a scan
 * over {@code arange(y.shape[0])} whose step computes {@code grad(y[i], wrt)}, with the expression and
 * wrt passed as non-sequences (so the step sees the outer variables and grad can walk from y[i] back to
 * wrt; the scan builder then swaps them for inner copies). Result shapes follow from the scan's stacking:
 * the jacobian of a vector y with respect to x has shape {@code (len(y),) + x.shape} (so a matrix wrt gives
 * a 3-d result), and the hessian with respect to a vector x is {@code (len(x), len(x))}. Lists are returned;
 * the shim applies Theano's format_as (a single variable when wrt was not a list/tuple).
 */
public final class Jacobian {
    private Jacobian() {}

    /** theano.gradient.jacobian(expression, wrt, consider_constant=None, disconnected_inputs='raise'). */
    public static List<Variable> jacobian(Variable expression, List<Variable> wrt, List<Variable> considerConstant, String disconnectedInputs) {
        if (expression == null) throw new TheanoAssertionError("tensor.jacobian expects a Variable as `expression`");
        if (expression.ndim() >= 2) {
            throw new TheanoAssertionError("tensor.jacobian expects a 1 dimensional variable as `expression`. If not use flatten to make it a vector");
        }
        String disc = disconnectedInputs == null ? "raise" : disconnectedInputs;
        if (expression.ndim() == 0) {
            // a scalar expression: its jacobian is its gradient
            return Gradient.grad(expression, wrt, considerConstant, disc, true, null, "zero", "raise");
        }
        List<Object> nonSeqs = new ArrayList<>();
        nonSeqs.add(expression);
        nonSeqs.addAll(wrt);
        ScanResult r = Scan.scan(args -> {
            Variable idx = args.get(0), expr = args.get(1);
            List<Variable> rvals = new ArrayList<>();
            for (Variable inp : args.subList(2, args.size())) {
                Variable yi = T.subtensor(expr, SubtensorOps.idx(idx));
                rvals.add(Gradient.grad(yi, List.of(inp), considerConstant, disc, true, null, "zero", "raise").get(0));
            }
            return rvals;
        }, List.of(T.arange(T.shapeOf(expression, 0))), null, nonSeqs, null, false, -1, null);
        if (!r.updates().isEmpty()) {
            throw new TheanoAssertionError("Scan has returned a list of updates. This should not happen! Report this to theano-users (also include the "
                    + "script that generated the error)");
        }
        return r.outputs();
    }

    public static Variable jacobian(Variable expression, Variable wrt) { return jacobian(expression, List.of(wrt), null, "raise").get(0); }

    /** theano.gradient.hessian(cost, wrt, consider_constant=None, disconnected_inputs='raise'): the jacobian of the gradient, per wrt vector. */
    public static List<Variable> hessian(Variable cost, List<Variable> wrt, List<Variable> considerConstant, String disconnectedInputs) {
        if (cost == null) throw new TheanoAssertionError("tensor.hessian expects a Variable as `cost`");
        if (cost.ndim() != 0) throw new TheanoAssertionError("tensor.hessian expects a 0 dimensional variable as `cost`");
        String disc = disconnectedInputs == null ? "raise" : disconnectedInputs;
        List<Variable> hessians = new ArrayList<>();
        for (Variable input : wrt) {
            if (input == null) throw new TheanoAssertionError("tensor.hessian expects a (list of) Variable as `wrt`");
            if (input.ndim() != 1) throw new TheanoAssertionError("tensor.hessian expects a (list of) 1 dimensional variable as `wrt`");
            Variable expr = Gradient.grad(cost, List.of(input), considerConstant, disc, true, null, "zero", "raise").get(0);
            // The input may be disconnected from expr even when connected to the cost (e.g. a linear term): not an error, as in Theano.
            ScanResult r = Scan.scan(args -> {
                Variable i = args.get(0), y = args.get(1), x = args.get(2);
                return List.of(Gradient.grad(T.subtensor(y, SubtensorOps.idx(i)), List.of(x), considerConstant, "ignore", true, null, "zero", "raise")
                        .get(0));
            }, List.of(T.arange(T.shapeOf(expr, 0))), null, List.of(expr, input), null, false, -1, null);
            if (!r.updates().isEmpty()) {
                throw new TheanoAssertionError("Scan has returned a list of updates. This should not happen! Report this to theano-users (also "
                        + "include the script that generated the error)");
            }
            hessians.add(r.outputs().get(0));
        }
        return hessians;
    }

    public static Variable hessian(Variable cost, Variable wrt) { return hessian(cost, List.of(wrt), null, "raise").get(0); }
}
