package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/** Theano's Expm: scipy.linalg.expm, the matrix exponential, of A's dtype; gradient {@link ExpmGrad}. */
public final class Expm extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final Expm INSTANCE = new Expm();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable a = requireMatrix(inputs.get(0));
        return new Apply(this, List.of(a), List.of(TensorType.matrix(a.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        if (in[0].shape(0) != in[0].shape(1)) throw new TheanoValueError("expected a square matrix");
        int n = (int) in[0].shape(0);
        return new NdArray[] {array(in[0].dtype(), Linalg.expm(n, values(in[0])), n, n)};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> g) {
        return List.of(ExpmGrad.INSTANCE.call(inputs.get(0), g.get(0)));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "Expm"; }
}
