package org.theanojvm.engine.nnet;

/**
 * A faster matrix product for the convolution kernels ({@link Im2Col#gemm}), found with
 * {@link java.util.ServiceLoader} so that the engine stays free of native code: a module that ships a
 * BLAS (the launcher's OpenBLAS) registers one in META-INF/services. Without one, the engine's own Java
 * loops compute the same product.
 */
public interface GemmBackend {
    /**
     * C = op(A) * op(B) + beta * C, row-major, alpha = 1 (cblas_dgemm's meaning): op(A) is m x k, op(B) is
     * k x n; lda/ldb/ldc are the row strides of the matrices as stored; offsets are in elements.
     */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
            int ldb, double beta, double[] c, int cOff, int ldc);

    /** A short name for logs and benchmarks ("OpenBLAS"). */
    String name();

    /** Whether the backend can run here (its native library loaded); an unavailable one is skipped. */
    default boolean available() { return true; }
}
