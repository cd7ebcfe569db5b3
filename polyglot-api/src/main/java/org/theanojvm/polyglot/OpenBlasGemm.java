package org.theanojvm.polyglot;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.theanojvm.engine.nnet.GemmBackend;
import org.theanojvm.truffle.blas.OpenBlas;

/**
 * Gives the engine's convolution kernels (im2col + GEMM) the OpenBLAS dgemm that the Truffle executor
 * already loads. Registered in META-INF/services: the engine finds it with ServiceLoader and otherwise
 * keeps its Java loops. Heap arrays go to OpenBLAS by address (OpenBlas uses critical downcalls).
 */
public final class OpenBlasGemm implements GemmBackend {
    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
            int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        OpenBlas.dgemm(transA ? OpenBlas.TRANS : OpenBlas.NO_TRANS, transB ? OpenBlas.TRANS : OpenBlas.NO_TRANS, m, n, k, 1.0,
                slice(a, aOff), lda, slice(b, bOff), ldb, beta, slice(c, cOff), ldc);
    }

    private static MemorySegment slice(double[] x, int off) {
        MemorySegment s = MemorySegment.ofArray(x);
        return off == 0 ? s : s.asSlice(off * ValueLayout.JAVA_DOUBLE.byteSize());
    }

    @Override
    public String name() { return "OpenBLAS"; }

    @Override
    public boolean available() {
        try {
            return OpenBlas.available();
        } catch (LinkageError e) {
            return false;
        }
    }
}
