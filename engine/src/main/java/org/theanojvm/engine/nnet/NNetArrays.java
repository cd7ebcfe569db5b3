package org.theanojvm.engine.nnet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * Moves the nnet kernels' data between NdArrays and the double[] they compute on. The kernels (im2col,
 * GEMM, pooling windows) run on double[]; for C-contiguous float64/float32 arrays the copy is one bulk
 * segment copy (or one tight widening/narrowing loop) instead of NdArray's general strided per-element
 * iteration, which costs more than a LeNet pooling layer itself. Other layouts and dtypes take the
 * general path.
 */
final class NNetArrays {
    private NNetArrays() {}

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** The elements of a in C order, as doubles. */
    static double[] doubles(NdArray a) {
        if (!a.isCContiguous()) return a.toDoubleArray();
        int n = (int) a.size();
        MemorySegment seg = a.segment();
        long off = a.offset();
        if (a.dtype() == DType.FLOAT64) {
            double[] out = new double[n];
            MemorySegment.copy(seg, F64, off, out, 0, n);
            return out;
        }
        if (a.dtype() == DType.FLOAT32) {
            float[] f = new float[n];
            MemorySegment.copy(seg, F32, off, f, 0, n);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = f[i];
            return out;
        }
        return a.toDoubleArray();
    }

    /** A new C-contiguous array of the given dtype holding values (rounded to float32 for FLOAT32). */
    static NdArray array(DType dtype, long[] shape, double[] values) {
        if (dtype != DType.FLOAT64 && dtype != DType.FLOAT32) return NdArray.fromDoubles(dtype, shape, values);
        NdArray a = NdArray.empty(dtype, shape);
        if (values.length != a.size()) throw new IllegalArgumentException("expected " + a.size() + " values, got " + values.length);
        if (dtype == DType.FLOAT64) {
            MemorySegment.copy(values, 0, a.segment(), F64, a.offset(), values.length);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            MemorySegment.copy(f, 0, a.segment(), F32, a.offset(), f.length);
        }
        return a;
    }
}
