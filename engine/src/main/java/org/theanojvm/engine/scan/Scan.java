package org.theanojvm.engine.scan;

import java.util.List;
import org.theanojvm.engine.graph.Variable;

/**
 * Java entry points for theano.scan. Example (cumulative sum):
 * <pre>{@code
 * ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1))),
 *         List.of(x), Scan.outputs(T.zerosLike(x[0])), List.of(), null, false, -1, null);
 * }</pre>
 * The step receives, as in Theano: every sequence slice, every previous-output slice, then the
 * non-sequences (see {@link ScanBuilder#stepArguments()}).
 */
public final class Scan {
    private Scan() {}

    /** A step returning the outputs only. */
    @FunctionalInterface
    public interface StepFunction {
        List<Variable> apply(List<Variable> args);
    }

    /** A step returning outputs, an optional until condition and optional updates (Theano's (outputs, updates, until) forms). */
    @FunctionalInterface
    public interface FullStepFunction {
        StepResult apply(List<Variable> args);
    }

    /** What a step function returns: its outputs, an optional {@code until} condition and updates of shared variables. */
    public record StepResult(List<Variable> outputs, Variable until, List<Variable[]> updates) {}

    /** A sequences entry with taps: {@code dict(input=x, taps=[...])}. */
    public record Seq(Object input, int... taps) {}

    /** An outputs_info entry with taps: {@code dict(initial=x0, taps=[...])}. */
    public record Out(Object initial, int... taps) {}

    /** outputs_info helper: an array that may hold nulls (map outputs) and Variables or {@link Out}s. */
    public static java.util.List<Object> outputs(Object... entries) { return java.util.Arrays.asList(entries); }

    public static ScanResult scan(StepFunction fn, List<?> sequences, List<?> outputsInfo, List<?> nonSequences, Object nSteps,
            boolean goBackwards, int truncateGradient, String name) {
        return scanFull(a -> new StepResult(fn.apply(a), null, null), sequences, outputsInfo, nonSequences, nSteps, goBackwards, truncateGradient,
                name);
    }

    /**
     * theano.scan.
     *
     * @param sequences Variables (taps [0]) or {@link Seq}
     * @param outputsInfo null entries (map outputs), Variables (initial state, taps [-1]) or {@link Out}; null or empty: all map outputs
     * @param nonSequences variables passed unchanged to every step
     * @param nSteps null, a Java integer or an integer scalar Variable
     * @param truncateGradient -1 or the number of steps backpropagated through
     */
    public static ScanResult scanFull(FullStepFunction fn, List<?> sequences, List<?> outputsInfo, List<?> nonSequences, Object nSteps,
            boolean goBackwards, int truncateGradient, String name) {
        ScanBuilder b = new ScanBuilder(name);
        if (sequences != null) {
            for (Object s : sequences) {
                if (s instanceof Seq sq) b.addSequence(sq.input(), sq.taps());
                else b.addSequence(s, null);
            }
        }
        if (outputsInfo != null) {
            for (Object o : outputsInfo) {
                if (o == null) b.addMapOutput();
                else if (o instanceof Out out) b.addOutput(out.initial(), out.taps());
                else b.addOutput(o, null);
            }
        }
        if (nonSequences != null) for (Object v : nonSequences) b.addNonSequence(v);
        b.setNSteps(nSteps);
        b.setGoBackwards(goBackwards);
        b.setTruncateGradient(truncateGradient);
        StepResult r = fn.apply(b.stepArguments());
        return b.build(r.outputs(), r.until(), r.updates());
    }
}
