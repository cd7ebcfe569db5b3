package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Theano's TensorInv{ind}: numpy.linalg.tensorinv, the inverse of a reshaped to a square matrix
 * (prod(shape[:ind]) x prod(shape[ind:])), shaped shape[ind:] + shape[:ind]. Same type as a.
 */
public final class TensorInv extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final int ind;

    public TensorInv(int ind) { this.ind = ind; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable a = inputs.get(0);
        return new Apply(this, List.of(a), List.of(a.type()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray a = in[0];
        if (ind <= 0) throw new TheanoValueError("Invalid ind argument.");
        long[] sh = a.shape();
        long rows = 1, cols = 1;
        for (int i = 0; i < sh.length; i++) {
            if (i < ind) rows *= sh[i];
            else cols *= sh[i];
        }
        if (rows != cols) throw new LinAlgError("Last 2 dimensions of the array must be square");
        long[] out = new long[sh.length];
        for (int i = 0; i < sh.length; i++) out[i] = sh[(i + ind) % sh.length];
        double[] inv = backend().inv((int) rows, values(a));
        return new NdArray[] {array(a.dtype(), inv, out)};
    }

    @Override
    protected List<Object> props() { return List.of(ind); }

    @Override
    public String toString() { return "TensorInv{ind=" + ind + "}"; }
}
