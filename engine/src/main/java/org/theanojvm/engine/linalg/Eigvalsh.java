package org.theanojvm.engine.linalg;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's Eigvalsh{lower}(a[, b]): scipy.linalg.eigvalsh, the ascending eigenvalues of the symmetric a,
 * or of the generalized problem a v = w b v with b positive definite; each matrix read from its lower
 * (or upper) triangle. Output dtype: the inputs' upcast, as Theano declares it. Gradient: {@link EigvalshGrad}
 * (with b the identity when there is no b, a case Theano 1.0's grad cannot unpack).
 */
public final class Eigvalsh extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final boolean lower;

    public Eigvalsh(boolean lower) { this.lower = lower; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        List<DType> dts = new ArrayList<>();
        for (Variable v : inputs) dts.add(requireMatrix(v).dtype());
        return new Apply(this, inputs, List.of(TensorType.vector(DType.upcast(dts))));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareScipy(in[0]);
        LinalgBackend.SymEig e;
        if (in.length == 1) {
            e = backend().eigh(n, values(in[0]), lower, false);
        } else {
            if (squareScipy(in[1]) != n) throw new org.theanojvm.engine.errors.TheanoValueError("wrong b dimensions (" + in[1].shape(0)
                    + ", " + in[1].shape(1) + "), should be (" + n + ", " + n + ")");
            e = Linalg.eighGeneralized(backend(), n, values(in[0]), values(in[1]), lower, false);
        }
        return new NdArray[] {array(node.outputs().get(0).dtype(), e.w(), n)};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> g) {
        Variable a = inputs.get(0);
        Variable b = inputs.size() > 1 ? inputs.get(1) : T.identityLike(a);
        List<Variable> both = new EigvalshGrad(lower).callAll(a, b, g.get(0));
        return inputs.size() > 1 ? both : List.of(both.get(0));
    }

    @Override
    protected List<Object> props() { return List.of(lower); }

    @Override
    public String toString() { return "Eigvalsh{lower=" + py(lower) + "}"; }
}
