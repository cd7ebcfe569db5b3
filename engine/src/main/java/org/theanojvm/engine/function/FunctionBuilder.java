package org.theanojvm.engine.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.rewrite.RewriteConfig;

/**
 * {@code theano.function(inputs, outputs, updates=..., givens=..., ...)} for Java callers: each keyword
 * argument of Theano's signature is one method, so a call reads like the Python it replaces.
 *
 * <pre>{@code
 * Function train = Function.builder()
 *         .inputs(x, y)
 *         .outputs(cost)
 *         .update(w, T.sub(w, T.mul(0.1, gw)))
 *         .compile();
 * NdArray cost = train.call(xData, yData)[0];
 * }</pre>
 *
 * Updates and givens keep the order they are added in (Theano's OrderedUpdates). A builder may be
 * reused: {@link #compile()} reads its current settings and leaves it unchanged.
 */
public final class FunctionBuilder {
    private final List<In> inputs = new ArrayList<>();
    private final List<Variable> outputs = new ArrayList<>();
    private final List<Variable[]> updates = new ArrayList<>();
    private final List<Variable[]> givens = new ArrayList<>();
    private Boolean allowInputDowncast;
    private String onUnusedInput;
    private String name;
    private RewriteConfig mode;
    private String linker;

    FunctionBuilder() {}

    /** Appends explicit inputs, in the order the compiled function takes its arguments. */
    public FunctionBuilder inputs(Variable... variables) {
        for (Variable v : variables) inputs.add(In.of(v));
        return this;
    }

    /** Appends explicit inputs given with their options ({@code theano.In}: name, default value, update...). */
    public FunctionBuilder inputs(In... specs) {
        inputs.addAll(Arrays.asList(specs));
        return this;
    }

    /** Appends outputs: the compiled function returns one array per output, in this order. */
    public FunctionBuilder outputs(Variable... variables) {
        outputs.addAll(Arrays.asList(variables));
        return this;
    }

    /** {@code updates=[(target, newValue)]}: after each call, {@code target} holds the value of {@code newValue}. */
    public FunctionBuilder update(SharedVariable target, Variable newValue) {
        updates.add(new Variable[] {target, newValue});
        return this;
    }

    /** Every entry of a map as {@link #update}, in the map's iteration order (use a LinkedHashMap for a fixed one). */
    public FunctionBuilder updates(Map<? extends SharedVariable, ? extends Variable> targetToNewValue) {
        targetToNewValue.forEach(this::update);
        return this;
    }

    /** {@code givens=[(variable, replacement)]}: the graph is compiled with {@code replacement} in place of {@code variable}. */
    public FunctionBuilder given(Variable variable, Variable replacement) {
        givens.add(new Variable[] {variable, replacement});
        return this;
    }

    /** Every entry of a map as {@link #given}. */
    public FunctionBuilder givens(Map<? extends Variable, ? extends Variable> replacements) {
        replacements.forEach(this::given);
        return this;
    }

    /** {@code allow_input_downcast}: accept arguments whose dtype must be narrowed (float64 data for a float32 input). */
    public FunctionBuilder allowInputDowncast(boolean allow) {
        allowInputDowncast = allow;
        return this;
    }

    /** {@code on_unused_input}: "raise" (Theano's default), "warn" or "ignore". */
    public FunctionBuilder onUnusedInput(String policy) {
        onUnusedInput = policy;
        return this;
    }

    /** {@code name}: shown in error messages about the function's arguments. */
    public FunctionBuilder name(String functionName) {
        name = functionName;
        return this;
    }

    /**
     * {@code mode}: "FAST_RUN" (all rewrites, the fastest executor found, Theano's default),
     * "FAST_COMPILE" (few rewrites, the reference executor) or "DebugMode" (both executors, compared).
     */
    public FunctionBuilder mode(String theanoMode) {
        mode = RewriteConfig.fromFlags(theanoMode, null, null, null, null);
        return this;
    }

    /** {@code mode} with its optimizer flags spelled out (which rewrites run). */
    public FunctionBuilder mode(RewriteConfig rewrites) {
        mode = rewrites;
        return this;
    }

    /** Theano's linker name ("cvm": the fastest executor; "py": the reference executor). */
    public FunctionBuilder linker(String theanoLinker) {
        linker = theanoLinker;
        return this;
    }

    /** Compiles: clones the graph, applies the givens, rewrites it for the mode and builds its executor. */
    public Function compile() {
        return Function.compile(new ArrayList<>(inputs), new ArrayList<>(outputs), new ArrayList<>(updates), new ArrayList<>(givens),
                allowInputDowncast, onUnusedInput, name, mode, linker);
    }
}
