package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

/** Theano's MatrixPinv: numpy.linalg.pinv(x).astype(x.dtype), with Theano 1.0's L_op. */
public final class MatrixPinv extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final MatrixPinv INSTANCE = new MatrixPinv();

    @Override
    public Apply makeNode(List<Variable> inputs) { return sameTypeMatrixNode(inputs); }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int m = (int) in[0].shape(0), n = (int) in[0].shape(1);
        return new NdArray[] {array(in[0].dtype(), Linalg.pinv(backend(), m, n, values(in[0])), n, m)};
    }

    /** (-Z V^T Z + Z Z^T V (I - X Z) + (I - Z X) V Z^T Z)^T with Z = X^+ (Theano 1.0, after Wikipedia). */
    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> g) {
        Variable x = inputs.get(0), z = outputs.get(0), gz = g.get(0);
        Variable xz = T.dot(x, z), zx = T.dot(z, x);
        Variable r = T.add(T.neg(matrixDot(z, T.transpose(gz), z)),
                matrixDot(z, T.transpose(z), gz, T.sub(T.identityLike(xz), xz)),
                matrixDot(T.sub(T.identityLike(zx), zx), gz, T.transpose(z), z));
        return List.of(T.transpose(r));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "MatrixPinv"; }
}
