package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/** Theano's ExpmGrad(A, gA): the gradient of sum(gA * expm(A)) with respect to A ({@link Linalg#expmGrad}). */
public final class ExpmGrad extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final ExpmGrad INSTANCE = new ExpmGrad();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable a = requireMatrix(inputs.get(0));
        return new Apply(this, inputs, List.of(TensorType.matrix(a.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = (int) in[0].shape(0);
        return new NdArray[] {array(in[0].dtype(), Linalg.expmGrad(n, values(in[0]), values(in[1])), n, n)};
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "ExpmGrad"; }
}
