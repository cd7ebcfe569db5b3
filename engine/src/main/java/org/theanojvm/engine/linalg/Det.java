package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/** Theano's Det: a scalar of the input's dtype; gradient gz * det(x) * inv(x)^T. */
public final class Det extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final Det INSTANCE = new Det();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireMatrix(inputs.get(0));
        return new Apply(this, List.of(x), List.of(TensorType.scalar(x.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareNumpy(in[0]);
        return new NdArray[] {NdArray.scalar(in[0].dtype(), backend().det(n, values(in[0])))};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> g) {
        Variable x = inputs.get(0);
        return List.of(T.mul(g.get(0), call(x), T.transpose(MatrixInverse.INSTANCE.call(x))));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "Det"; }
}
