package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's QRFull{mode} (numpy.linalg.qr's modes that return two arrays): 'reduced' (q m x k, r k x n),
 * 'complete' (q m x m, r m x n) and 'raw' (h n x m: geqrf's factored matrix transposed, as NumPy returns
 * it for Fortran; tau, a vector of k = min(m, n) reflector scales).
 */
public final class QRFull extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String mode;

    public QRFull(String mode) { this.mode = QRIncomplete.checkMode(mode); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireNdim(inputs.get(0), 2, "The input of qr function should be a matrix.");
        TensorType second = "raw".equals(mode) ? new TensorType(x.dtype(), false) : TensorType.matrix(x.dtype());
        return new Apply(this, List.of(x), List.of(TensorType.matrix(x.dtype()), second));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int m = (int) in[0].shape(0), n = (int) in[0].shape(1), k = Math.min(m, n);
        if ("raw".equals(mode)) {
            LinalgBackend.QrRaw raw = backend().qrRaw(m, n, values(in[0]));
            double[] ht = new double[n * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) ht[j * m + i] = raw.h()[i * n + j];
            }
            return new NdArray[] {array(in[0].dtype(), ht, n, m), array(in[0].dtype(), raw.tau(), k)};
        }
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
