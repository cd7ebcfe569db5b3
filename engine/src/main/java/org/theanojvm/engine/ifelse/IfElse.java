package org.theanojvm.engine.ifelse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.scan.InnerFunction;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.NullType;
import org.theanojvm.engine.types.TensorType;
import org.theanojvm.engine.types.Type;

/**
 * theano.ifelse.ifelse: a lazy conditional, evaluating only the branch taken.
 *
 * <p>Theano gets laziness from its VM (thunks that ask for inputs on demand); the executors here are
 * eager (every node of the toposort runs). So the branches live inside the op instead, like scan's
 * body: each branch is an inner {@link FunctionGraph} over placeholders of the free variables, compiled
 * once ({@link InnerFunction}), and {@link #perform} runs only the branch the condition selects. The
 * node's inputs are {@code [condition, free variables...]}, where the free variables are the branches'
 * non-constant leaves, plus every variable the condition itself needs (it is computed anyway, so the
 * branches read it instead of recomputing it). A branch subexpression that other parts of the graph
 * also use is therefore computed again inside the branch: the price of deciding laziness when the node
 * is built.
 *
 * <p>The gradient is another lazy IfElse: on input x, {@code ifelse(c, d then/dx, d else/dx)}, each the
 * vector-Jacobian product of its branch (Theano's IfElse.grad: zeros for the branch not taken); the
 * condition gets a zero gradient, as in Theano.
 */
public final class IfElse extends Op {
    private final FunctionGraph thenGraph;
    private final FunctionGraph elseGraph;
    private final String name;
    private transient volatile InnerFunction thenFn; // caches: rebuilt after unpickling
    private transient volatile InnerFunction elseFn;

    /** Both graphs must have the same inputs (the placeholders of the node's inputs after the condition). */
    public IfElse(FunctionGraph thenGraph, FunctionGraph elseGraph, String name) {
        if (thenGraph.inputs().size() != elseGraph.inputs().size() || thenGraph.outputs().size() != elseGraph.outputs().size()) {
            throw new TheanoValueError("IfElse: the two branches must have the same inputs and number of outputs");
        }
        this.thenGraph = thenGraph;
        this.elseGraph = elseGraph;
        this.name = name;
    }

    /**
     * theano.ifelse.ifelse(condition, then_branch, else_branch, name): the outputs of a new IfElse node,
     * one per branch element. Each element may be a Variable or a value (made a constant); the two
     * elements of a pair must have the same type.
     */
    public static List<Variable> ifelse(Object condition, List<?> thenBranch, List<?> elseBranch, String name) {
        if (thenBranch.size() != elseBranch.size()) {
            throw new TheanoValueError("The number of values on the `then` branch should have the same number of variables as the `else` "
                    + "branch : (variables on `then` " + thenBranch.size() + ", variables on `else` " + elseBranch.size() + ")");
        }
        Variable cond = T.asTensorVariable(condition);
        if (cond.ndim() != 0) throw new TheanoTypeError("The condition of ifelse must be a scalar, got " + cond.type());
        List<Variable> thens = new ArrayList<>(), elses = new ArrayList<>();
        for (int i = 0; i < thenBranch.size(); i++) {
            Variable t = T.asTensorVariable(thenBranch.get(i)), e = T.asTensorVariable(elseBranch.get(i));
            if (!t.type().equals(e.type())) {
                throw new TheanoTypeError("The two branches should have identical types, but they are " + t.type() + " and " + e.type()
                        + " respectively. This error could be raised if for example you provided a one element list on the `then` branch "
                        + "but a tensor on the `else` branch.");
            }
            thens.add(t);
            elses.add(e);
        }
        // what the condition needs is computed before the branch anyway: the branches read it
        Set<Variable> computedAnyway = identitySet();
        for (Variable a : Graphs.ancestors(List.of(cond), null)) if (!(a instanceof Constant)) computedAnyway.add(a);
        List<Variable> all = new ArrayList<>(thens);
        all.addAll(elses);
        List<Variable> free = new ArrayList<>();
        for (Variable a : Graphs.ancestors(all, computedAnyway)) {
            if (a instanceof Constant) continue;
            if (a.owner() == null || computedAnyway.contains(a)) free.add(a);
        }
        Map<Variable, Variable> toPlaceholder = new IdentityHashMap<>();
        List<Variable> placeholders = new ArrayList<>();
        for (Variable f : free) {
            Variable ph = f.type().makeVariable(f.name());
            toPlaceholder.put(f, ph);
            placeholders.add(ph);
        }
        FunctionGraph tg = new FunctionGraph(placeholders, Graphs.clone(thens, toPlaceholder, null));
        FunctionGraph eg = new FunctionGraph(placeholders, Graphs.clone(elses, toPlaceholder, null));
        List<Variable> inputs = new ArrayList<>();
        inputs.add(cond);
        inputs.addAll(free);
        return new IfElse(tg, eg, name).makeNode(inputs).outputs();
    }

    public FunctionGraph thenGraph() { return thenGraph; }

    public FunctionGraph elseGraph() { return elseGraph; }

    public int nOuts() { return thenGraph.outputs().size(); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        List<Variable> ph = thenGraph.inputs();
        if (inputs.size() != ph.size() + 1) throw new TheanoValueError(this + " expects " + (ph.size() + 1) + " inputs, got " + inputs.size());
        Variable cond = inputs.get(0);
        if (!cond.isTensor() || cond.ndim() != 0) throw new TheanoTypeError("The condition of ifelse must be a scalar, got " + cond.type());
        for (int j = 0; j < ph.size(); j++) {
            if (!inputs.get(j + 1).type().equals(ph.get(j).type())) {
                throw new TheanoTypeError(this + ": input " + (j + 1) + " has type " + inputs.get(j + 1).type() + ", expected " + ph.get(j).type());
            }
        }
        List<Type> outTypes = new ArrayList<>();
        for (Variable o : thenGraph.outputs()) outTypes.add(o.type());
        return new Apply(this, inputs, outTypes);
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] inputs) {
        NdArray[] args = new NdArray[inputs.length - 1];
        System.arraycopy(inputs, 1, args, 0, args.length);
        return (inputs[0].item() != 0 ? thenFunction() : elseFunction()).run(args);
    }

    private InnerFunction thenFunction() {
        InnerFunction f = thenFn;
        if (f == null) thenFn = f = new InnerFunction(thenGraph, "ifelse");
        return f;
    }

    private InnerFunction elseFunction() {
        InnerFunction f = elseFn;
        if (f == null) elseFn = f = new InnerFunction(elseGraph, "ifelse");
        return f;
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        Variable cond = inputs.get(0);
        List<Variable> xs = inputs.subList(1, inputs.size());
        List<Variable> wrt = new ArrayList<>();
        for (Variable x : xs) if (isFloat(x)) wrt.add(x);
        List<Variable> gThen = branchGrads(thenGraph, xs, wrt, outputGrads);
        List<Variable> gElse = branchGrads(elseGraph, xs, wrt, outputGrads);
        List<Variable> result = new ArrayList<>();
        result.add(T.zerosLikeFloat(cond));
        List<Object> lazyThen = new ArrayList<>(), lazyElse = new ArrayList<>();
        Variable[] direct = new Variable[xs.size()];
        int w = 0;
        for (int j = 0; j < xs.size(); j++) {
            Variable x = xs.get(j);
            if (!isFloat(x)) {
                direct[j] = T.zerosLikeFloat(x);
                continue;
            }
            Variable gt = gThen.get(w), ge = gElse.get(w);
            w++;
            if (NullType.is(gt)) direct[j] = gt;
            else if (NullType.is(ge)) direct[j] = ge;
            else {
                lazyThen.add(conform(gt, x));
                lazyElse.add(conform(ge, x));
            }
        }
        List<Variable> lazy = lazyThen.isEmpty() ? List.of() : ifelse(cond, lazyThen, lazyElse, name == null ? null : "grad_" + name);
        int k = 0;
        for (int j = 0; j < xs.size(); j++) result.add(direct[j] != null ? direct[j] : lazy.get(k++));
        return result;
    }

    /** d(branch outputs)/d(wrt), pulled back from the output gradients, on the node's actual inputs. */
    private static List<Variable> branchGrads(FunctionGraph branch, List<Variable> xs, List<Variable> wrt, List<Variable> outputGrads) {
        Map<Variable, Variable> replace = new IdentityHashMap<>();
        for (int j = 0; j < xs.size(); j++) replace.put(branch.inputs().get(j), xs.get(j));
        List<Variable> outs = Graphs.clone(branch.outputs(), replace, null);
        Map<Variable, Variable> known = new LinkedHashMap<>();
        for (int i = 0; i < outs.size(); i++) {
            Variable g = outputGrads.get(i), o = outs.get(i);
            if (g == null || DisconnectedType.is(g) || !isFloat(o)) continue;
            if (g.dtype() != o.dtype()) g = T.cast(g, o.dtype());
            // a fresh copy as the key, as two outputs may be the same variable: their gradients must add up
            known.put(T.identity(o), g);
        }
        if (known.isEmpty() || wrt.isEmpty()) {
            List<Variable> zeros = new ArrayList<>();
            for (Variable x : wrt) zeros.add(T.zerosLike(x));
            return zeros;
        }
        return Gradient.grad(null, wrt, null, "ignore", false, known, "zero", "return");
    }

    private static boolean isFloat(Variable v) { return v.isTensor() && v.dtype().isFloat(); }

    /** v with exactly x's type (dtype and broadcastable pattern), so both branches of the gradient agree. */
    private static Variable conform(Variable v, Variable x) {
        if (v.dtype() != x.dtype()) v = T.cast(v, x.dtype());
        TensorType t = x.tensorType();
        if (!v.type().equals(t)) v = T.patternbroadcast(v, t.broadcastable());
        return v;
    }

    /** Both branch graphs (by identity) and the name identify an IfElse. */
    @Override
    protected List<Object> props() { return List.of(new IdentityKey(thenGraph), new IdentityKey(elseGraph), String.valueOf(name)); }

    private record IdentityKey(Object o) {
        @Override
        public boolean equals(Object x) { return x instanceof IdentityKey k && k.o == o; }

        @Override
        public int hashCode() { return System.identityHashCode(o); }
    }

    /** Theano's IfElse.__str__: {@code if{}}, or {@code if{name}}. */
    @Override
    public String toString() { return "if{" + (name == null ? "" : name) + "}"; }

    private static <X> Set<X> identitySet() { return Collections.newSetFromMap(new IdentityHashMap<>()); }
}
