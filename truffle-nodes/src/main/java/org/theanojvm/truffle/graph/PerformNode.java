package org.theanojvm.truffle.graph;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The fallback for every op without a Truffle node: calls the op's reference {@code perform} (behind a
 * boundary: it is ordinary Java, compiled by the JVM's own JIT) and checks the declared output types as
 * the reference executor does. Correct for every op, just not fused or specialised.
 */
public final class PerformNode extends ApplyNode {
    public PerformNode(Slots slots) { super(slots); }

    @Override
    public boolean freshOutputs() { return false; } // perform may return views of its inputs (DimShuffle, Subtensor...)

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) { return perform(ins); }

    @TruffleBoundary
    private NdArray[] perform(NdArray[] ins) {
        NdArray[] outs = apply.op().perform(apply, ins);
        for (int k = 0; k < outs.length; k++) {
            Variable ov = apply.outputs().get(k);
            if (ov.isTensor() && (outs[k].dtype() != ov.dtype() || outs[k].ndim() != ov.ndim())) {
                throw new TheanoAssertionError("Op " + apply.op() + " returned a " + outs[k].dtype() + " " + outs[k].ndim()
                        + "-d value for output " + k + " of type " + ov.type() + " (engine bug)");
            }
        }
        return outs;
    }
}
