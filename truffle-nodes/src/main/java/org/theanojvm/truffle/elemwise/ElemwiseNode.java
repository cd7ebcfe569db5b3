package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import java.util.function.Supplier;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;
import org.theanojvm.truffle.elemwise.vector.VectorKernel;
import org.theanojvm.truffle.elemwise.vector.VectorProgram;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;

/**
 * An elementwise apply node (a plain Elemwise or a fused Composite) as one kernel: checks the
 * broadcast shapes with Theano's rule, takes an output buffer, and runs the scalar expression tree over
 * every element through {@link KernelLoopNode}; or, where the op has a {@link VectorProgram} and the
 * layout has long rows that are contiguous or constant in every operand ({@link VectorKernel#accepts}),
 * a block at a time through SIMD loops. Shape errors are left to the op's reference perform,
 * so the messages are the reference's.
 */
public final class ElemwiseNode extends ApplyNode {
    private final DType outDtype;
    @CompilationFinal(dimensions = 1) private final boolean[][] typeBroadcastable;
    @Child private KernelLoopNode loop;
    private final VectorProgram vector; // null: no SIMD form (or no Vector API), the scalar loop runs every layout
    @CompilationFinal(dimensions = 1) private final ElementAccess[] reads;
    private final ElementAccess write;

    public ElemwiseNode(Slots slots, Supplier<KernelBody> bodies, int planSlot, int posSlot,
            VectorProgram vector, ElementAccess[] reads, ElementAccess write) {
        super(slots);
        Apply a = slots.apply();
        this.outDtype = a.outputs().get(0).dtype();
        this.typeBroadcastable = new boolean[a.inputs().size()][];
        for (int k = 0; k < typeBroadcastable.length; k++) typeBroadcastable[k] = ((TensorType) a.inputs().get(k).type()).broadcastable();
        this.loop = KernelLoopNodeGen.create(bodies, planSlot, posSlot);
        this.vector = vector;
        this.reads = reads;
        this.write = write;
    }

    @Override
    public boolean freshOutputs() { return true; }

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) {
        long[] shape = outputShape(ins);
        if (shape == null) return performForError(ins);
        NdArray out = pool.take(outDtype, shape);
        if (out.size() == 0) return one(out);
        // the SIMD kernels read float inputs in native memory (big arguments in NumPy buffers) in place
        KernelPlan plan = plan(ins, out, vector != null);
        if (vector != null && VectorKernel.accepts(plan)) {
            VectorKernel.run(vector, plan, reads, write);
        } else {
            if (plan.nativeInputs) plan = plan(ins, out, false);
            loop.execute(frame, plan);
        }
        return one(out);
    }

    @TruffleBoundary
    private static KernelPlan plan(NdArray[] ins, NdArray out, boolean nativeInputs) { return KernelPlan.of(ins, out, nativeInputs); }

    /** Theano's rule (stricter than NumPy's): only type-broadcastable dimensions stretch; null on any mismatch. */
    @TruffleBoundary
    private long[] outputShape(NdArray[] ins) {
        int nd = typeBroadcastable[0].length;
        long[] out = new long[nd];
        for (int d = 0; d < nd; d++) {
            long size = -1;
            for (int k = 0; k < ins.length; k++) {
                if (ins[k].ndim() != nd) return null;
                long s = ins[k].shape(d);
                if (typeBroadcastable[k][d]) {
                    if (s != 1) return null;
                } else if (size < 0) {
                    size = s;
                } else if (s != size) {
                    return null;
                }
            }
            out[d] = size < 0 ? 1 : size;
        }
        return out;
    }

    /** The reference raises the exact Theano error for the mismatch. */
    @TruffleBoundary
    private NdArray[] performForError(NdArray[] ins) { return apply.op().perform(apply, ins); }
}
