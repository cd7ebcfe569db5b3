package org.theanojvm.truffle.blas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;

/**
 * CBLAS from the OpenBLAS that JavaCPP bundles (org.bytedeco:openblas), called through the FFM API
 * rather than JavaCPP's JNI wrappers: those copy Java arrays into native buffers, while an FFM
 * downcall with {@link Linker.Option#critical(boolean) critical(true)} hands OpenBLAS the address of
 * the heap arrays themselves (no copy; the GC is held off for the call). JavaCPP is used only to extract
 * and load the library. Threads: OMP_NUM_THREADS (or OPENBLAS_NUM_THREADS) when set, else OpenBLAS's default.
 */
public final class OpenBlas {
    private OpenBlas() {}

    public static final int ROW_MAJOR = 101;
    public static final int NO_TRANS = 111;
    public static final int TRANS = 112;

    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;
    private static final ValueLayout A = ValueLayout.ADDRESS;

    private static final MethodHandle DGEMM, SGEMM, DGEMV, SGEMV, DDOT, SDOT;
    private static final Throwable LOAD_ERROR;
    /** The loaded libopenblas, for the LAPACKE functions it also carries ({@link OpenBlasLapack}). */
    private static final SymbolLookup LIBRARY;

    static {
        MethodHandle dgemm = null, sgemm = null, dgemv = null, sgemv = null, ddot = null, sdot = null;
        Throwable err = null;
        SymbolLookup library = null;
        try {
            SymbolLookup lib = load();
            library = lib;
            Linker l = Linker.nativeLinker();
            Linker.Option heap = Linker.Option.critical(true);
            dgemm = l.downcallHandle(lib.findOrThrow("cblas_dgemm"),
                    FunctionDescriptor.ofVoid(I, I, I, I, I, I, D, A, I, A, I, D, A, I), heap);
            sgemm = l.downcallHandle(lib.findOrThrow("cblas_sgemm"),
                    FunctionDescriptor.ofVoid(I, I, I, I, I, I, F, A, I, A, I, F, A, I), heap);
            dgemv = l.downcallHandle(lib.findOrThrow("cblas_dgemv"), FunctionDescriptor.ofVoid(I, I, I, I, D, A, I, A, I, D, A, I), heap);
            sgemv = l.downcallHandle(lib.findOrThrow("cblas_sgemv"), FunctionDescriptor.ofVoid(I, I, I, I, F, A, I, A, I, F, A, I), heap);
            ddot = l.downcallHandle(lib.findOrThrow("cblas_ddot"), FunctionDescriptor.of(D, I, A, I, A, I), heap);
            sdot = l.downcallHandle(lib.findOrThrow("cblas_sdot"), FunctionDescriptor.of(F, I, A, I, A, I), heap);
            setThreads(lib, l);
        } catch (Throwable t) {
            err = t;
        }
        DGEMM = dgemm;
        SGEMM = sgemm;
        DGEMV = dgemv;
        SGEMV = sgemv;
        DDOT = ddot;
        SDOT = sdot;
        LOAD_ERROR = err;
        LIBRARY = library;
    }

    /** Lets JavaCPP extract and load libopenblas, then opens the same file for FFM lookups. */
    private static SymbolLookup load() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
            String path = e.getValue();
            if (path != null && path.contains("libopenblas")) {
                return SymbolLookup.libraryLookup(Path.of(path), java.lang.foreign.Arena.global());
            }
        }
        throw new IllegalStateException("JavaCPP loaded no libopenblas: " + org.bytedeco.javacpp.Loader.getLoadedLibraries());
    }

    private static void setThreads(SymbolLookup lib, Linker l) throws Throwable {
        String n = System.getenv("OPENBLAS_NUM_THREADS");
        if (n == null) n = System.getenv("OMP_NUM_THREADS");
        if (n == null) return;
        try {
            int threads = Integer.parseInt(n.trim());
            if (threads > 0) {
                l.downcallHandle(lib.findOrThrow("openblas_set_num_threads"), FunctionDescriptor.ofVoid(I)).invokeExact(threads);
            }
        } catch (NumberFormatException ignored) {
            // not a count: OpenBLAS keeps its default, as it would with the same variable
        }
    }

    public static boolean available() { return LOAD_ERROR == null; }

    /** The loaded OpenBLAS library (null when it failed to load). */
    public static SymbolLookup library() { return LIBRARY; }

    public static Throwable loadError() { return LOAD_ERROR; }

    public static void dgemm(int ta, int tb, int m, int n, int k, double alpha, MemorySegment a, int lda, MemorySegment b, int ldb,
            double beta, MemorySegment c, int ldc) {
        try {
            DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void sgemm(int ta, int tb, int m, int n, int k, float alpha, MemorySegment a, int lda, MemorySegment b, int ldb,
            float beta, MemorySegment c, int ldc) {
        try {
            SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void dgemv(int ta, int m, int n, double alpha, MemorySegment a, int lda, MemorySegment x, int incx, double beta,
            MemorySegment y, int incy) {
        try {
            DGEMV.invokeExact(ROW_MAJOR, ta, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void sgemv(int ta, int m, int n, float alpha, MemorySegment a, int lda, MemorySegment x, int incx, float beta,
            MemorySegment y, int incy) {
        try {
            SGEMV.invokeExact(ROW_MAJOR, ta, m, n, alpha, a, lda, x, incx, beta, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double ddot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        try {
            return (double) DDOT.invokeExact(n, x, incx, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static float sdot(int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        try {
            return (float) SDOT.invokeExact(n, x, incx, y, incy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
