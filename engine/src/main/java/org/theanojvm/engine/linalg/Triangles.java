package org.theanojvm.engine.linalg;

/** Triangle bookkeeping shared by the gradients of ops that read one triangle of a symmetric matrix. */
final class Triangles {
    private Triangles() {}

    /**
     * tril(g) + triu(g, 1)^T (lower) or triu(g) + tril(g, -1)^T (upper): an op that reads only one
     * triangle of its symmetric input has zero derivative in the other, while each off-diagonal entry
     * it reads stands for two entries of the symmetric matrix.
     */
    static double[] fold(int n, double[] g, boolean lower) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean kept = lower ? j <= i : j >= i;
                if (!kept) continue;
                out[i * n + j] = g[i * n + j] + (i == j ? 0 : g[j * n + i]);
            }
        }
        return out;
    }
}
