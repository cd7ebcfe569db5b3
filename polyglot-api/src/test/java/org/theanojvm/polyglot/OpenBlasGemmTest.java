package org.theanojvm.polyglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.nnet.Im2Col;

/** The OpenBLAS backend of the convolution GEMM computes what the engine's Java GEMM computes. */
class OpenBlasGemmTest {
    private static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextGaussian();
        return x;
    }

    @Test
    void agreesWithJavaGemmForEveryTransposeOffsetAndBeta() {
        OpenBlasGemm blas = new OpenBlasGemm();
        assumeTrue(blas.available(), "OpenBLAS not loadable here");
        Random r = new Random(7);
        int m = 13, n = 17, k = 11, aOff = 3, bOff = 5, cOff = 2;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double beta : new double[] {0, 1, 0.5}) {
                    int lda = ta ? m : k, ldb = tb ? k : n, ldc = n;
                    double[] a = random(r, aOff + (ta ? k : m) * lda), b = random(r, bOff + (tb ? n : k) * ldb);
                    double[] c1 = random(r, cOff + m * ldc), c2 = c1.clone();
                    blas.dgemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c1, cOff, ldc);
                    Im2Col.javaGemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c2, cOff, ldc);
                    assertArrayEquals(c2, c1, 1e-10, "ta=" + ta + " tb=" + tb + " beta=" + beta);
                }
            }
        }
    }
}
