package org.theanojvm.engine.linalg;

/**
 * The dense decompositions behind theano.tensor.nlinalg / slinalg, on row-major double[] matrices.
 * Found with {@link java.util.ServiceLoader} (see {@link Linalg}) so that the engine stays free of native
 * code: the Truffle module registers one that calls LAPACK in OpenBLAS; without one the engine uses
 * {@link JavaLinalg} (Hipparchus). Inputs are never modified. Failures that NumPy/SciPy report as
 * LinAlgError are thrown as {@link LinAlgError} with their messages.
 */
public interface LinalgBackend {
    /** A short name for logs and tests ("LAPACK (OpenBLAS)", "Hipparchus"). */
    String name();

    /** Whether the backend can run here (its native library loaded); an unavailable one is skipped. */
    default boolean available() { return true; }

    /** The inverse of the n x n matrix a; LinAlgError("Singular matrix") when a pivot is exactly zero. */
    double[] inv(int n, double[] a);

    /** The determinant of the n x n matrix a (from its LU factors, 0 for a singular matrix). */
    double det(int n, double[] a);

    /** x with a x = b, a n x n, b n x nrhs; LinAlgError("Singular matrix") for a singular a. */
    double[] solve(int n, double[] a, int nrhs, double[] b);

    /**
     * x with a x = b for triangular a, reading only its lower (or upper) triangle as LAPACK's trtrs does;
     * LinAlgError for a zero on the diagonal.
     */
    double[] solveTriangular(int n, double[] a, boolean lower, int nrhs, double[] b);

    /**
     * The Cholesky factor (lower: L with a = L L^T; else upper U with a = U^T U), from that triangle of a
     * only; the other triangle of the result is zero. LinAlgError when a is not positive definite.
     */
    double[] cholesky(int n, double[] a, boolean lower);

    /** Eigenvalues in ascending order and (when vectors) orthonormal eigenvectors as the columns of v. */
    record SymEig(double[] w, double[] v) {}

    /** The symmetric eigenproblem of the matrix whose lower (or upper) triangle is a's. */
    SymEig eigh(int n, double[] a, boolean lower, boolean vectors);

    /**
     * Eigenvalues (real and imaginary parts) and right eigenvectors of a general matrix, each column of
     * unit length with its largest component real, as LAPACK's geev (and so numpy.linalg.eig) gives
     * them; vr holds the real parts of the eigenvectors (what Theano keeps after astype(real dtype)).
     */
    record Eig(double[] wr, double[] wi, double[] vr) {}

    Eig eig(int n, double[] a);

    /** u (m x m or m x k), s (k = min(m, n), descending), vt (n x n or k x n); u and vt null without uv. */
    record Svd(double[] u, double[] s, double[] vt) {
        /** The SVD of an m x n matrix with m or n zero (NumPy: identity bases where they are square). */
        public static Svd empty(int m, int n, boolean fullMatrices, boolean computeUv) {
            if (!computeUv) return new Svd(null, new double[0], null);
            return new Svd(fullMatrices ? identity(m) : new double[0], new double[0], fullMatrices ? identity(n) : new double[0]);
        }
    }

    Svd svd(int m, int n, double[] a, boolean fullMatrices, boolean computeUv);

    /** q (m x k, or m x m when complete) and r (k x n, or m x n when complete), k = min(m, n). */
    record Qr(double[] q, double[] r) {
        /** The QR of an m x n matrix with m or n zero. */
        public static Qr empty(int m, int n, boolean complete) {
            return new Qr(complete ? identity(m) : new double[0], new double[complete ? m * n : 0]);
        }
    }

    static double[] identity(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = 1;
        return d;
    }

    Qr qr(int m, int n, double[] a, boolean complete);

    /**
     * numpy.linalg.qr(a, 'raw')'s factors as LAPACK's geqrf leaves them: h, the m x n row-major matrix
     * holding r on and above the diagonal and the Householder vectors v (v[i] = 1 implied) below it, and
     * tau (k = min(m, n)) with H(i) = I - tau[i] v v^T.
     */
    record QrRaw(double[] h, double[] tau) {}

    /** geqrf in plain Java: LAPACK's unblocked geqr2 with dlarfg's reflectors (beta = -sign(alpha) norm). */
    default QrRaw qrRaw(int m, int n, double[] a) {
        int k = Math.min(m, n);
        double[] h = a.clone(), tau = new double[k];
        for (int i = 0; i < k; i++) {
            double alpha = h[i * n + i], xnorm = 0;
            for (int r = i + 1; r < m; r++) xnorm = Math.hypot(xnorm, h[r * n + i]);
            if (xnorm == 0) continue; // H(i) = I, tau 0
            double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            double t = (beta - alpha) / beta, scale = 1 / (alpha - beta);
            tau[i] = t;
            for (int r = i + 1; r < m; r++) h[r * n + i] *= scale;
            h[i * n + i] = beta;
            for (int j = i + 1; j < n; j++) { // apply H(i) to the columns on the right
                double w = h[i * n + j];
                for (int r = i + 1; r < m; r++) w += h[r * n + i] * h[r * n + j];
                w *= t;
                h[i * n + j] -= w;
                for (int r = i + 1; r < m; r++) h[r * n + j] -= w * h[r * n + i];
            }
        }
        return new QrRaw(h, tau);
    }
}
