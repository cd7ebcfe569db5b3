package org.theanojvm.truffle.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.linalg.JavaLinalg;
import org.theanojvm.engine.linalg.LinAlgError;
import org.theanojvm.engine.linalg.Linalg;
import org.theanojvm.engine.linalg.LinalgBackend;

/** The LAPACK backend is the one the engine finds here, and it agrees with the pure-Java one. */
class OpenBlasLapackTest {
    final LinalgBackend lapack = new OpenBlasLapack(), java = new JavaLinalg();

    static double[] random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        return a;
    }

    static double[] spd(int n) {
        double[] r = random(n, n, 3), a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) s += r[i * n + k] * r[j * n + k];
                a[i * n + j] = s;
            }
        }
        return a;
    }

    @Test
    void registeredAndFound() {
        assertTrue(lapack.available());
        assertEquals("LAPACK (OpenBLAS)", Linalg.backend().name());
    }

    @Test
    void agreesWithJava() {
        int n = 6;
        double[] a = random(n, n, 1), b = random(n, 2, 2), s = spd(n);
        assertArrayEquals(java.inv(n, a), lapack.inv(n, a), 1e-9);
        assertEquals(java.det(n, a), lapack.det(n, a), 1e-9 * Math.abs(java.det(n, a)));
        assertArrayEquals(java.solve(n, a, 2, b), lapack.solve(n, a, 2, b), 1e-9);
        assertArrayEquals(java.solveTriangular(n, s, true, 2, b), lapack.solveTriangular(n, s, true, 2, b), 1e-9);
        assertArrayEquals(java.solveTriangular(n, s, false, 2, b), lapack.solveTriangular(n, s, false, 2, b), 1e-9);
        assertArrayEquals(java.cholesky(n, s, true), lapack.cholesky(n, s, true), 1e-9);
        assertArrayEquals(java.cholesky(n, s, false), lapack.cholesky(n, s, false), 1e-9);
        assertArrayEquals(java.eigh(n, s, true, false).w(), lapack.eigh(n, s, true, true).w(), 1e-9);
        double[] r = random(5, 3, 4);
        assertArrayEquals(java.svd(5, 3, r, false, false).s(), lapack.svd(5, 3, r, true, true).s(), 1e-9);
        LinalgBackend.Qr q = lapack.qr(5, 3, r, true);
        assertEquals(25, q.q().length);
        assertEquals(15, q.r().length);
        assertArrayEquals(abs(java.qr(5, 3, r, false).r()), abs(lapack.qr(5, 3, r, false).r()), 1e-9);
        assertArrayEquals(Linalg.pinv(java, 5, 3, r), Linalg.pinv(lapack, 5, 3, r), 1e-9);
    }

    static double[] abs(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.abs(a[i]);
        return r;
    }

    @Test
    void failuresAreLinAlgErrors() {
        assertThrows(LinAlgError.class, () -> lapack.inv(2, new double[] {1, 2, 2, 4}));
        assertThrows(LinAlgError.class, () -> lapack.cholesky(2, new double[] {-1, 0, 0, -1}, true));
        assertThrows(LinAlgError.class, () -> lapack.solveTriangular(2, new double[] {0, 0, 0, 0}, true, 1, new double[] {1, 1}));
        assertEquals(0.0, lapack.det(2, new double[] {1, 2, 2, 4}), 0);
    }
}
