package org.theanojvm.engine.gradient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.theanojvm.engine.errors.DisconnectedInputError;
import org.theanojvm.engine.errors.NullTypeGradError;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.NullType;

/**
 * Symbolic differentiation, a port of theano.gradient.grad / Rop / Lop. The backward walk is
 * Theano's: find the apply nodes lying on a path from wrt to the cost (following each op's
 * connection pattern and stopping at consider_constant), then ask each node's op for the gradient on
 * its inputs given the (dtype-matched) gradients on its outputs, summing the terms of a variable in
 * the order its uses were found. Variables compare by identity (Variable does not override equals),
 * so LinkedHashMap keeps Theano's OrderedDict order.
 */
public final class Gradient {
    private Gradient() {}

    private static final Logger LOG = Logger.getLogger(Gradient.class.getName());

    /** Receives warnings (disconnected_inputs='warn'); the shim may replace it to raise Python warnings. */
    public static volatile java.util.function.Consumer<String> warningSink = LOG::warning;

    /** T.grad(cost, wrt) with Theano's defaults. */
    public static List<Variable> grad(Variable cost, List<Variable> wrt) {
        return grad(cost, wrt, null, "raise", true, null, "zero", "raise");
    }

    public static Variable grad(Variable cost, Variable wrt) { return grad(cost, List.of(wrt)).get(0); }

    /**
     * theano.gradient.grad.
     *
     * @param consider_constant variables whose gradient is not propagated further
     * @param disconnectedInputs "raise", "warn" or "ignore"
     * @param knownGrads extra starting gradients (variable -> its gradient), may be null
     * @param returnDisconnected "zero", "None" (null entries) or "Disconnected" (DisconnectedType variables)
     * @param nullGradients "raise" or "return"
     */
    public static List<Variable> grad(Variable cost, List<Variable> wrt, List<Variable> considerConstant, String disconnectedInputs,
            boolean addNames, Map<Variable, Variable> knownGrads, String returnDisconnected, String nullGradients) {
        if (cost == null && (knownGrads == null || knownGrads.isEmpty())) {
            throw new TheanoAssertionError("cost and known_grads can't both be None.");
        }
        if (cost != null && DisconnectedType.is(cost)) {
            throw new TheanoTypeError("In grad(), cost argument should be a TensorVariable.");
        }
        if (cost != null && (!cost.isTensor() || cost.ndim() != 0)) {
            throw new TheanoTypeError("cost must be a scalar.");
        }
        if (!List.of("raise", "warn", "ignore").contains(disconnectedInputs)) {
            throw new TheanoValueError("Invalid value for keyword 'disconnected_inputs', valid values are 'ignore', 'warn' and 'raise'.");
        }
        List<Variable> outputs = new ArrayList<>();
        if (cost != null) outputs.add(cost);
        if (knownGrads != null) outputs.addAll(knownGrads.keySet());
        Set<Variable> constants = identitySet(considerConstant == null ? List.of() : considerConstant);
        Map<Variable, Map<Apply, List<Integer>>> varToAppToIdx = populateVarToAppToIdx(outputs, wrt, constants);

        Map<Variable, Variable> gradDict = new LinkedHashMap<>();
        if (knownGrads != null) {
            for (var e : knownGrads.entrySet()) {
                Variable v = e.getKey(), g = e.getValue();
                if (g.isTensor() && v.isTensor() && g.ndim() != v.ndim()) {
                    throw new TheanoValueError("known_grads: gradient for " + v + " has " + g.ndim() + " dimensions, but " + v.ndim() + " are required");
                }
                gradDict.put(v, g);
            }
        }
        if (cost != null && !gradDict.containsKey(cost)) {
            Variable gCost = T.onesLikeFloat(cost);
            if (cost.dtype().isContinuous() && gCost.dtype() != cost.dtype()) gCost = T.cast(gCost, cost.dtype());
            gradDict.put(cost, gCost);
        }
        for (Variable w : wrt) {
            if (!varToAppToIdx.containsKey(w) && !gradDict.containsKey(w)) gradDict.put(w, DisconnectedType.make());
        }
        String costName = (addNames && cost != null) ? cost.name() : null;
        Walker walker = new Walker(varToAppToIdx, gradDict, costName);
        List<Variable> rval = new ArrayList<>();
        for (Variable w : wrt) rval.add(walker.gradOf(w));

        for (int i = 0; i < rval.size(); i++) {
            Variable g = rval.get(i);
            Variable w = wrt.get(i);
            if (NullType.is(g) && nullGradients.equals("raise")) {
                throw new NullTypeGradError("tensor.grad encountered a NaN. " + ((NullType) g.type()).why());
            }
            if (DisconnectedType.is(g)) {
                handleDisconnected(w, disconnectedInputs);
                switch (returnDisconnected) {
                    case "zero" -> rval.set(i, T.zerosLikeFloat(w));
                    case "None" -> rval.set(i, null);
                    case "Disconnected" -> { }
                    default -> throw new TheanoValueError("Invalid value for keyword 'return_disconnected'");
                }
            }
        }
        return rval;
    }

    private static void handleDisconnected(Variable var, String mode) {
        String message = "grad method was asked to compute the gradient with respect to a variable that is not part of the "
                + "computational graph of the cost, or is used only by a non-differentiable operator: " + var;
        switch (mode) {
            case "ignore" -> { }
            case "warn" -> warningSink.accept(message);
            default -> {
                Object trace = var.tag().get("trace");
                throw new DisconnectedInputError(message + (trace == null ? "" : "\nBacktrace when the node is created:\n" + trace));
            }
        }
    }

    static <T0> Set<T0> identitySet(List<T0> items) {
        Set<T0> s = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        s.addAll(items);
        return s;
    }

    /** Theano's _populate_var_to_app_to_idx: uses of each variable on a true path from wrt to the outputs. */
    static Map<Variable, Map<Apply, List<Integer>>> populateVarToAppToIdx(List<Variable> outputs, List<Variable> wrt, Set<Variable> constants) {
        Map<Variable, Map<Apply, List<Integer>>> map = new LinkedHashMap<>();
        Set<Variable> accounted = identitySet(List.of());
        java.util.ArrayDeque<Variable> todo = new java.util.ArrayDeque<>();
        // recursion order matters for term order: emulate Theano's depth-first account_for
        for (Variable o : outputs) accountFor(o, map, accounted, constants);
        Set<Variable> visited = identitySet(List.of());
        for (Variable w : wrt) todo.push(w);
        while (!todo.isEmpty()) {
            Variable v = todo.pop();
            if (visited.contains(v) || !map.containsKey(v)) continue;
            visited.add(v);
            for (var e : map.get(v).entrySet()) {
                Apply node = e.getKey();
                boolean[][] cp = node.op().connectionPattern(node);
                for (int idx : e.getValue()) {
                    for (int ii = 0; ii < node.outputs().size(); ii++) {
                        if (cp[idx][ii]) todo.push(node.outputs().get(ii));
                    }
                }
            }
        }
        map.keySet().removeIf(v -> !visited.contains(v));
        return map;
    }

    private static void accountFor(Variable var, Map<Variable, Map<Apply, List<Integer>>> map, Set<Variable> accounted, Set<Variable> constants) {
        java.util.ArrayDeque<Variable> stack = new java.util.ArrayDeque<>();
        // Theano recurses into each input right after recording it; an explicit stack of iterators keeps that order.
        java.util.ArrayDeque<int[]> pos = new java.util.ArrayDeque<>();
        if (!accounted.add(var)) return;
        if (constants.contains(var) || var.owner() == null) return;
        stack.push(var);
        pos.push(new int[] {0});
        while (!stack.isEmpty()) {
            Variable v = stack.peek();
            int[] p = pos.peek();
            Apply app = v.owner();
            int outIdx = v.index();
            boolean[][] cp = app.op().connectionPattern(app);
            if (p[0] >= app.inputs().size()) {
                stack.pop();
                pos.pop();
                continue;
            }
            int i = p[0]++;
            Variable ipt = app.inputs().get(i);
            if (!cp[i][outIdx]) continue;
            Map<Apply, List<Integer>> appToIdx = map.computeIfAbsent(ipt, k -> new LinkedHashMap<>());
            List<Integer> idx = appToIdx.computeIfAbsent(app, k -> new ArrayList<>());
            if (!idx.contains(i)) idx.add(i);
            if (accounted.add(ipt) && !constants.contains(ipt) && ipt.owner() != null) {
                stack.push(ipt);
                pos.push(new int[] {0});
            }
        }
    }

    /** The memoized backward walk (Theano's access_grad_cache / access_term_cache). */
    private static final class Walker {
        final Map<Variable, Map<Apply, List<Integer>>> varToAppToIdx;
        final Map<Variable, Variable> gradDict;
        final Map<Apply, List<Variable>> termDict = new LinkedHashMap<>();
        final String costName;

        Walker(Map<Variable, Map<Apply, List<Integer>>> v, Map<Variable, Variable> g, String costName) {
            this.varToAppToIdx = v;
            this.gradDict = g;
            this.costName = costName;
        }

        Variable gradOf(Variable var) {
            Variable cached = gradDict.get(var);
            if (cached != null) return cached;
            Variable result;
            if (varToAppToIdx.containsKey(var)) {
                List<Variable> terms = new ArrayList<>();
                List<Variable> nullTerms = new ArrayList<>();
                for (var e : varToAppToIdx.get(var).entrySet()) {
                    List<Variable> inputGrads = termsOf(e.getKey());
                    for (int idx : e.getValue()) {
                        Variable term = inputGrads.get(idx);
                        if (NullType.is(term)) {
                            nullTerms.add(term);
                            continue;
                        }
                        if (DisconnectedType.is(term)) continue;
                        if (var.isTensor() && term.ndim() != var.ndim()) {
                            throw new TheanoValueError(e.getKey().op() + ".grad returned a term with " + term.ndim() + " dimensions, but "
                                    + var.ndim() + " are required.");
                        }
                        terms.add(term);
                    }
                }
                if (!nullTerms.isEmpty()) result = nullTerms.get(0);
                else if (!terms.isEmpty()) {
                    result = terms.get(0);
                    for (int i = 1; i < terms.size(); i++) result = T.add(result, terms.get(i));
                } else result = DisconnectedType.make();
                if (costName != null && var.name() != null && result.isTensor()) {
                    result.setName("(d" + costName + "/d" + var.name() + ")");
                }
            } else {
                result = DisconnectedType.make();
            }
            gradDict.put(var, result);
            return result;
        }

        List<Variable> termsOf(Apply node) {
            List<Variable> cached = termDict.get(node);
            if (cached != null) return cached;
            List<Variable> inputs = node.inputs();
            List<Variable> outputGrads = new ArrayList<>();
            for (Variable o : node.outputs()) outputGrads.add(gradOf(o));
            int nIn = inputs.size(), nOut = outputGrads.size();
            boolean[] outConnected = new boolean[nOut];
            boolean[] ogNan = new boolean[nOut];
            for (int j = 0; j < nOut; j++) {
                outConnected[j] = !DisconnectedType.is(outputGrads.get(j));
                ogNan[j] = NullType.is(outputGrads.get(j));
            }
            boolean[][] cp = node.op().connectionPattern(node);
            boolean[] inConnected = new boolean[nIn];
            boolean[] onlyNan = new boolean[nIn];
            boolean anyConnected = false, allOnlyNan = true;
            for (int i = 0; i < nIn; i++) {
                boolean onlyN = true;
                for (int j = 0; j < nOut; j++) {
                    if (cp[i][j] && outConnected[j]) {
                        inConnected[i] = true;
                        if (!ogNan[j]) onlyN = false;
                    }
                }
                onlyNan[i] = onlyN;
                anyConnected |= inConnected[i];
                allOnlyNan &= onlyN;
            }
            List<Variable> inputGrads = new ArrayList<>();
            if (!anyConnected) {
                for (int i = 0; i < nIn; i++) inputGrads.add(DisconnectedType.make());
            } else if (allOnlyNan) {
                for (int i = 0; i < nIn; i++) {
                    inputGrads.add(inConnected[i] ? new NullType("This variable is Null because its only connections to the cost are NullType gradients.").makeVariable(null)
                            : DisconnectedType.make());
                }
            } else {
                List<Variable> newOg = new ArrayList<>();
                for (int j = 0; j < nOut; j++) {
                    Variable o = node.outputs().get(j), og = outputGrads.get(j);
                    if (o.isTensor() && og.isTensor() && !o.dtype().isDiscrete() && o.dtype() != og.dtype()) og = T.cast(og, o.dtype());
                    newOg.add(og);
                }
                List<Variable> r = node.op().lOp(inputs, node.outputs(), newOg);
                if (r == null) throw new TheanoTypeError(node.op() + ".grad returned NoneType, expected iterable.");
                if (r.size() != nIn) throw new TheanoValueError(node.op() + " returned the wrong number of gradient terms.");
                inputGrads.addAll(r);
            }
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    if (ogNan[j] && cp[i][j] && !DisconnectedType.is(inputGrads.get(i))) inputGrads.set(i, outputGrads.get(j));
                }
            }
            for (int i = 0; i < nIn; i++) {
                Variable term = inputGrads.get(i);
                if (term == null) {
                    throw new TheanoTypeError(node.op() + ".grad returned None for a gradient term, this is prohibited. Instead of None,"
                            + "return zeros_like(input), disconnected_type(), or a NullType variable such as those made with the grad_undefined or grad_unimplemented helper functions.");
                }
                if (term.isTensor() && !term.dtype().isFloat() && !term.dtype().isComplex()) {
                    throw new TheanoTypeError(node.op() + ".grad illegally returned an integer-valued variable. (Input index " + i + ", dtype "
                            + term.dtype() + ")");
                }
                boolean actually = !DisconnectedType.is(term);
                if (actually && !inConnected[i]) {
                    throw new TheanoTypeError(node.op() + ".grad returned " + term + " of type " + term.type() + " for input " + i
                            + ". Expected DisconnectedType instance based on  the output of the op's connection_pattern method.");
                }
                if (!actually && inConnected[i]) {
                    throw new TheanoTypeError(node.op() + ".grad returned DisconnectedType for input " + i + ". Its connection_pattern method does not allow this.");
                }
            }
            termDict.put(node, inputGrads);
            return inputGrads;
        }
    }

    // ------------------------------------------------------------------ R and L operators

    /** theano.gradient.Rop(f, wrt, eval_points): J(f; wrt) times eval_points, forward through the graph. */
    public static List<Variable> rop(List<Variable> f, List<Variable> wrt, List<Variable> evalPoints) {
        if (wrt.size() != evalPoints.size()) throw new TheanoValueError("`wrt` must be the same length as `eval_points`.");
        for (int i = 0; i < wrt.size(); i++) {
            Variable w = wrt.get(i), e = evalPoints.get(i);
            if (w.isTensor() && e.isTensor() && w.ndim() != e.ndim()) {
                throw new TheanoValueError("Element " + i + " of wrt/eval_point have mismatched dimensionality: " + w.ndim() + " versus " + e.ndim());
            }
        }
        Map<Apply, List<Variable>> seen = new LinkedHashMap<>();
        for (Variable out : f) traverse(out.owner(), wrt, evalPoints, seen);
        List<Variable> r = new ArrayList<>();
        for (Variable out : f) {
            int wi = indexOfIdentity(wrt, out);
            if (wi >= 0) {
                r.add(evalPoints.get(wi));
                continue;
            }
            List<Variable> s = out.owner() == null ? null : seen.get(out.owner());
            Variable v = s == null ? null : s.get(out.index());
            if (v == null) {
                throw new TheanoValueError("The function is not differentiable with respect to the provided inputs !");
            }
            r.add(v);
        }
        return r;
    }

    private static int indexOfIdentity(List<Variable> l, Variable v) {
        for (int i = 0; i < l.size(); i++) if (l.get(i) == v) return i;
        return -1;
    }

    private static void traverse(Apply node, List<Variable> wrt, List<Variable> ev, Map<Apply, List<Variable>> seen) {
        if (node == null || seen.containsKey(node)) return;
        if (discreteOutputs(node)) {
            // shapes, indices and other integer results carry no tangent (Theano's Shape.R_op & co. return None)
            List<Variable> none = new ArrayList<>();
            for (int i = 0; i < node.outputs().size(); i++) none.add(null);
            seen.put(node, none);
            return;
        }
        List<Variable> local = new ArrayList<>();
        for (Variable inp : node.inputs()) {
            int wi = indexOfIdentity(wrt, inp);
            if (wi >= 0) {
                local.add(ev.get(wi));
            } else if (inp.owner() == null) {
                local.add(inp.isTensor() ? T.zerosLike(inp) : null);
            } else {
                traverse(inp.owner(), wrt, ev, seen);
                List<Variable> s = seen.get(inp.owner());
                local.add(s == null ? null : s.get(inp.index()));
            }
        }
        List<Variable> same = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            Variable x = node.inputs().get(i), y = local.get(i);
            if (y != null && x.isTensor() && y.isTensor() && !x.type().equals(y.type())) {
                if (y.dtype() != x.dtype()) y = T.cast(y, x.dtype());
                if (!x.type().equals(y.type())) y = T.patternbroadcast(y, x.broadcastable());
            }
            same.add(y);
        }
        seen.put(node, node.op().rOp(node.inputs(), same));
    }

    private static boolean discreteOutputs(Apply node) {
        for (Variable o : node.outputs()) if (!o.isTensor() || !o.dtype().isDiscrete()) return false;
        return true;
    }

    /** theano.gradient.Lop(f, wrt, eval_points): eval_points times J(f; wrt), via grad with known_grads. */
    public static List<Variable> lop(List<Variable> f, List<Variable> wrt, List<Variable> evalPoints, List<Variable> considerConstant,
            String disconnectedInputs) {
        if (f.size() != evalPoints.size()) throw new TheanoValueError("`f` must be the same length as `eval_points`.");
        Map<Variable, Variable> known = new LinkedHashMap<>();
        for (int i = 0; i < f.size(); i++) known.put(f.get(i), evalPoints.get(i));
        return grad(null, wrt, considerConstant, disconnectedInputs, true, known, "zero", "raise");
    }

    /** Variables whose gradient is needed (for tests/debugging). */
    static Set<Variable> keys(Map<Variable, ?> m) { return new HashSet<>(m.keySet()); }
}
