package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ndarray.Strided;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * Max and argmax along axes in one op (Theano 1.0 builds T.max and T.argmax on it). With several
 * axes, the argmax indexes the reduced axes flattened in C order, as NumPy would after moving them last.
 */
public final class MaxAndArgmax extends Op {
    private final int[] axes; // normalized, sorted

    public MaxAndArgmax(int[] axes) { this.axes = axes.clone(); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        TensorType t = x.tensorType();
        int[] ax = CAReduce.normalizeAxes(axes, t.ndim(), x);
        MaxAndArgmax op = java.util.Arrays.equals(ax, axes) ? this : new MaxAndArgmax(ax);
        List<Boolean> ob = new ArrayList<>();
        for (int d = 0; d < t.ndim(); d++) if (!CAReduce.reduces(ax, d)) ob.add(t.broadcastable(d));
        boolean[] b = new boolean[ob.size()];
        for (int i = 0; i < b.length; i++) b[i] = ob.get(i);
        return new Apply(op, List.of(x), List.of(new TensorType(t.dtype(), b), new TensorType(DType.INT64, b)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        int nd = x.ndim();
        // Move reduced axes last; then each output element owns a contiguous run of the C-order walk.
        int[] perm = new int[nd];
        int k = 0;
        List<Long> os = new ArrayList<>();
        for (int d = 0; d < nd; d++) if (!CAReduce.reduces(axes, d)) { perm[k++] = d; os.add(x.shape(d)); }
        long red = 1;
        for (int d = 0; d < nd; d++) if (CAReduce.reduces(axes, d)) { perm[k++] = d; red *= x.shape(d); }
        long[] outShape = os.stream().mapToLong(Long::longValue).toArray();
        long nOut = Strided.size(outShape);
        if (red == 0 && nOut > 0) {
            throw new TheanoValueError("attempt to get argmax of an empty sequence");
        }
        NdArray xt = x.transpose(perm);
        NdArray max = NdArray.empty(x.dtype(), outShape);
        NdArray arg = NdArray.empty(DType.INT64, outShape);
        long[] mo = max.elementOffsets();
        long[] ao = arg.elementOffsets();
        long[] offs = xt.elementOffsets();
        boolean isFloat = x.dtype().isFloat();
        for (int o = 0; o < nOut; o++) {
            long best = 0;
            long base = (long) o * red;
            if (isFloat) {
                double bv = x.readDouble(offs[(int) base]);
                for (long j = 1; j < red && !Double.isNaN(bv); j++) {
                    double v = x.readDouble(offs[(int) (base + j)]);
                    if (v > bv || Double.isNaN(v)) { bv = v; best = j; }
                }
                max.writeDouble(mo[o], bv);
            } else {
                long bv = x.readLong(offs[(int) base]);
                for (long j = 1; j < red; j++) {
                    long v = x.readLong(offs[(int) (base + j)]);
                    if (v > bv) { bv = v; best = j; }
                }
                max.writeLong(mo[o], bv);
            }
            arg.writeLong(ao[o], best);
        }
        return new NdArray[] {max, arg};
    }

    @Override
    public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true, false}}; }

    /** Theano's MaxAndArgmax.grad: the output gradient goes to the positions equal to the max. */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0);
        Variable gMax = outputGrads.get(0);
        if (DisconnectedType.is(gMax)) return List.of(T.zerosLikeFloat(x));
        Variable xmax = makeNode(x).outputs().get(0);
        int[] pattern = new int[x.ndim()];
        int k = 0;
        for (int d = 0; d < x.ndim(); d++) pattern[d] = CAReduce.reduces(axes, d) ? -1 : k++;
        Variable gPad = new DimShuffle(gMax.broadcastable(), pattern).call(gMax);
        Variable xPad = new DimShuffle(xmax.broadcastable(), pattern).call(xmax);
        return List.of(T.mul(T.eq(xPad, x), gPad));
    }

    @Override
    public int defaultOutput() { return -1; }

    @Override
    protected List<Object> props() { return List.of(axes); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MaxAndArgmax{axis=(");
        for (int i = 0; i < axes.length; i++) sb.append(i > 0 ? ", " : "").append(axes[i]);
        if (axes.length == 1) sb.append(',');
        return sb.append(")}").toString();
    }
}
