package org.theanojvm.engine.function;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoRuntimeError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.errors.UnusedInputError;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Traces;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.rewrite.RewriteDB;
import org.theanojvm.engine.rewrite.RewriteResult;
import org.theanojvm.engine.types.TensorType;

/**
 * A compiled function (theano.function / pfunc). Compilation clones the graph with the givens
 * substituted, adds the shared variables it reads as implicit inputs and the update expressions as
 * extra outputs of one {@link FunctionGraph}. A call filters the arguments through the input types,
 * runs the {@link Executor} chosen for the mode ({@link Executors}), returns fresh output arrays (never aliasing inputs, constants or
 * shared storage), and only then stores all updates, so a failing call changes no shared variable.
 *
 * <p>From Java: {@link #builder()} takes theano.function's keyword arguments one method each;
 * {@link #call(Object...)} takes {@link NdArray}s (see {@link NdArray#wrap(double[], long...)} for Java
 * arrays without a copy), Java numbers, or {@code double[]}/{@code float[]}/{@code int[]}/{@code long[]}.
 */
public final class Function {
    private final String name;
    private final List<In> inputs;
    private final List<SharedVariable> shared;
    private final int nOutputs;
    private final List<SharedVariable> updateTargets;
    private final int[] updateTargetValue; // per update target: the index of its current value among a call's values (fgraph's inputs)
    private final List<Integer> inputUpdateIdx; // explicit inputs with an update: index into inputs
    private final FunctionGraph fgraph;
    private final Executor executor; // chosen from the mode by Executors (Truffle for FAST_RUN when present)
    private final Object[] defaults; // current default/state per explicit input (filtered NdArray or null)

    private Function(String name, List<In> inputs, List<SharedVariable> shared, int nOutputs, List<SharedVariable> updateTargets,
            List<Integer> inputUpdateIdx, FunctionGraph fgraph, Object[] defaults, String mode, String linker) {
        this.name = name;
        this.inputs = inputs;
        this.shared = shared;
        this.nOutputs = nOutputs;
        this.updateTargets = updateTargets;
        this.updateTargetValue = updateTargets.stream().mapToInt(sv -> fgraph.inputs().indexOf(sv)).toArray();
        this.inputUpdateIdx = inputUpdateIdx;
        this.fgraph = fgraph;
        this.executor = Executors.create(fgraph, mode, linker);
        this.defaults = defaults;
    }

    /** The name given at compile time (Theano's {@code name=}), or null. */
    public String name() { return name; }

    /** The explicit inputs, in argument order. */
    public List<In> inputs() { return Collections.unmodifiableList(inputs); }

    /** The optimized graph the executor runs (print it with debugprint / PP). */
    public FunctionGraph fgraph() { return fgraph; }

    private RewriteResult rewriteResult;

    /** What the rewrite pipeline did at compile time (events, counts per rewrite, node counts). */
    public RewriteResult rewriteResult() { return rewriteResult; }

    /** The executor running this function ("reference", "truffle", ...). */
    public Executor executor() { return executor; }

    /** How many arrays a call returns. */
    public int outputCount() { return nOutputs; }

    /**
     * The updates as pairs {graph output holding the new value, graph input it replaces}: shared variables
     * first, then inputs given with In(update=...) (pydotprint draws them as UPDATE edges).
     */
    public List<Variable[]> updatePairs() {
        List<Variable[]> pairs = new ArrayList<>();
        for (int k = 0; k < updateTargets.size(); k++) pairs.add(new Variable[] {fgraph.outputs().get(nOutputs + k), updateTargets.get(k)});
        for (int k = 0; k < inputUpdateIdx.size(); k++) {
            pairs.add(new Variable[] {fgraph.outputs().get(nOutputs + updateTargets.size() + k), fgraph.inputs().get(inputUpdateIdx.get(k))});
        }
        return pairs;
    }

    /** A {@link FunctionBuilder}: theano.function's keyword arguments as methods, ending in {@code compile()}. */
    public static FunctionBuilder builder() { return new FunctionBuilder(); }

    /**
     * theano.function(inputs, outputs, updates=updates): {@code updates} maps each shared variable to the
     * expression of its new value, stored after every call (in the map's iteration order).
     */
    public static Function compile(List<Variable> inputs, List<Variable> outputs, Map<? extends SharedVariable, ? extends Variable> updates) {
        return builder().inputs(inputs.toArray(Variable[]::new)).outputs(outputs.toArray(Variable[]::new)).updates(updates).compile();
    }

    /** Shortcut: theano.function(inputs, outputs) with defaults. */
    public static Function compile(List<Variable> inputs, List<Variable> outputs) {
        List<In> ins = new ArrayList<>();
        for (Variable v : inputs) ins.add(In.of(v));
        return compile(ins, outputs, List.of(), List.of(), null, null, null);
    }

    /**
     * theano.function(inputs, outputs, updates=..., givens=..., allow_input_downcast=..., on_unused_input=..., name=...).
     *
     * @param updates pairs {shared variable, new value expression}
     * @param givens pairs {variable, replacement}
     * @param onUnusedInput "raise", "warn", "ignore" or null for the config default
     */
    public static Function compile(List<In> inputs, List<Variable> outputs, List<Variable[]> updates, List<Variable[]> givens,
            Boolean allowInputDowncast, String onUnusedInput, String name) {
        return compile(inputs, outputs, updates, givens, allowInputDowncast, onUnusedInput, name, null);
    }

    /** As above, with the graph rewrites of {@code rewrites} (null: {@link RewriteConfig#getDefault()}, FAST_RUN unless the shim set it). */
    public static Function compile(List<In> inputs, List<Variable> outputs, List<Variable[]> updates, List<Variable[]> givens,
            Boolean allowInputDowncast, String onUnusedInput, String name, RewriteConfig rewrites) {
        return compile(inputs, outputs, updates, givens, allowInputDowncast, onUnusedInput, name, rewrites, null);
    }

    /**
     * As above, also naming Theano's linker ("cvm", "vm", "c|py", "py", ...; null: {@link Executors#linker()}).
     * The executor follows the mode of {@code rewrites} and the linker, as {@link Executors#create} says.
     */
    public static Function compile(List<In> inputs, List<Variable> outputs, List<Variable[]> updates, List<Variable[]> givens,
            Boolean allowInputDowncast, String onUnusedInput, String name, RewriteConfig rewrites, String linker) {
        RewriteConfig config = rewrites != null ? rewrites : RewriteConfig.getDefault();
        // ---- explicit inputs
        Set<Variable> inSet = Collections.newSetFromMap(new IdentityHashMap<>());
        List<In> ins = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            In in = inputs.get(i);
            Variable v = in.variable();
            if (v instanceof SharedVariable) {
                throw new TheanoTypeError("Cannot use a shared variable (" + v + ") as explicit input. Consider substituting a non-shared variable via the `givens` parameter");
            }
            if (v instanceof Constant) throw new TheanoTypeError("Constants not allowed in param list: " + v);
            if (!inSet.add(v)) {
                int first = -1;
                for (int j = 0; j < i; j++) if (inputs.get(j).variable() == v) { first = j; break; }
                throw new TheanoValueError("Variable " + v + " is used twice in inputs to theano.function, at indices " + first + " and " + i
                        + ".  This would result in values provided for it being ignored. Please do not duplicate variables in the inputs list.");
            }
            if (in.allowDowncast() == null && allowInputDowncast != null) in = in.withAllowDowncast(allowInputDowncast);
            ins.add(in);
        }
        // ---- givens
        Map<Variable, Variable> replace = new IdentityHashMap<>();
        for (Variable[] g : givens) {
            Variable orig = g[0], repl = g[1];
            if (inSet.contains(orig)) {
                throw new TheanoRuntimeError("You are trying to replace variable '" + orig + "' through the `givens` parameter, but this variable is an input to your "
                        + "function. Replacing inputs is currently forbidden because it has no effect. One way to modify an input `x` to a function evaluating f(x) is to "
                        + "define a new input `y` and use `theano.function([y], f(x), givens={x: g(y)})`. Another solution consists in using `theano.clone`, e.g. like "
                        + "this: `theano.function([x], theano.clone(f(x), replace={x: g(x)}))`.");
            }
            if (replace.containsKey(orig)) throw new TheanoValueError("givens: variable " + orig + " is replaced twice");
            replace.put(orig, filterVariable(orig.tensorType(), repl));
        }
        // ---- updates: explicit, then default updates of shared variables
        Map<SharedVariable, Variable> upd = new LinkedHashMap<>();
        for (Variable[] u : updates) {
            if (!(u[0] instanceof SharedVariable sv)) {
                throw new TheanoTypeError(List.of("update target must be a SharedVariable", new TheanoException.Raw(String.valueOf(u[0]))));
            }
            if (upd.containsKey(sv)) {
                throw new TheanoValueError(List.of("this shared variable already has an update expression",
                        new TheanoException.Raw("(" + sv + ", " + upd.get(sv) + ")")));
            }
            Variable val;
            try {
                val = filterVariable(sv.tensorType(), u[1]);
            } catch (TheanoTypeError e) {
                throw new TheanoTypeError(List.of("An update must have the same type as the original shared variable (shared_var=" + sv
                        + ", shared_var.type=" + sv.type() + ", update_val=" + u[1] + ", update_val.type=" + u[1].type() + ").",
                        "If the difference is related to the broadcast pattern, you can call the tensor.unbroadcast(var, axis_to_unbroadcast[, ...]) "
                                + "function to remove broadcastable dimensions."));
            }
            upd.put(sv, val);
        }
        // ---- clone everything computed, with the givens substituted
        List<Variable> toClone = new ArrayList<>(outputs);
        toClone.addAll(upd.values());
        List<Integer> inputUpdateIdx = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i).update() != null) {
                inputUpdateIdx.add(i);
                toClone.add(filterVariable(ins.get(i).variable().tensorType(), ins.get(i).update()));
            }
        }
        List<Variable> cloned = Graphs.clone(toClone, replace, null);
        // default updates of shared variables reached by the graph (Theano adds them unless no_default_updates)
        for (Variable leaf : Graphs.inputs(cloned)) {
            if (leaf instanceof SharedVariable sv && sv.defaultUpdate() != null && !upd.containsKey(sv)) {
                upd.put(sv, filterVariable(sv.tensorType(), sv.defaultUpdate()));
                List<Variable> extra = Graphs.clone(List.of(upd.get(sv)), replace, null);
                cloned.add(outputs.size() + upd.size() - 1, extra.get(0));
            }
        }
        // ---- implicit inputs: shared variables read by the graph or updated
        List<SharedVariable> sharedVars = new ArrayList<>();
        Set<Variable> seenShared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Variable leaf : Graphs.inputs(cloned)) {
            if (leaf instanceof SharedVariable sv && seenShared.add(sv)) sharedVars.add(sv);
        }
        for (SharedVariable sv : upd.keySet()) if (seenShared.add(sv)) sharedVars.add(sv);
        List<Variable> fgInputs = new ArrayList<>();
        for (In in : ins) fgInputs.add(in.variable());
        fgInputs.addAll(sharedVars);
        // ---- unused inputs, checked before the graph is built, as Theano does: an input that is not a
        // leaf of the outputs (theano.function([x + 1], ...)) is reported as unused, not as x missing
        String policy = onUnusedInput != null ? onUnusedInput : Config.onUnusedInput();
        Set<Variable> used = Collections.newSetFromMap(new IdentityHashMap<>());
        used.addAll(Graphs.ancestors(cloned, null));
        for (int i = 0; i < ins.size(); i++) {
            Variable v = ins.get(i).variable();
            if (used.contains(v) || policy.equals("ignore")) continue;
            String msg = "theano.function was asked to create a function computing outputs given certain inputs, but the provided input variable at index "
                    + i + " is not part of the computational graph needed to compute the outputs: " + v + ".\n";
            if (policy.equals("raise")) {
                throw new UnusedInputError(msg + "To make this error into a warning, you can pass the parameter on_unused_input='warn' to theano.function. "
                        + "To disable it completely, use on_unused_input='ignore'.");
            }
            org.theanojvm.engine.gradient.Gradient.warningSink.accept(msg + "To make this warning into an error, you can pass the parameter "
                    + "on_unused_input='raise' to theano.function. To disable it completely, use on_unused_input='ignore'.");
        }
        FunctionGraph fg = new FunctionGraph(fgInputs, cloned);
        // ---- defaults
        Object[] defaults = new Object[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            In in = ins.get(i);
            if (in.hasValue() && in.value() != null) {
                NdArray v = in.variable().tensorType().filter(in.value(), in.strict(), in.allowDowncast());
                defaults[i] = v == in.value() ? v.copy() : v;
            }
        }
        // ---- graph rewrites (theano.function's optimizer), on the cloned graph only: the user's graph is untouched
        // updated shared variables may be overwritten in place by their update (Theano's in-place updates:
        // get_value(borrow=True) may see the buffer change), each mapped to the output that is its new value
        Map<Variable, Integer> destroyable = new IdentityHashMap<>();
        int k = 0;
        for (SharedVariable sv : upd.keySet()) destroyable.put(sv, outputs.size() + k++);
        RewriteResult rewritten = RewriteDB.standard().run(fg, config, destroyable);
        Function f = new Function(name, ins, sharedVars, outputs.size(), new ArrayList<>(upd.keySet()), inputUpdateIdx, fg, defaults,
                config.mode(), linker != null ? linker : Executors.linker());
        f.rewriteResult = rewritten;
        return f;
    }

    /**
     * Theano's TensorType.filter_variable: the variable itself when the type matches; a Rebroadcast when
     * only broadcastable flags are more specific; else TypeError.
     */
    static Variable filterVariable(TensorType t, Variable other) {
        if (other.type().equals(t)) return other;
        if (other.isTensor()) {
            TensorType o = other.tensorType();
            boolean ok = o.dtype() == t.dtype() && o.ndim() == t.ndim();
            for (int i = 0; ok && i < t.ndim(); i++) ok = t.broadcastable(i) == o.broadcastable(i) || o.broadcastable(i);
            if (ok) return org.theanojvm.engine.tensor.T.patternbroadcast(other, t.broadcastable());
        }
        throw new TheanoTypeError("Cannot convert Type " + other.type() + " (of Variable " + other + ") into Type " + t
                + ". You can try to manually convert " + other + " into a " + t + ".");
    }

    /** f(*args): NdArray arguments are ndarrays; Literal (or Java numbers/double[]) are other Python values. */
    public NdArray[] call(Object... args) { return call(java.util.Arrays.asList(args), Map.of()); }

    /** f(*args, **kwargs): keyword arguments by input name. */
    public NdArray[] call(List<Object> args, Map<String, Object> kwargs) { return call(args, kwargs, true); }

    /**
     * As {@link #call(List, Map)}, but the returned arrays may be the executor's own buffers (even shared
     * with the new value of a shared variable): valid until the next call, so the caller must copy them at
     * once. The shim does (marshal copies every output into a new NumPy array), which saves one full copy
     * of every output per call.
     */
    public NdArray[] callTransient(List<Object> args, Map<String, Object> kwargs) { return call(args, kwargs, false); }

    private NdArray[] call(List<Object> args, Map<String, Object> kwargs, boolean copyOutputs) {
        int n = inputs.size();
        if (args.size() > n) throw new TheanoTypeError("Too many parameter passed to theano function");
        Object[] given = new Object[n];
        boolean[] provided = new boolean[n];
        for (int i = 0; i < args.size(); i++) {
            given[i] = args.get(i);
            provided[i] = true;
        }
        for (var e : kwargs.entrySet()) {
            int idx = -1;
            for (int i = 0; i < n; i++) if (e.getKey().equals(inputs.get(i).name())) idx = i;
            if (idx < 0) throw new TheanoTypeError("Unknown input or state: " + e.getKey() + ". " + describeInputsByName());
            if (provided[idx]) throw new TheanoTypeError("Multiple values for input: " + e.getKey());
            given[idx] = e.getValue();
            provided[idx] = true;
        }
        List<NdArray> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            In in = inputs.get(i);
            if (!provided[i]) {
                if (defaults[i] == null) throw new TheanoTypeError("Missing required input: " + in.variable());
                values.add((NdArray) defaults[i]);
                continue;
            }
            try {
                values.add(in.variable().tensorType().filter(toValue(given[i]), in.strict(), in.allowDowncast()));
            } catch (TheanoException e) {
                String prefix = badInputPrefix(i);
                List<Object> a = new ArrayList<>(e.pythonArgs());
                if (a.size() == 1) a.set(0, prefix + a.get(0));
                else a.add(0, prefix);
                throw new TheanoException(e.pythonExceptionType(), a, e);
            }
        }
        for (SharedVariable sv : shared) values.add(sv.getValue(true));
        NdArray[] res = executor.run(values);
        // outputs: fresh arrays (or, for callTransient, whatever the executor returned)
        NdArray[] out = new NdArray[nOutputs];
        for (int i = 0; i < nOutputs; i++) out[i] = copyOutputs ? res[i].copy() : res[i];
        // updates: all computed by now; owned (copied unless already exclusively ours) then committed all at once
        List<MemorySegment> taken = new ArrayList<>();
        NdArray[] newShared = new NdArray[updateTargets.size()];
        for (int k = 0; k < newShared.length; k++) newShared[k] = owned(res[nOutputs + k], values, taken, updateTargetValue[k]);
        NdArray[] newState = new NdArray[inputUpdateIdx.size()];
        for (int k = 0; k < newState.length; k++) newState[k] = owned(res[nOutputs + newShared.length + k], values, taken, -1);
        for (int k = 0; k < newShared.length; k++) updateTargets.get(k).setValueInternal(newShared[k]);
        for (int k = 0; k < newState.length; k++) defaults[inputUpdateIdx.get(k)] = newState[k];
        return out;
    }

    /**
     * Theano's lead-in of an error about the value given for input i: which function, which input, and
     * where the user created that input (its creation trace), before the type's own message.
     */
    public String badInputPrefix(int i) {
        return "Bad input argument to theano function" + (name != null ? " with name \"" + name + "\"" : "") + " at index " + i
                + " (0-based). " + Traces.variableTraceString(inputs.get(i).variable());
    }

    /**
     * Which inputs a keyword argument can name, in Theano's words (function_module.get_info_on_inputs):
     * the explicit inputs then the shared variables, which Theano counts as implicit inputs.
     */
    private String describeInputsByName() {
        List<String> named = new ArrayList<>();
        int unnamed = 0;
        List<String> names = new ArrayList<>();
        for (In in : inputs) names.add(in.name());
        for (SharedVariable sv : shared) names.add(sv.name());
        for (String inputName : names) {
            if (inputName == null) unnamed++;
            else named.add(inputName);
        }
        if (named.isEmpty()) {
            if (unnamed == 0) return "The function is supposed to have no input.";
            if (unnamed == 1) return "The function has a single input variable which has no name, and thus cannot be assigned "
                    + "through a keyword argument (use 'name=...' in a Variable's constructor to give it a name).";
            return "The function has " + unnamed + " inputs, but none of them is named, and thus they cannot be assigned through "
                    + "keyword arguments (use 'name=...' in a Variable's constructor to give it a name).";
        }
        String namedPart = "The function has " + named.size() + " named input" + plural(named.size()) + " (" + String.join(", ", named) + ")";
        if (unnamed == 0) return namedPart + ".";
        return namedPart + ", and " + unnamed + " unnamed input" + plural(unnamed) + " which thus cannot be accessed through keyword argument"
                + plural(unnamed) + " (use 'name=...' in a variable's constructor to give it a name).";
    }

    private static String plural(int n) { return n > 1 ? "s" : ""; }

    /**
     * An update's new value that no one else can see: the executor's result itself when its memory
     * overlaps no argument or shared value of this call (but the target's own: an in-place update), no
     * graph constant and no other stored update, else a copy. Skipping the copy matters: for an SGD step
     * it is a full copy of every parameter.
     *
     * @param own the index in values of the update target's own current value, -1 for none
     */
    private NdArray owned(NdArray r, List<NdArray> values, List<MemorySegment> taken, int own) {
        MemorySegment seg = r.segment();
        boolean alias = overlapsAny(seg, taken) || overlapsAny(seg, constantSegments());
        for (int i = 0; !alias && i < values.size(); i++) alias = i != own && overlaps(seg, values.get(i).segment());
        NdArray v = alias ? r.copy() : r;
        taken.add(v.segment());
        return v;
    }

    private static boolean overlapsAny(MemorySegment s, List<MemorySegment> others) {
        for (MemorySegment o : others) if (overlaps(s, o)) return true;
        return false;
    }

    private static boolean overlaps(MemorySegment a, MemorySegment b) {
        return a.isNative() == b.isNative() && a.asOverlappingSlice(b).isPresent();
    }

    private List<MemorySegment> constantSegments;

    private List<MemorySegment> constantSegments() {
        List<MemorySegment> c = constantSegments;
        if (c == null) {
            c = new ArrayList<>();
            for (Variable v : fgraph.variables()) if (v instanceof Constant k && k.data() != null) c.add(k.data().segment());
            constantSegments = c;
        }
        return c;
    }

    /** Java conveniences mapped to what the shim would pass. */
    static Object toValue(Object o) {
        if (o instanceof NdArray || o instanceof org.theanojvm.engine.types.Literal) return o;
        if (o instanceof Double || o instanceof Float) return org.theanojvm.engine.types.Literal.of(((Number) o).doubleValue());
        if (o instanceof Number num) return org.theanojvm.engine.types.Literal.of(num.longValue());
        if (o instanceof double[] d) return org.theanojvm.engine.types.Literal.of(d);
        // other primitive arrays keep their dtype (as a NumPy array of it would), read in place
        if (o instanceof float[] f) return NdArray.wrap(f);
        if (o instanceof int[] i) return NdArray.wrap(i);
        if (o instanceof long[] l) return NdArray.wrap(l);
        throw new TheanoTypeError("Unsupported argument type: " + o);
    }

    /** Current value of an input's default/state (In with value/update). */
    public NdArray inputState(int i) { return defaults[i] == null ? null : ((NdArray) defaults[i]).copy(); }

    /** Replaces an input's default/state (Theano's {@code f[name] = value}), filtered through its type. */
    public void setInputState(int i, Object value) {
        In in = inputs.get(i);
        NdArray v = in.variable().tensorType().filter(toValue(value), in.strict(), in.allowDowncast());
        defaults[i] = v == value ? v.copy() : v;
    }
}
