package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's QRFull{mode} (numpy.linalg.qr's modes that return q and r): 'reduced' (q m x k, r k x n) and
 * 'complete' (q m x m, r m x n). numpy's 'raw' (Householder reflectors and tau) is not offered.
 */
public final class QRFull extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String mode;

    public QRFull(String mode) { this.mode = QRIncomplete.checkMode(mode); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireNdim(inputs.get(0), 2, "The input of qr function should be a matrix.");
        return new Apply(this, List.of(x), List.of(TensorType.matrix(x.dtype()), TensorType.matrix(x.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int m = (int) in[0].shape(0), n = (int) in[0].shape(1), k = Math.min(m, n);
        boolean complete = "complete".equals(mode);
        LinalgBackend.Qr d = backend().qr(m, n, values(in[0]), complete);
        int qc = complete ? m : k, rr = complete ? m : k;
        return new NdArray[] {array(in[0].dtype(), d.q(), m, qc), array(in[0].dtype(), d.r(), rr, n)};
    }

    @Override
    protected List<Object> props() { return List.of(mode); }

    @Override
    public String toString() { return "QRFull{mode='" + mode + "'}"; }
}
