package org.theanojvm.engine.linalg;

import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

/** Theano's MatrixInverse (numpy.linalg.inv(x).astype(x.dtype)), with its gradient and R_op. */
public final class MatrixInverse extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final MatrixInverse INSTANCE = new MatrixInverse();

    @Override
    public Apply makeNode(List<Variable> inputs) { return sameTypeMatrixNode(inputs); }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareNumpy(in[0]);
        return new NdArray[] {array(in[0].dtype(), backend().inv(n, values(in[0])), n, n)};
    }

    /** (X^-1 V^T X^-1)^T, negated (the matrix cookbook). */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> g) {
        Variable xi = call(inputs.get(0));
        return List.of(T.neg(T.transpose(matrixDot(xi, T.transpose(g.get(0)), xi))));
    }

    /** -X^-1 V X^-1. */
    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        if (ev.get(0) == null) return Collections.singletonList(null);
        Variable xi = call(inputs.get(0));
        return List.of(T.neg(matrixDot(xi, ev.get(0), xi)));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "MatrixInverse"; }
}
