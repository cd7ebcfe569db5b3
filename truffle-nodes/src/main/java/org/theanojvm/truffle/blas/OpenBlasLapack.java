package org.theanojvm.truffle.blas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.theanojvm.engine.linalg.EigenvectorNormalization;
import org.theanojvm.engine.linalg.JavaLinalg;
import org.theanojvm.engine.linalg.LinAlgError;
import org.theanojvm.engine.linalg.LinalgBackend;

/**
 * The engine's linalg ops on LAPACK: the LAPACKE_* functions of the libopenblas that {@link OpenBlas}
 * loads (the JavaCPP preset's library carries LAPACK), called through FFM with heap arrays passed by
 * address, row-major. The routines are those NumPy and SciPy call (getrf/getri, gesv, trtrs, potrf,
 * syevd, geev, gesdd, geqrf/orgqr). Registered in META-INF/services for the engine's ServiceLoader.
 * Empty matrices go to {@link JavaLinalg}, since LAPACK wants leading dimensions of at least 1.
 */
public final class OpenBlasLapack implements LinalgBackend {
    private static final int ROW = 101;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfByte C = ValueLayout.JAVA_BYTE;
    private static final ValueLayout A = ValueLayout.ADDRESS;

    private static final JavaLinalg EMPTY = new JavaLinalg();

    private static final MethodHandle GETRF, GETRI, GESV, TRTRS, POTRF, SYEVD, GEEV, GESDD, GEQRF, ORGQR;
    private static final Throwable LOAD_ERROR;

    static {
        MethodHandle[] h = new MethodHandle[10];
        Throwable err = null;
        try {
            SymbolLookup lib = OpenBlas.library();
            if (lib == null) throw new IllegalStateException("OpenBLAS did not load", OpenBlas.loadError());
            Linker l = Linker.nativeLinker();
            Linker.Option heap = Linker.Option.critical(true);
            h[0] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgetrf"), FunctionDescriptor.of(I, I, I, I, A, I, A), heap);
            h[1] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgetri"), FunctionDescriptor.of(I, I, I, A, I, A), heap);
            h[2] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgesv"), FunctionDescriptor.of(I, I, I, I, A, I, A, A, I), heap);
            h[3] = l.downcallHandle(lib.findOrThrow("LAPACKE_dtrtrs"), FunctionDescriptor.of(I, I, C, C, C, I, I, A, I, A, I), heap);
            h[4] = l.downcallHandle(lib.findOrThrow("LAPACKE_dpotrf"), FunctionDescriptor.of(I, I, C, I, A, I), heap);
            h[5] = l.downcallHandle(lib.findOrThrow("LAPACKE_dsyevd"), FunctionDescriptor.of(I, I, C, C, I, A, I, A), heap);
            h[6] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgeev"), FunctionDescriptor.of(I, I, C, C, I, A, I, A, A, A, I, A, I), heap);
            h[7] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgesdd"), FunctionDescriptor.of(I, I, C, I, I, A, I, A, A, I, A, I), heap);
            h[8] = l.downcallHandle(lib.findOrThrow("LAPACKE_dgeqrf"), FunctionDescriptor.of(I, I, I, I, A, I, A), heap);
            h[9] = l.downcallHandle(lib.findOrThrow("LAPACKE_dorgqr"), FunctionDescriptor.of(I, I, I, I, I, A, I, A), heap);
        } catch (Throwable t) {
            err = t;
        }
        GETRF = h[0];
        GETRI = h[1];
        GESV = h[2];
        TRTRS = h[3];
        POTRF = h[4];
        SYEVD = h[5];
        GEEV = h[6];
        GESDD = h[7];
        GEQRF = h[8];
        ORGQR = h[9];
        LOAD_ERROR = err;
    }

    @Override
    public String name() { return "LAPACK (OpenBLAS)"; }

    @Override
    public boolean available() { return LOAD_ERROR == null; }

    private static MemorySegment seg(double[] a) { return MemorySegment.ofArray(a); }

    private static MemorySegment seg(int[] a) { return MemorySegment.ofArray(a); }

    private static byte ch(char c) { return (byte) c; }

    /** info < 0 is a wrong argument (a bug here); info > 0 is the routine's own failure. */
    private static int checked(String routine, int info) {
        if (info < 0) throw new IllegalStateException(routine + ": illegal value in argument " + (-info));
        return info;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** a is overwritten by its LU factors; returns info (> 0: a zero pivot). */
    private static int getrf(int n, double[] a, int[] ipiv) {
        try {
            return checked("dgetrf", (int) GETRF.invokeExact(ROW, n, n, seg(a), n, seg(ipiv)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public double[] inv(int n, double[] a) {
        if (n == 0) return EMPTY.inv(n, a);
        double[] lu = a.clone();
        int[] ipiv = new int[n];
        if (getrf(n, lu, ipiv) > 0) throw new LinAlgError("Singular matrix");
        try {
            if (checked("dgetri", (int) GETRI.invokeExact(ROW, n, seg(lu), n, seg(ipiv))) > 0) throw new LinAlgError("Singular matrix");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return lu;
    }

    @Override
    public double det(int n, double[] a) {
        if (n == 0) return 1;
        double[] lu = a.clone();
        int[] ipiv = new int[n];
        getrf(n, lu, ipiv); // a zero pivot makes the product below 0, as in NumPy
        double d = 1;
        for (int i = 0; i < n; i++) {
            d *= lu[i * n + i];
            if (ipiv[i] != i + 1) d = -d; // each row interchange flips the sign
        }
        return d;
    }

    @Override
    public double[] solve(int n, double[] a, int nrhs, double[] b) {
        if (n == 0 || nrhs == 0) return EMPTY.solve(n, a, nrhs, b);
        double[] lu = a.clone(), x = b.clone();
        try {
            if (checked("dgesv", (int) GESV.invokeExact(ROW, n, nrhs, seg(lu), n, seg(new int[n]), seg(x), nrhs)) > 0) {
                throw new LinAlgError("Singular matrix");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return x;
    }

    @Override
    public double[] solveTriangular(int n, double[] a, boolean lower, int nrhs, double[] b) {
        if (n == 0 || nrhs == 0) return EMPTY.solveTriangular(n, a, lower, nrhs, b);
        double[] x = b.clone();
        try {
            int info = checked("dtrtrs", (int) TRTRS.invokeExact(ROW, ch(lower ? 'L' : 'U'), ch('N'), ch('N'), n, nrhs, seg(a.clone()), n, seg(x), nrhs));
            if (info > 0) throw new LinAlgError("singular matrix: resolution failed at diagonal " + (info - 1));
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return x;
    }

    @Override
    public double[] cholesky(int n, double[] a, boolean lower) {
        if (n == 0) return EMPTY.cholesky(n, a, lower);
        double[] f = a.clone();
        try {
            int info = checked("dpotrf", (int) POTRF.invokeExact(ROW, ch(lower ? 'L' : 'U'), n, seg(f), n));
            if (info > 0) throw new LinAlgError(info + "-th leading minor of the array is not positive definite");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        // potrf leaves the other triangle as it was: SciPy returns zeros there
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (lower ? j > i : j < i) f[i * n + j] = 0;
            }
        }
        return f;
    }

    @Override
    public SymEig eigh(int n, double[] a, boolean lower, boolean vectors) {
        if (n == 0) return EMPTY.eigh(n, a, lower, vectors);
        double[] v = a.clone(), w = new double[n];
        try {
            int info = checked("dsyevd", (int) SYEVD.invokeExact(ROW, ch(vectors ? 'V' : 'N'), ch(lower ? 'L' : 'U'), n, seg(v), n, seg(w)));
            if (info > 0) throw new LinAlgError("Eigenvalues did not converge");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new SymEig(w, vectors ? v : null);
    }

    @Override
    public Eig eig(int n, double[] a) {
        if (n == 0) return EMPTY.eig(n, a);
        double[] wr = new double[n], wi = new double[n], vr = new double[n * n];
        try {
            int info = checked("dgeev", (int) GEEV.invokeExact(ROW, ch('N'), ch('V'), n, seg(a.clone()), n, seg(wr), seg(wi),
                    MemorySegment.NULL, 1, seg(vr), n));
            if (info > 0) throw new LinAlgError("Eigenvalues did not converge");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new Eig(wr, wi, EigenvectorNormalization.realPartsLikeGeev(n, wi, vr));
    }

    @Override
    public Svd svd(int m, int n, double[] a, boolean fullMatrices, boolean computeUv) {
        int k = Math.min(m, n);
        if (k == 0) return EMPTY.svd(m, n, a, fullMatrices, computeUv);
        char job = !computeUv ? 'N' : fullMatrices ? 'A' : 'S';
        int uc = fullMatrices ? m : k, vr = fullMatrices ? n : k;
        double[] s = new double[k];
        double[] u = computeUv ? new double[m * uc] : null, vt = computeUv ? new double[vr * n] : null;
        try {
            MemorySegment us = u == null ? MemorySegment.NULL : seg(u), vts = vt == null ? MemorySegment.NULL : seg(vt);
            int info = checked("dgesdd", (int) GESDD.invokeExact(ROW, ch(job), m, n, seg(a.clone()), n, seg(s), us, computeUv ? uc : 1, vts,
                    computeUv ? n : 1));
            if (info > 0) throw new LinAlgError("SVD did not converge");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new Svd(u, s, vt);
    }

    @Override
    public Qr qr(int m, int n, double[] a, boolean complete) {
        int k = Math.min(m, n);
        if (k == 0) return EMPTY.qr(m, n, a, complete);
        double[] h = a.clone(), tau = new double[k];
        try {
            checked("dgeqrf", (int) GEQRF.invokeExact(ROW, m, n, seg(h), n, seg(tau)));
            int qc = complete ? m : k, rr = complete ? m : k;
            // r: the upper triangle of the factored matrix (rows past k are zero in 'complete')
            double[] r = new double[rr * n];
            for (int i = 0; i < k; i++) {
                for (int j = i; j < n; j++) r[i * n + j] = h[i * n + j];
            }
            // q: orgqr expands the reflectors stored below the diagonal into qc orthonormal columns
            double[] q = new double[m * qc];
            for (int i = 0; i < m; i++) System.arraycopy(h, i * n, q, i * qc, Math.min(n, qc));
            checked("dorgqr", (int) ORGQR.invokeExact(ROW, m, qc, k, seg(q), qc, seg(tau)));
            return new Qr(q, r);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public QrRaw qrRaw(int m, int n, double[] a) {
        int k = Math.min(m, n);
        if (k == 0) return LinalgBackend.super.qrRaw(m, n, a);
        double[] h = a.clone(), tau = new double[k];
        try {
            checked("dgeqrf", (int) GEQRF.invokeExact(ROW, m, n, seg(h), n, seg(tau)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return new QrRaw(h, tau);
    }
}
