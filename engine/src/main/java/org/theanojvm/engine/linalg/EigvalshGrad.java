package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's EigvalshGrad{lower}(a, b, gw) -> (ga, gb): with (w, v) = eigh(a, b),
 * ga = v diag(gw) v^T and gb = -v diag(gw * w) v^T, each folded onto the triangle that is read.
 */
public final class EigvalshGrad extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final boolean lower;

    public EigvalshGrad(boolean lower) { this.lower = lower; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        requireMatrix(inputs.get(0));
        requireMatrix(inputs.get(1));
        requireNdim(inputs.get(2), 1, null);
        DType dt = DType.upcast(inputs.get(0).dtype(), inputs.get(1).dtype(), inputs.get(2).dtype());
        return new Apply(this, inputs, List.of(TensorType.matrix(dt), TensorType.matrix(dt)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = (int) in[0].shape(0);
        LinalgBackend.SymEig e = Linalg.eighGeneralized(backend(), n, values(in[0]), values(in[1]), lower, true);
        double[] w = e.w(), v = e.v(), gw = values(in[2]);
        double[] ga = new double[n * n], gb = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sa = 0, sb = 0;
                for (int p = 0; p < n; p++) {
                    double t = v[i * n + p] * v[j * n + p] * gw[p];
                    sa += t;
                    sb -= t * w[p];
                }
                ga[i * n + j] = sa;
                gb[i * n + j] = sb;
            }
        }
        DType dt = node.outputs().get(0).dtype();
        return new NdArray[] {array(dt, Triangles.fold(n, ga, lower), n, n), array(dt, Triangles.fold(n, gb, lower), n, n)};
    }

    @Override
    protected List<Object> props() { return List.of(lower); }

    @Override
    public String toString() { return "EigvalshGrad{lower=" + py(lower) + "}"; }
}
