package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's Eigh{UPLO}: ascending eigenvalues and orthonormal eigenvectors of the symmetric matrix given
 * by the lower ('L') or upper ('U') triangle of x. w is float like numpy.linalg.eigh's (float32 stays,
 * integers give float64); v has x's dtype. The gradient is {@link EighGrad}.
 */
public final class Eigh extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String uplo;

    public Eigh(String uplo) {
        if (!"L".equals(uplo) && !"U".equals(uplo)) throw new TheanoAssertionError(List.of());
        this.uplo = uplo;
    }

    public String uplo() { return uplo; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireMatrix(inputs.get(0));
        return new Apply(this, List.of(x), List.of(TensorType.vector(floatOf(x.dtype())), TensorType.matrix(x.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareNumpy(in[0]);
        LinalgBackend.SymEig e = backend().eigh(n, values(in[0]), "L".equals(uplo), true);
        return new NdArray[] {array(node.outputs().get(0).dtype(), e.w(), n), array(in[0].dtype(), e.v(), n, n)};
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> g) {
        return List.of(new EighGrad(uplo).call(inputs.get(0), outputs.get(0), outputs.get(1), zeroDisconnected(outputs.get(0), g.get(0)),
                zeroDisconnected(outputs.get(1), g.get(1))));
    }

    /** Theano's _zero_disconnected: the gradient of an unused output is zeros shaped like it. */
    private static Variable zeroDisconnected(Variable out, Variable g) {
        return g.isTensor() && g.ndim() == out.ndim() ? g : T.zerosLike(out);
    }

    @Override
    protected List<Object> props() { return List.of(uplo); }

    @Override
    public String toString() { return "Eigh{UPLO='" + uplo + "'}"; }
}
