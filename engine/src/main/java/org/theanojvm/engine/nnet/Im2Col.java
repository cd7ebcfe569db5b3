package org.theanojvm.engine.nnet;

/**
 * The numeric kernels of the convolution ops: im2col / col2im over up to three spatial dimensions and a
 * row-major GEMM. Every convolution (forward, gradient wrt weights, gradient wrt inputs, 2-D and 3-D)
 * is "unfold the image into a column matrix, then one matrix product", so the only hot loop is
 * {@link #gemm}: it calls a {@link GemmBackend} (BLAS) when one is registered, else its Java loops.
 *
 * <p>Geometry is always given in three spatial dimensions (depth, rows, cols); a 2-D convolution passes
 * depth 1 with kernel 1, stride 1, dilation 1 and pad 0, so one code path serves conv2d and conv3d.
 */
public final class Im2Col {
    private Im2Col() {}

    /** Spatial geometry of one convolution: image, kernel, output sizes and stride/pad/dilation, 3 dims each. */
    record Geometry(int[] img, int[] kern, int[] out, int[] stride, int[] pad, int[] dil) {
        int imgSize() { return img[0] * img[1] * img[2]; }

        int kernSize() { return kern[0] * kern[1] * kern[2]; }

        int outSize() { return out[0] * out[1] * out[2]; }
    }

    /**
     * Unfolds {@code channels} image planes starting at {@code src[srcOff]} into {@code col}, a
     * (channels * kernSize) x outSize row-major matrix: col[(c, k), y] = img[c, y * stride + k * dil - pad],
     * zero where that position falls in the padding.
     */
    static void im2col(double[] src, int srcOff, int channels, Geometry g, double[] col) {
        int[] in = g.img, k = g.kern, o = g.out, s = g.stride, p = g.pad, d = g.dil;
        int plane = g.imgSize();
        int q = 0;
        for (int c = 0; c < channels; c++) {
            int cOff = srcOff + c * plane;
            for (int kd = 0; kd < k[0]; kd++) {
                for (int kh = 0; kh < k[1]; kh++) {
                    for (int kw = 0; kw < k[2]; kw++) {
                        for (int od = 0; od < o[0]; od++) {
                            int id = od * s[0] + kd * d[0] - p[0];
                            if (id < 0 || id >= in[0]) {
                                for (int n = o[1] * o[2]; n > 0; n--) col[q++] = 0;
                                continue;
                            }
                            for (int oh = 0; oh < o[1]; oh++) {
                                int ih = oh * s[1] + kh * d[1] - p[1];
                                if (ih < 0 || ih >= in[1]) {
                                    for (int n = o[2]; n > 0; n--) col[q++] = 0;
                                    continue;
                                }
                                int rowOff = cOff + (id * in[1] + ih) * in[2];
                                int iw = kw * d[2] - p[2];
                                for (int ow = 0; ow < o[2]; ow++, iw += s[2]) {
                                    col[q++] = iw >= 0 && iw < in[2] ? src[rowOff + iw] : 0;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: accumulates col[(c, k), y] into dst[c, y * stride + k * dil - pad]. */
    static void col2im(double[] col, int channels, Geometry g, double[] dst, int dstOff) {
        int[] in = g.img, k = g.kern, o = g.out, s = g.stride, p = g.pad, d = g.dil;
        int plane = g.imgSize();
        int q = 0;
        for (int c = 0; c < channels; c++) {
            int cOff = dstOff + c * plane;
            for (int kd = 0; kd < k[0]; kd++) {
                for (int kh = 0; kh < k[1]; kh++) {
                    for (int kw = 0; kw < k[2]; kw++) {
                        for (int od = 0; od < o[0]; od++) {
                            int id = od * s[0] + kd * d[0] - p[0];
                            if (id < 0 || id >= in[0]) {
                                q += o[1] * o[2];
                                continue;
                            }
                            for (int oh = 0; oh < o[1]; oh++) {
                                int ih = oh * s[1] + kh * d[1] - p[1];
                                if (ih < 0 || ih >= in[1]) {
                                    q += o[2];
                                    continue;
                                }
                                int rowOff = cOff + (id * in[1] + ih) * in[2];
                                int iw = kw * d[2] - p[2];
                                for (int ow = 0; ow < o[2]; ow++, iw += s[2], q++) {
                                    if (iw >= 0 && iw < in[2]) dst[rowOff + iw] += col[q];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * C = op(A) * op(B) + beta * C, row-major (cblas_dgemm with alpha = 1): op(A) is m x k, op(B) is k x n.
     * lda/ldb/ldc are the row strides of the matrices as stored (before transposition). The loop orders
     * keep the innermost loop running over contiguous memory for each transposition case.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        GemmBackend blas = BACKEND;
        // Tiny products are faster in Java than through a native call.
        if (blas != null && (long) m * n * k >= BACKEND_MIN_WORK) {
            blas.dgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        javaGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static final long BACKEND_MIN_WORK = 4096;

    /** The registered backend (first available one), or null: then {@link #javaGemm} does the work. */
    static final GemmBackend BACKEND = findBackend();

    private static GemmBackend findBackend() {
        if (Boolean.getBoolean("theanojvm.conv.javaGemm")) return null;
        try {
            for (GemmBackend b : java.util.ServiceLoader.load(GemmBackend.class, Im2Col.class.getClassLoader())) {
                if (b.available()) return b;
            }
        } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
            java.util.logging.Logger.getLogger(Im2Col.class.getName()).fine("no GEMM backend: " + e);
        }
        return null;
    }

    /** The backend in use ("OpenBLAS"), or "java". */
    public static String backendName() { return BACKEND == null ? "java" : BACKEND.name(); }

    /** The engine's own GEMM (same contract as {@link #gemm}). */
    public static void javaGemm(boolean transA, boolean transB, int m, int n, int k,
            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (beta != 1) {
            for (int i = 0; i < m; i++) {
                int r = cOff + i * ldc;
                for (int j = 0; j < n; j++) c[r + j] = beta == 0 ? 0 : beta * c[r + j];
            }
        }
        if (!transA && !transB) {
            for (int i = 0; i < m; i++) {
                int cr = cOff + i * ldc, ar = aOff + i * lda;
                for (int p = 0; p < k; p++) {
                    double av = a[ar + p];
                    if (av == 0) continue;
                    int br = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[cr + j] += av * b[br + j];
                }
            }
        } else if (!transA) { // B stored n x k: dot products of contiguous rows
            for (int i = 0; i < m; i++) {
                int cr = cOff + i * ldc, ar = aOff + i * lda;
                for (int j = 0; j < n; j++) {
                    int br = bOff + j * ldb;
                    double acc = 0;
                    for (int p = 0; p < k; p++) acc += a[ar + p] * b[br + p];
                    c[cr + j] += acc;
                }
            }
        } else if (!transB) { // A stored k x m
            for (int p = 0; p < k; p++) {
                int ar = aOff + p * lda, br = bOff + p * ldb;
                for (int i = 0; i < m; i++) {
                    double av = a[ar + i];
                    if (av == 0) continue;
                    int cr = cOff + i * ldc;
                    for (int j = 0; j < n; j++) c[cr + j] += av * b[br + j];
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) acc += a[aOff + p * lda + i] * b[bOff + j * ldb + p];
                    c[cOff + i * ldc + j] += acc;
                }
            }
        }
    }
}
