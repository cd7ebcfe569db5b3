package org.theanojvm.truffle.blas;

import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.truffle.elemwise.HeapView;

/**
 * An NdArray as BLAS wants it, without copying when its strides allow: a matrix is row-major
 * (unit column stride, lda = row stride) or column-major (unit row stride: passed as the transposed
 * row-major matrix); a vector has a positive increment. Anything else (broadcast zero strides,
 * negative or doubly strided views) is copied to a contiguous array first.
 */
public final class BlasOperand {
    private BlasOperand() {}

    /** A matrix operand: {@code transposed} means the memory holds the matrix's transpose in row-major order. */
    public record Matrix(MemorySegment data, boolean transposed, int ld) {
        public int transFlag(boolean alsoTranspose) { return transposed ^ alsoTranspose ? OpenBlas.TRANS : OpenBlas.NO_TRANS; }
    }

    public record Vector(MemorySegment data, int inc) {}

    public static Matrix matrix(NdArray a) {
        long r = a.shape(0), c = a.shape(1);
        HeapView v = HeapView.of(a);
        long s0 = v.strides()[0], s1 = v.strides()[1];
        if (r == 1) s0 = Math.max(c, 1); // the stride of a length-1 dimension never matters
        if (c == 1) s1 = 1;
        if (s1 == 1 && s0 >= Math.max(1, c)) return new Matrix(segment(v, a), false, (int) s0);
        if (s0 == 1 && s1 >= Math.max(1, r)) return new Matrix(segment(v, a), true, (int) s1);
        return matrix(a.copy());
    }

    public static Vector vector(NdArray a) {
        HeapView v = HeapView.of(a);
        long n = a.shape(0), s = v.strides()[0];
        if (n <= 1) return new Vector(segment(v, a), 1);
        if (s >= 1) return new Vector(segment(v, a), (int) s);
        return vector(a.copy());
    }

    static MemorySegment segment(HeapView v, NdArray a) {
        MemorySegment whole = switch (v.base()) {
            case double[] d -> MemorySegment.ofArray(d);
            case float[] f -> MemorySegment.ofArray(f);
            default -> throw new IllegalArgumentException("BLAS needs float32 or float64, got " + a.dtype());
        };
        return whole.asSlice((long) v.offset() * a.dtype().itemsize());
    }
}
