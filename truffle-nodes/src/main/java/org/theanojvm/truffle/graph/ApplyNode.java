package org.theanojvm.truffle.graph;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import org.theanojvm.engine.function.OpErrors;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * One scheduled apply node of a compiled graph: reads its input values from frame slots (or baked-in
 * constants), computes, writes its outputs to their slots, then hands the buffers of intermediates
 * that it was the last client of to the {@link BufferPool}. Failures get Theano's op context lines,
 * as with the reference executor.
 */
public abstract class ApplyNode extends Node {
    protected final Apply apply;
    private final FunctionGraph fg;
    private final int index;
    @CompilationFinal(dimensions = 1) private final int[] inputSlots; // -1: the constant below
    @CompilationFinal(dimensions = 1) private final NdArray[] constants;
    @CompilationFinal(dimensions = 1) private final int[] outputSlots;
    @CompilationFinal(dimensions = 1) private int[] releaseSlots = new int[0];

    protected ApplyNode(Slots slots) {
        this.apply = slots.apply();
        this.fg = slots.fg();
        this.index = slots.index();
        this.inputSlots = slots.inputSlots();
        this.constants = slots.constants();
        this.outputSlots = slots.outputSlots();
    }

    /** Where one node's values live; built by the {@link GraphBuilder}. */
    public record Slots(Apply apply, FunctionGraph fg, int index, int[] inputSlots, NdArray[] constants, int[] outputSlots) {}

    void setReleaseSlots(int[] s) { this.releaseSlots = s; }

    /** Whether this node's outputs are always fresh buffers that it never aliases to its inputs (so they may be recycled). */
    public abstract boolean freshOutputs();

    /** The op's work on input values; returns one value per output. */
    protected abstract NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool);

    public final void execute(VirtualFrame frame, BufferPool pool) {
        NdArray[] ins = readInputs(frame);
        NdArray[] outs;
        try {
            outs = compute(frame, ins, pool);
        } catch (RuntimeException e) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            throw OpErrors.withOpContext(e, fg, apply, index, ins);
        }
        writeOutputs(frame, outs);
        release(frame, pool);
    }

    @ExplodeLoop
    private NdArray[] readInputs(VirtualFrame frame) {
        NdArray[] ins = new NdArray[inputSlots.length];
        for (int k = 0; k < inputSlots.length; k++) {
            ins[k] = inputSlots[k] < 0 ? constants[k] : (NdArray) frame.getObject(inputSlots[k]);
        }
        return ins;
    }

    @ExplodeLoop
    private void writeOutputs(VirtualFrame frame, NdArray[] outs) {
        for (int k = 0; k < outputSlots.length; k++) frame.setObject(outputSlots[k], outs[k]);
    }

    @ExplodeLoop
    private void release(VirtualFrame frame, BufferPool pool) {
        for (int s : releaseSlots) {
            pool.release((NdArray) frame.getObject(s));
            frame.setObject(s, null);
        }
    }

    @TruffleBoundary
    protected static NdArray[] one(NdArray a) { return new NdArray[] {a}; }
}
