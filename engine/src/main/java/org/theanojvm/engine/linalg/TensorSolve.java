package org.theanojvm.engine.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's TensorSolve{axes}: numpy.linalg.tensorsolve(a, b, axes), x of shape a.shape[b.ndim:] (after
 * moving axes to the end) with tensordot(a, x, x.ndim) = b. The result has a.ndim - b.ndim dimensions
 * (Theano declares a matrix, which is that number in its common use) and the inputs' upcast dtype.
 */
public final class TensorSolve extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final int[] axes;

    public TensorSolve(int[] axes) { this.axes = axes == null ? null : axes.clone(); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable a = inputs.get(0), b = inputs.get(1);
        int nd = a.ndim() - b.ndim();
        if (nd < 0) throw new TheanoValueError("tensorsolve: b has more dimensions than a");
        return new Apply(this, inputs, List.of(TensorType.ofRank(DType.upcast(a.dtype(), b.dtype()), nd)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray a = in[0], b = in[1];
        int an = a.ndim();
        if (axes != null) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < an; i++) all.add(i);
            for (int k : axes) {
                all.remove(Integer.valueOf(k < 0 ? k + an : k));
                all.add(k < 0 ? k + an : k);
            }
            a = a.transpose(all.stream().mapToInt(Integer::intValue).toArray());
        }
        long[] shape = Arrays.copyOfRange(a.shape(), b.ndim(), an);
        long prod = 1;
        for (long s : shape) prod *= s;
        if (a.size() != prod * prod) {
            throw new LinAlgError("Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])");
        }
        int n = (int) prod;
        double[] x = backend().solve(n, values(a), 1, values(b));
        return new NdArray[] {array(node.outputs().get(0).dtype(), x, shape)};
    }

    @Override
    protected List<Object> props() { return List.of(axes == null ? "None" : axes); }

    @Override
    public String toString() { return "TensorSolve{axes=" + (axes == null ? "None" : tuple(axes)) + "}"; }

    private static String tuple(int[] a) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) sb.append(i > 0 ? ", " : "").append(a[i]);
        return sb.append(a.length == 1 ? ",)" : ")").toString();
    }
}
