package org.theanojvm.truffle.reduce;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.elemwise.ElementAccess;
import org.theanojvm.truffle.elemwise.HeapView;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;

/**
 * A full reduction (sum, prod, max, min over every axis) of a float32/float64 array, accumulated in
 * double like the reference. Four independent accumulators break the loop-carried dependency, which
 * Graal does not vectorise on its own for reductions (a single accumulator runs at one add per 4 cycles).
 * Strided inputs are copied to contiguous first; partial-axis and integer reductions stay on the
 * reference perform (see {@link #supports}).
 */
public final class ReduceNode extends ApplyNode {
    private final CAReduce.Kind kind;
    private final boolean f64;
    private final ElementAccess write;
    private final DType outDtype; // a field: List.get in compiled code drags exception-message formatting into partial evaluation

    public ReduceNode(Slots s) {
        super(s);
        this.kind = ((CAReduce) s.apply().op()).kind();
        this.f64 = s.apply().inputs().get(0).dtype() == DType.FLOAT64;
        this.outDtype = s.apply().outputs().get(0).dtype();
        this.write = ElementAccess.of(outDtype);
    }

    public static boolean supports(Apply a) {
        if (!(a.op() instanceof CAReduce r)) return false;
        DType in = a.inputs().get(0).dtype();
        boolean fullReduction = a.outputs().get(0).ndim() == 0;
        boolean kindOk = r.kind() == CAReduce.Kind.SUM || r.kind() == CAReduce.Kind.PROD || r.kind() == CAReduce.Kind.MAX
                || r.kind() == CAReduce.Kind.MIN;
        return fullReduction && kindOk && (in == DType.FLOAT64 || in == DType.FLOAT32) && !a.outputs().get(0).dtype().isComplex();
    }

    @Override
    public boolean freshOutputs() { return true; }

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) {
        NdArray x = contiguous(ins[0]);
        int n = (int) x.size();
        if (n == 0 && (kind == CAReduce.Kind.MAX || kind == CAReduce.Kind.MIN)) return performForError(ins);
        HeapView v = HeapView.of(x);
        double r = f64 ? reduce(CompilerDirectives.castExact(v.base(), double[].class), v.offset(), n)
                : reduce(CompilerDirectives.castExact(v.base(), float[].class), v.offset(), n);
        LoopNode.reportLoopCount(this, n);
        NdArray out = pool.take(outDtype, new long[0]);
        write.writeDouble(HeapView.of(out).base(), HeapView.of(out).offset(), r);
        return one(out);
    }

    @TruffleBoundary
    private static NdArray contiguous(NdArray x) { return x.isCContiguous() ? x : x.copy(); }

    @TruffleBoundary
    private NdArray[] performForError(NdArray[] ins) { return apply.op().perform(apply, ins); }

    private double identity() {
        return switch (kind) {
            case SUM -> 0.0;
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** kind is a final field: the switch folds away and each variant is a 4-way unrolled loop. */
    private double combine(double a, double v) {
        return switch (kind) {
            case SUM -> a + v;
            case PROD -> a * v;
            case MAX -> Math.max(a, v); // NaN-propagating, as the reference
            default -> Math.min(a, v);
        };
    }

    private double reduce(double[] a, int off, int n) {
        double a0 = identity(), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 = combine(a0, a[off + i]);
            a1 = combine(a1, a[off + i + 1]);
            a2 = combine(a2, a[off + i + 2]);
            a3 = combine(a3, a[off + i + 3]);
        }
        for (; i < n; i++) a0 = combine(a0, a[off + i]);
        return combine(combine(a0, a1), combine(a2, a3));
    }

    private double reduce(float[] a, int off, int n) {
        double a0 = identity(), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 = combine(a0, a[off + i]);
            a1 = combine(a1, a[off + i + 1]);
            a2 = combine(a2, a[off + i + 2]);
            a3 = combine(a3, a[off + i + 3]);
        }
        for (; i < n; i++) a0 = combine(a0, a[off + i]);
        return combine(combine(a0, a1), combine(a2, a3));
    }
}
