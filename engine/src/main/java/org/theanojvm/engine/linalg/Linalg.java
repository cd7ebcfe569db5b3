package org.theanojvm.engine.linalg;

import org.hipparchus.linear.MatrixUtils;

/**
 * The backend the linalg ops use, and the few results that are compositions of its decompositions
 * (pseudo-inverse, generalized symmetric eigenproblem, least squares) or that LAPACK does not have
 * (the matrix exponential, from Hipparchus in every case).
 */
public final class Linalg {
    private Linalg() {}

    private static final LinalgBackend BACKEND = findBackend();

    /** The backend in use: the first available registered one, else {@link JavaLinalg}. */
    public static LinalgBackend backend() { return BACKEND; }

    private static LinalgBackend findBackend() {
        // -Dtheanojvm.linalg.java=true forces the pure-Java path (comparisons, debugging)
        if (!Boolean.getBoolean("theanojvm.linalg.java")) {
            try {
                for (LinalgBackend b : java.util.ServiceLoader.load(LinalgBackend.class, Linalg.class.getClassLoader())) {
                    if (b.available()) return b;
                }
            } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
                java.util.logging.Logger.getLogger(Linalg.class.getName()).fine("no LAPACK backend: " + e);
            }
        }
        return new JavaLinalg();
    }

    /**
     * numpy.linalg.pinv(a) (rcond 1e-15): V diag(1/s) U^T over the singular values above rcond * max(s).
     */
    public static double[] pinv(LinalgBackend b, int m, int n, double[] a) {
        int k = Math.min(m, n);
        double[] out = new double[n * m];
        if (k == 0) return out;
        LinalgBackend.Svd d = b.svd(m, n, a, false, true);
        double cutoff = 1e-15 * max(d.s());
        for (int p = 0; p < k; p++) {
            if (!(d.s()[p] > cutoff)) continue;
            double inv = 1 / d.s()[p];
            for (int i = 0; i < n; i++) {
                double vi = d.vt()[p * n + i] * inv;
                for (int j = 0; j < m; j++) out[i * m + j] += vi * d.u()[j * k + p];
            }
        }
        return out;
    }

    /**
     * scipy.linalg.eigh(a, b) for symmetric a and positive definite b (each read from one triangle):
     * with b = L L^T, the eigenvectors u of C = L^-1 a L^-T give v = L^-T u, normalised so that
     * v^T b v = I as SciPy's are.
     */
    public static LinalgBackend.SymEig eighGeneralized(LinalgBackend be, int n, double[] a, double[] b, boolean lower, boolean vectors) {
        double[] l = be.cholesky(n, b, lower);
        if (!lower) l = transpose(n, n, l); // upper U = L^T
        double[] full = JavaLinalg.flat(JavaLinalg.symmetric(n, a, lower));
        double[] y = be.solveTriangular(n, l, true, n, full); // L^-1 A
        double[] c = be.solveTriangular(n, l, true, n, transpose(n, n, y)); // L^-1 (L^-1 A)^T = L^-1 A L^-T
        LinalgBackend.SymEig e = be.eigh(n, c, true, vectors);
        if (!vectors) return e;
        return new LinalgBackend.SymEig(e.w(), be.solveTriangular(n, transpose(n, n, l), false, n, e.v()));
    }

    /** The matrix exponential (Hipparchus: Pade approximant with scaling and squaring). */
    public static double[] expm(int n, double[] a) {
        if (n == 0) return new double[0];
        return JavaLinalg.flat(MatrixUtils.matrixExponential(JavaLinalg.matrix(n, n, a)));
    }

    /**
     * The gradient of sum(g * expm(a)) with respect to a: the Frechet derivative of exp at a^T in the
     * direction g, the top-right block of expm([[a^T, g], [0, a^T]]) (Van Loan). Theano's ExpmGrad gets
     * the same matrix from an eigendecomposition of a; the block form needs no complex arithmetic and
     * also holds for defective a.
     */
    public static double[] expmGrad(int n, double[] a, double[] g) {
        int n2 = 2 * n;
        double[] big = new double[n2 * n2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double at = a[j * n + i];
                big[i * n2 + j] = at;
                big[(i + n) * n2 + j + n] = at;
                big[i * n2 + j + n] = g[i * n + j];
            }
        }
        double[] e = expm(n2, big);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(e, i * n2 + n, out, i * n, n);
        return out;
    }

    static double[] transpose(int rows, int cols, double[] a) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
        }
        return t;
    }

    private static double max(double[] s) {
        double m = 0;
        for (double v : s) m = Math.max(m, v);
        return m;
    }
}
