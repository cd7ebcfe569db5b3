package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's SVD{full_matrices, compute_uv}: numpy.linalg.svd's (u, s, vt), or s alone, all of the
 * input's dtype. No gradient (as in Theano 1.0). The printed flags keep the Python values given
 * (Theano's svd() passes 1, printing full_matrices=1).
 */
public final class SVD extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final boolean fullMatrices, computeUv;
    private final String fullRepr, uvRepr;

    public SVD(boolean fullMatrices, boolean computeUv) { this(fullMatrices, computeUv, py(fullMatrices), py(computeUv)); }

    public SVD(boolean fullMatrices, boolean computeUv, String fullRepr, String uvRepr) {
        this.fullMatrices = fullMatrices;
        this.computeUv = computeUv;
        this.fullRepr = fullRepr;
        this.uvRepr = uvRepr;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireNdim(inputs.get(0), 2, "The input of svd function should be a matrix.");
        TensorType s = TensorType.vector(x.dtype()), m = TensorType.matrix(x.dtype());
        return new Apply(this, List.of(x), computeUv ? List.of(m, s, m) : List.of(s));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int m = (int) in[0].shape(0), n = (int) in[0].shape(1), k = Math.min(m, n);
        LinalgBackend.Svd d = backend().svd(m, n, values(in[0]), fullMatrices, computeUv);
        var dt = in[0].dtype();
        NdArray s = array(dt, d.s(), k);
        if (!computeUv) return new NdArray[] {s};
        int uc = fullMatrices ? m : k, vr = fullMatrices ? n : k;
        return new NdArray[] {array(dt, d.u(), m, uc), s, array(dt, d.vt(), vr, n)};
    }

    @Override
    protected List<Object> props() { return List.of(fullMatrices, computeUv); }

    @Override
    public String toString() { return "SVD{full_matrices=" + fullRepr + ", compute_uv=" + uvRepr + "}"; }
}
