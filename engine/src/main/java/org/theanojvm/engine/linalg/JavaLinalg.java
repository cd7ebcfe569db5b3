package org.theanojvm.engine.linalg;

import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The engine's own backend: Hipparchus's decompositions (pure Java), used when no LAPACK backend is
 * registered. The adaptations to LAPACK's conventions are bookkeeping only: symmetric inputs are built
 * from the triangle LAPACK would read, full SVD bases are completed from a QR of U, and eigenvectors
 * are normalised as geev normalises them.
 */
public final class JavaLinalg implements LinalgBackend {
    /** LU pivots below this count as zero: like getrf, only an exactly zero pivot makes a matrix singular. */
    private static final double SINGULAR = Double.MIN_NORMAL;

    @Override
    public String name() { return "Hipparchus"; }

    @Override
    public double[] inv(int n, double[] a) {
        DecompositionSolver s = new LUDecomposition(matrix(n, n, a), SINGULAR).getSolver();
        if (!s.isNonSingular()) throw new LinAlgError("Singular matrix");
        return flat(s.getInverse());
    }

    @Override
    public double det(int n, double[] a) {
        if (n == 0) return 1;
        return new LUDecomposition(matrix(n, n, a), SINGULAR).getDeterminant();
    }

    @Override
    public double[] solve(int n, double[] a, int nrhs, double[] b) {
        DecompositionSolver s = new LUDecomposition(matrix(n, n, a), SINGULAR).getSolver();
        if (!s.isNonSingular()) throw new LinAlgError("Singular matrix");
        return flat(s.solve(matrix(n, nrhs, b)));
    }

    @Override
    public double[] solveTriangular(int n, double[] a, boolean lower, int nrhs, double[] b) {
        for (int i = 0; i < n; i++) {
            if (a[i * n + i] == 0) throw new LinAlgError("singular matrix: resolution failed at diagonal " + i);
        }
        RealMatrix m = matrix(n, n, a);
        double[] x = new double[n * nrhs];
        for (int c = 0; c < nrhs; c++) {
            RealVector col = new ArrayRealVector(n);
            for (int i = 0; i < n; i++) col.setEntry(i, b[i * nrhs + c]);
            if (lower) MatrixUtils.solveLowerTriangularSystem(m, col);
            else MatrixUtils.solveUpperTriangularSystem(m, col);
            for (int i = 0; i < n; i++) x[i * nrhs + c] = col.getEntry(i);
        }
        return x;
    }

    @Override
    public double[] cholesky(int n, double[] a, boolean lower) {
        try {
            // symmetry is given (one triangle is read); positivity is checked against 0 as potrf does
            CholeskyDecomposition c = new CholeskyDecomposition(symmetric(n, a, lower), Double.POSITIVE_INFINITY, 0.0);
            return flat(lower ? c.getL() : c.getLT());
        } catch (MathIllegalArgumentException e) {
            throw new LinAlgError("Matrix is not positive definite");
        }
    }

    @Override
    public SymEig eigh(int n, double[] a, boolean lower, boolean vectors) {
        if (n == 0) return new SymEig(new double[0], new double[0]);
        try {
            EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(symmetric(n, a, lower),
                    EigenDecompositionSymmetric.DEFAULT_EPSILON, false);
            return new SymEig(e.getEigenvalues().clone(), vectors ? flat(e.getV()) : null);
        } catch (MathRuntimeException e) {
            throw new LinAlgError("Eigenvalues did not converge");
        }
    }

    @Override
    public Eig eig(int n, double[] a) {
        if (n == 0) return new Eig(new double[0], new double[0], new double[0]);
        EigenDecompositionNonSymmetric e;
        try {
            e = new EigenDecompositionNonSymmetric(matrix(n, n, a));
        } catch (MathRuntimeException ex) {
            throw new LinAlgError("Eigenvalues did not converge");
        }
        Complex[] w = e.getEigenvalues();
        double[] wr = new double[n], wi = new double[n];
        for (int i = 0; i < n; i++) {
            wr[i] = w[i].getReal();
            wi[i] = w[i].getImaginary();
        }
        // Hipparchus, like geev, stores a complex pair's eigenvector as (real part, imaginary part) columns
        double[] v = flat(e.getV());
        return new Eig(wr, wi, EigenvectorNormalization.realPartsLikeGeev(n, wi, v));
    }

    @Override
    public Svd svd(int m, int n, double[] a, boolean fullMatrices, boolean computeUv) {
        int k = Math.min(m, n);
        if (k == 0) return Svd.empty(m, n, fullMatrices, computeUv);
        SingularValueDecomposition d = new SingularValueDecomposition(matrix(m, n, a));
        double[] s = d.getSingularValues().clone();
        if (!computeUv) return new Svd(null, s, null);
        RealMatrix u = d.getU(), vt = d.getVT();
        if (fullMatrices) {
            u = completeBasis(u, m, k);
            vt = completeBasis(vt.transpose(), n, k).transpose();
        }
        return new Svd(flat(u), s, flat(vt));
    }

    /** The m x k orthonormal columns q extended to an orthonormal basis of R^m: the full Q of a QR of q. */
    private static RealMatrix completeBasis(RealMatrix q, int m, int k) {
        if (k == m) return q;
        RealMatrix full = new QRDecomposition(q).getQ().copy();
        full.setSubMatrix(q.getData(), 0, 0);
        return full;
    }

    @Override
    public Qr qr(int m, int n, double[] a, boolean complete) {
        int k = Math.min(m, n);
        if (k == 0) return Qr.empty(m, n, complete);
        QRDecomposition d = new QRDecomposition(matrix(m, n, a), 0.0);
        RealMatrix q = d.getQ(), r = d.getR();
        if (!complete) {
            q = q.getSubMatrix(0, m - 1, 0, k - 1);
            r = r.getSubMatrix(0, k - 1, 0, n - 1);
        }
        return new Qr(flat(q), flat(r));
    }

    // ------------------------------------------------------------------ row-major <-> RealMatrix

    static RealMatrix matrix(int rows, int cols, double[] a) {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(a, i * cols, d[i], 0, cols);
        return new Array2DRowRealMatrix(d, false);
    }

    /** The symmetric matrix whose lower (or upper) triangle is a's: what LAPACK reads with uplo. */
    static RealMatrix symmetric(int n, double[] a, boolean lower) {
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = lower ? a[i * n + j] : a[j * n + i];
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        return new Array2DRowRealMatrix(d, false);
    }

    static double[] flat(RealMatrix m) {
        int r = m.getRowDimension(), c = m.getColumnDimension();
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) out[i * c + j] = m.getEntry(i, j);
        }
        return out;
    }
}
