package org.theanojvm.truffle.blas;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;

/**
 * The rewrites' {@code gemm(Z, a, X, Y, b) = b*Z + a*X.Y} and {@code gemv(y, a, A, x, b)} as one
 * OpenBLAS call each (X, Y, A, x in place, see {@link BlasOperand}). The in-place variants write into
 * Z / y itself when the reference would (no overlap with the factors) and its layout is what BLAS can
 * write (row-major, unit inner stride); otherwise, and for the no-inplace variants, the result is a
 * fresh C-contiguous buffer that starts as a copy of Z (not even read when b == 0, as in BLAS and the
 * reference). Shape mismatches go to the reference perform for its error message.
 */
public final class GemmNode extends ApplyNode {
    private final boolean matrix;
    private final boolean inplace;

    public GemmNode(Slots s) {
        super(s);
        this.matrix = s.apply().op() instanceof Gemm;
        this.inplace = matrix ? ((Gemm) s.apply().op()).inplace() : ((Gemv) s.apply().op()).inplace();
    }

    public static boolean supports(Apply a) {
        if (!(a.op() instanceof Gemm || a.op() instanceof Gemv) || !OpenBlas.available()) return false;
        DType d = a.outputs().get(0).dtype();
        return d == DType.FLOAT64 || d == DType.FLOAT32; // makeNode guarantees one dtype for all inputs
    }

    /** The in-place variants may hand back their first input itself. */
    @Override
    public boolean freshOutputs() { return !inplace; }

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) { return one(matrix ? gemm(ins, pool) : gemv(ins, pool)); }

    @TruffleBoundary
    private NdArray gemm(NdArray[] in, BufferPool pool) {
        NdArray z = in[0], x = in[2], y = in[3];
        long m = x.shape(0), k = x.shape(1), n = y.shape(1);
        if (y.shape(0) != k || z.shape(0) != m || z.shape(1) != n) return apply.op().perform(apply, in)[0];
        double a = in[1].readDouble(in[1].offset()), b = in[4].readDouble(in[4].offset());
        NdArray out = target(z, b, x, y, pool);
        if (m == 0 || n == 0) return out;
        int ldc = m == 1 ? (int) Math.max(n, 1) : (int) (out.strides()[0] / out.dtype().itemsize());
        MemorySegment c = BlasOperand.data(out);
        if (k == 0) { // BLAS leaves C = b*C for k == 0; the reference computes the same (empty sum)
            scale(out, b);
            return out;
        }
        BlasOperand.Matrix xa = BlasOperand.matrix(x), ya = BlasOperand.matrix(y);
        if (out.dtype() == DType.FLOAT64) {
            OpenBlas.dgemm(xa.transFlag(false), ya.transFlag(false), (int) m, (int) n, (int) k, a, xa.data(), xa.ld(), ya.data(), ya.ld(), b, c, ldc);
        } else {
            OpenBlas.sgemm(xa.transFlag(false), ya.transFlag(false), (int) m, (int) n, (int) k, (float) a, xa.data(), xa.ld(), ya.data(), ya.ld(),
                    (float) b, c, ldc);
        }
        return out;
    }

    @TruffleBoundary
    private NdArray gemv(NdArray[] in, BufferPool pool) {
        NdArray yv = in[0], mat = in[2], x = in[3];
        long m = mat.shape(0), k = mat.shape(1);
        if (x.shape(0) != k || yv.shape(0) != m) return apply.op().perform(apply, in)[0];
        double a = in[1].readDouble(in[1].offset()), b = in[4].readDouble(in[4].offset());
        NdArray out = target(yv, b, mat, x, pool);
        if (m == 0) return out;
        if (k == 0) {
            scale(out, b);
            return out;
        }
        MemorySegment c = BlasOperand.data(out);
        int incy = m == 1 ? 1 : (int) (out.strides()[0] / out.dtype().itemsize());
        BlasOperand.Matrix am = BlasOperand.matrix(mat);
        BlasOperand.Vector xv = BlasOperand.vector(x);
        int rows = (int) (am.transposed() ? k : m), cols = (int) (am.transposed() ? m : k); // of the stored row-major matrix
        if (out.dtype() == DType.FLOAT64) OpenBlas.dgemv(am.transFlag(false), rows, cols, a, am.data(), am.ld(), xv.data(), xv.inc(), b, c, incy);
        else OpenBlas.sgemv(am.transFlag(false), rows, cols, (float) a, am.data(), am.ld(), xv.data(), xv.inc(), (float) b, c, incy);
        return out;
    }

    /** Where the result goes: z itself (in place, when safe and BLAS-writable) or a fresh buffer holding z when b != 0. */
    private NdArray target(NdArray z, double b, NdArray p, NdArray q, BufferPool pool) {
        if (inplace && !overlaps(z, p) && !overlaps(z, q) && blasWritable(z)) return z;
        NdArray out = pool.take(z.dtype(), z.shape());
        if (b != 0 && out.size() > 0) {
            if (z.isCContiguous()) MemorySegment.copy(z.segment(), z.offset(), out.segment(), out.offset(), z.nbytes());
            else out.assign(z);
        }
        return out;
    }

    /** Row-major with unit inner stride and positive, non-overlapping rows (vectors: positive stride). */
    private static boolean blasWritable(NdArray z) {
        if (z.segment().heapBase().isEmpty() || z.size() == 0) return false;
        long item = z.dtype().itemsize();
        long[] st = z.strides();
        if (z.ndim() == 1) return z.shape(0) == 1 || st[0] >= item;
        boolean inner = z.shape(1) == 1 || st[1] == item;
        boolean rows = z.shape(0) == 1 || st[0] >= z.shape(1) * item;
        return inner && rows && (z.offset() % item == 0);
    }

    private static boolean overlaps(NdArray p, NdArray q) { return p.segment().asOverlappingSlice(q.segment()).isPresent(); }

    /** out = b * out, with b == 0 giving zeros whatever out held (NaN included), as BLAS does. */
    private static void scale(NdArray out, double b) {
        if (b == 0) out.fill(0);
        else if (b != 1) for (long off : out.elementOffsets()) out.writeDouble(off, b * out.readDouble(off));
    }
}
