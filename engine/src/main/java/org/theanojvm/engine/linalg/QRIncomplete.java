package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/** Theano's QRIncomplete{mode}: numpy.linalg.qr(x, 'r'), the k x n upper-triangular factor alone. */
public final class QRIncomplete extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final String mode;

    public QRIncomplete(String mode) {
        this.mode = checkMode(mode);
        if ("raw".equals(mode)) throw new TheanoNotImplementedError("QRIncomplete: qr mode 'raw' returns two arrays (h, tau): use QRFull('raw')");
    }

    /** numpy.linalg.qr's modes ('raw' gives two outputs: QRFull only). */
    static String checkMode(String mode) {
        switch (mode) {
            case "reduced", "complete", "r", "raw" -> { return mode; }
            default -> throw new TheanoValueError("Unrecognized mode '" + mode + "'");
        }
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireNdim(inputs.get(0), 2, "The input of qr function should be a matrix.");
        return new Apply(this, List.of(x), List.of(TensorType.matrix(x.dtype())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int m = (int) in[0].shape(0), n = (int) in[0].shape(1), k = Math.min(m, n);
        return new NdArray[] {array(in[0].dtype(), backend().qr(m, n, values(in[0]), false).r(), k, n)};
    }

    @Override
    protected List<Object> props() { return List.of(mode); }

    @Override
    public String toString() { return "QRIncomplete{mode='" + mode + "'}"; }
}
