package org.theanojvm.truffle.reduce;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.elemwise.ElementAccess;
import org.theanojvm.truffle.elemwise.HeapView;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;

/**
 * sum/prod/max/min of a float32/float64 array over some of its axes (bias gradients: Sum{axis=[0]}),
 * accumulated in double as the reference does. The input is viewed as a C-contiguous (reduced, kept)
 * or (kept, reduced) block, transposed into the latter by one copy when the reduced axes are neither
 * leading nor trailing. Straight array loops behind a boundary: the JVM's own JIT compiles them well,
 * whereas the reference walks every element through strided-offset callbacks.
 */
public final class AxisReduceNode extends ApplyNode {
    private final CAReduce.Kind kind;
    private final DType outDtype;
    private final ElementAccess write;

    public AxisReduceNode(Slots s) {
        super(s);
        this.kind = ((CAReduce) s.apply().op()).kind();
        this.outDtype = s.apply().outputs().get(0).dtype();
        this.write = ElementAccess.of(outDtype);
    }

    public static boolean supports(Apply a) {
        if (!(a.op() instanceof CAReduce r)) return false;
        DType in = a.inputs().get(0).dtype();
        boolean kindOk = r.kind() == CAReduce.Kind.SUM || r.kind() == CAReduce.Kind.PROD || r.kind() == CAReduce.Kind.MAX
                || r.kind() == CAReduce.Kind.MIN;
        DType out = a.outputs().get(0).dtype();
        return kindOk && a.outputs().get(0).ndim() > 0 && (in == DType.FLOAT64 || in == DType.FLOAT32) && out.isFloat();
    }

    @Override
    public boolean freshOutputs() { return true; }

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) { return one(reduce(ins, pool)); }

    @TruffleBoundary
    private NdArray reduce(NdArray[] ins, BufferPool pool) {
        NdArray x = ins[0];
        int nd = x.ndim();
        int[] axes = CAReduce.normalizeAxes(((CAReduce) apply.op()).axes(), nd, apply.inputs().get(0));
        boolean[] red = new boolean[nd];
        for (int ax : axes) red[ax] = true;
        int nKept = 0;
        long keptSize = 1, redSize = 1;
        for (int d = 0; d < nd; d++) {
            if (red[d]) redSize *= x.shape(d);
            else {
                keptSize *= x.shape(d);
                nKept++;
            }
        }
        if (redSize == 0 && keptSize > 0 && (kind == CAReduce.Kind.MAX || kind == CAReduce.Kind.MIN)) return apply.op().perform(apply, ins)[0];
        long[] outShape = new long[nKept];
        int[] perm = new int[nd];
        int j = 0;
        for (int d = 0; d < nd; d++) if (!red[d]) { outShape[j] = x.shape(d); perm[j++] = d; }
        for (int d = 0; d < nd; d++) if (red[d]) perm[j++] = d;
        boolean prefix = true; // the reduced axes lead: reduce (R, K) over its rows
        for (int d = 0; d < nd; d++) if (red[d] && d >= axes.length) prefix = false;
        double[] acc = new double[(int) keptSize];
        java.util.Arrays.fill(acc, identity());
        if (prefix) {
            NdArray c = x.isCContiguous() ? x : x.copy();
            fold(acc, HeapView.of(c), (int) redSize, (int) keptSize, true);
        } else {
            NdArray c = x.transpose(perm); // (kept, reduced)
            if (!c.isCContiguous()) c = c.copy();
            fold(acc, HeapView.of(c), (int) keptSize, (int) redSize, false);
        }
        NdArray out = pool.take(outDtype, outShape);
        HeapView ov = HeapView.of(out);
        for (int k = 0; k < acc.length; k++) write.writeDouble(ov.base(), ov.offset() + k, acc[k]);
        return out;
    }

    /**
     * rows x cols block at v; acrossRows: acc[c] folds column c (the reduced axes lead), else acc[r]
     * folds row r (they trail). Both walk memory in order.
     */
    private void fold(double[] acc, HeapView v, int rows, int cols, boolean acrossRows) {
        int off = v.offset();
        if (v.base() instanceof double[] a) {
            for (int r = 0; r < rows; r++, off += cols) {
                if (acrossRows) for (int c = 0; c < cols; c++) acc[c] = combine(acc[c], a[off + c]);
                else for (int c = 0; c < cols; c++) acc[r] = combine(acc[r], a[off + c]);
            }
        } else {
            float[] a = (float[]) v.base();
            for (int r = 0; r < rows; r++, off += cols) {
                if (acrossRows) for (int c = 0; c < cols; c++) acc[c] = combine(acc[c], a[off + c]);
                else for (int c = 0; c < cols; c++) acc[r] = combine(acc[r], a[off + c]);
            }
        }
    }

    private double identity() {
        return switch (kind) {
            case SUM -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    private double combine(double a, double v) {
        return switch (kind) {
            case SUM -> a + v;
            case PROD -> a * v;
            case MAX -> Math.max(a, v); // NaN-propagating, as the reference
            default -> Math.min(a, v);
        };
    }
}
