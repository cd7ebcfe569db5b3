package org.theanojvm.truffle.elemwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * A float64 or float32 kernel input left where it lies in native memory (an argument in the caller's
 * NumPy buffer), as a {@link KernelPlan} base: its offsets and strides count elements from the start of
 * {@link #segment}. Only the SIMD kernels ({@code vector.VectorKernel}) read such bases, a block at a
 * time by bulk copy into their registers; the scalar Truffle loop indexes heap arrays, so a plan for it
 * sees a heap copy instead ({@link HeapView}). Reading in place matters for big arguments: copying a
 * 1e6-element float64 argument to the heap costs about as much as a tenth of the kernel itself.
 */
public record NativeOperand(MemorySegment segment, boolean single) {
    /**
     * A float64 or float32 array in native memory, whose offset and strides are whole items, as a view
     * over a NativeOperand base; null for anything else (the heap path).
     */
    static HeapView view(NdArray a) {
        MemorySegment seg = a.segment();
        DType d = a.dtype();
        if (!seg.isNative() || (d != DType.FLOAT64 && d != DType.FLOAT32)) return null;
        long[] es = a.elementStrides();
        return es == null ? null : HeapView.over(new NativeOperand(seg, d == DType.FLOAT32), a.offset() / d.itemsize(), es);
    }

    public double read(int i) {
        return single ? segment.getAtIndex(ValueLayout.JAVA_FLOAT, i) : segment.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
    }

    /** Elements {@code start .. start+len} as doubles (float32 widened exactly). */
    public void load(int start, double[] into, int len) {
        if (single) {
            for (int i = 0; i < len; i++) into[i] = segment.getAtIndex(ValueLayout.JAVA_FLOAT, start + i);
        } else {
            MemorySegment.copy(segment, ValueLayout.JAVA_DOUBLE, (long) start * Double.BYTES, into, 0, len);
        }
    }

    /** Elements {@code start .. start+len} as floats: only a float32 operand goes to a single-precision program. */
    public void load(int start, float[] into, int len) {
        if (!single) throw new IllegalStateException("a float64 operand in a single-precision program");
        MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, (long) start * Float.BYTES, into, 0, len);
    }
}
