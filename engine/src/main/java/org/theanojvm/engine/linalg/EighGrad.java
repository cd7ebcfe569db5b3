package org.theanojvm.engine.linalg;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's EighGrad{UPLO}(x, w, v, gw, gv): the reverse-mode gradient of a symmetric eigensystem
 * (perturbation theory: dw_n/da_ij = v_in v_jn, dv_kn/da_ij = sum_{m != n} v_km v_jn / (w_n - w_m)),
 * folded onto the triangle eigh reads: entries of the other triangle count twice.
 */
public final class EighGrad extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String uplo;

    public EighGrad(String uplo) {
        if (!"L".equals(uplo) && !"U".equals(uplo)) throw new TheanoAssertionError(List.of());
        this.uplo = uplo;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        int[] nd = {2, 1, 2, 1, 2};
        List<DType> dts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requireNdim(inputs.get(i), nd[i], null);
            dts.add(inputs.get(i).dtype());
        }
        return new Apply(this, inputs, List.of(TensorType.matrix(DType.upcast(dts))));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = (int) in[0].shape(0);
        double[] w = values(in[1]), v = values(in[2]), gw = values(in[3]), gv = values(in[4]);
        // g = sum_n outer(v[:, n], v[:, n] * gw[n] + G(n)), G(n) = sum_{m != n} v[:, m] (gv[:, n] . v[:, m]) / (w[n] - w[m])
        double[] g = new double[n * n];
        double[] col = new double[n];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < n; k++) col[k] = v[k * n + p] * gw[p];
            for (int m = 0; m < n; m++) {
                if (m == p) continue;
                double dot = 0;
                for (int k = 0; k < n; k++) dot += gv[k * n + p] * v[k * n + m];
                double c = dot / (w[p] - w[m]);
                for (int k = 0; k < n; k++) col[k] += v[k * n + m] * c;
            }
            for (int i = 0; i < n; i++) {
                double vi = v[i * n + p];
                for (int j = 0; j < n; j++) g[i * n + j] += vi * col[j];
            }
        }
        return new NdArray[] {array(node.outputs().get(0).dtype(), Triangles.fold(n, g, "L".equals(uplo)), n, n)};
    }

    @Override
    protected List<Object> props() { return List.of(uplo); }

    @Override
    public String toString() { return "EighGrad{UPLO='" + uplo + "'}"; }
}
