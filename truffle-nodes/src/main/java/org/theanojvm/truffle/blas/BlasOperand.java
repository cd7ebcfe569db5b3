package org.theanojvm.truffle.blas;

import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;

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

    /** A vector as BLAS takes it: the memory of its first element and the increment between elements. */
    public record Vector(MemorySegment data, int inc) {}

    public static Matrix matrix(NdArray a) {
        long r = a.shape(0), c = a.shape(1);
        long[] es = a.elementStrides(); // heap or native alike: BLAS reads an argument in a NumPy buffer where it lies
        if (es == null) return matrix(a.copy());
        long s0 = es[0], s1 = es[1];
        if (r == 1) s0 = Math.max(c, 1); // the stride of a length-1 dimension never matters
        if (c == 1) s1 = 1;
        if (s1 == 1 && s0 >= Math.max(1, c)) return new Matrix(data(a), false, (int) s0);
        if (s0 == 1 && s1 >= Math.max(1, r)) return new Matrix(data(a), true, (int) s1);
        return matrix(a.copy());
    }

    public static Vector vector(NdArray a) {
        long[] es = a.elementStrides();
        if (es == null) return vector(a.copy());
        long n = a.shape(0), s = es[0];
        if (n <= 1) return new Vector(data(a), 1);
        if (s >= 1) return new Vector(data(a), (int) s);
        return vector(a.copy());
    }

    /** Where BLAS reads or writes an array: its own segment from its first element, heap or native alike. */
    static MemorySegment data(NdArray a) { return a.segment().asSlice(a.offset()); }
}
