package org.theanojvm.engine.function;

import java.util.List;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The DebugMode executor: runs the reference and a fast executor on the same inputs and checks every
 * output against the reference within {@link OutputTolerance}. A disagreement raises Theano's
 * {@code theano.compile.debugmode.BadThunkOutput} naming the output, both executors and the first
 * differing element; otherwise the reference values are returned.
 */
public final class CompareExecutor implements Executor {
    public static final String PYTHON_TYPE = "theano.compile.debugmode.BadThunkOutput";

    private final FunctionGraph fg;
    private final Executor reference;
    private final Executor other;

    public CompareExecutor(FunctionGraph fg, Executor reference, Executor other) {
        this.fg = fg;
        this.reference = reference;
        this.other = other;
    }

    @Override
    public NdArray[] run(List<NdArray> inputValues) {
        NdArray[] expected = reference.run(ownCopiesOfDestroyedInputs(inputValues));
        NdArray[] actual = other.run(ownCopiesOfDestroyedInputs(inputValues));
        for (int i = 0; i < expected.length; i++) {
            String diff = OutputTolerance.mismatch(expected[i], actual[i]);
            if (diff != null) {
                throw new TheanoException(PYTHON_TYPE, List.of("The " + other.name() + " executor disagrees with the " + reference.name()
                        + " executor on output " + i + " (" + fg.outputs().get(i) + ", computed by "
                        + (fg.outputs().get(i).owner() == null ? "no node" : fg.outputs().get(i).owner()) + "): " + diff), null);
            }
        }
        return expected;
    }

    /**
     * The inputs an in-place update overwrites, copied for each executor: the second must see them as
     * they were, and a disagreement must leave the shared values untouched.
     */
    private List<NdArray> ownCopiesOfDestroyedInputs(List<NdArray> inputValues) {
        List<NdArray> values = new java.util.ArrayList<>(inputValues);
        for (org.theanojvm.engine.graph.Apply a : fg.applyNodes()) {
            if (!fg.runsLast(a)) continue;
            int i = fg.inputs().indexOf(a.inputs().get(a.op().destroyedInput()));
            values.set(i, values.get(i).copy());
        }
        return values;
    }

    @Override
    public String name() { return "compare(" + reference.name() + ", " + other.name() + ")"; }
}
