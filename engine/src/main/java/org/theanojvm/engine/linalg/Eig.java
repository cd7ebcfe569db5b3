package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's Eig: eigenvalues w and right eigenvectors v (columns) of a general square matrix, both of the
 * input's dtype: Theano casts numpy.linalg.eig's complex results to it, keeping real parts. No gradient.
 */
public final class Eig extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final Eig INSTANCE = new Eig();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireMatrix(inputs.get(0));
        return new Apply(this, List.of(x), List.of(TensorType.vector(x.dtype()), TensorType.matrix(x.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareNumpy(in[0]);
        LinalgBackend.Eig e = backend().eig(n, values(in[0]));
        return new NdArray[] {array(in[0].dtype(), e.wr(), n), array(in[0].dtype(), e.vr(), n, n)};
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "Eig"; }
}
