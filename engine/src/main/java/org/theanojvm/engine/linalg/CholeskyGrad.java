package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Theano's CholeskyGrad{lower, destructive}(x, L, dz): the reverse-mode gradient of the Cholesky factor
 * by S. P. Smith's algorithm ("Differentiation of the Cholesky Algorithm", J. Comp. Graph. Stat. 4(2),
 * 1995), the loops of Theano's perform.
 */
public final class CholeskyGrad extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final boolean lower;

    public CholeskyGrad(boolean lower) { this.lower = lower; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        for (Variable v : inputs) requireMatrix(v);
        return new Apply(this, inputs, List.of(inputs.get(0).type()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = (int) in[0].shape(0);
        double[] l = values(in[1]), f = values(in[2]);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (lower ? j > i : j < i) f[i * n + j] = 0; // tril(dz) / triu(dz)
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            for (int j = k + 1; j < n; j++) {
                for (int i = j; i < n; i++) {
                    if (lower) {
                        f[i * n + k] -= f[i * n + j] * l[j * n + k];
                        f[j * n + k] -= f[i * n + j] * l[i * n + k];
                    } else {
                        f[k * n + i] -= f[j * n + i] * l[k * n + j];
                        f[k * n + j] -= f[j * n + i] * l[k * n + i];
                    }
                }
            }
            for (int j = k + 1; j < n; j++) {
                if (lower) {
                    f[j * n + k] /= l[k * n + k];
                    f[k * n + k] -= l[j * n + k] * f[j * n + k];
                } else {
                    f[k * n + j] /= l[k * n + k];
                    f[k * n + k] -= l[k * n + j] * f[k * n + j];
                }
            }
            f[k * n + k] /= 2 * l[k * n + k];
        }
        return new NdArray[] {array(node.outputs().get(0).dtype(), f, n, n)};
    }

    @Override
    protected List<Object> props() { return List.of(lower, false); }

    @Override
    public String toString() { return "CholeskyGrad{lower=" + py(lower) + ", destructive=False}"; }
}
