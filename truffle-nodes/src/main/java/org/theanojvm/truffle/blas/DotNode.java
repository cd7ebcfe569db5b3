package org.theanojvm.truffle.blas;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;

/**
 * Theano's dot on OpenBLAS for float32/float64 operands of the output's dtype: matrix-matrix is gemm,
 * matrix-vector and vector-matrix are gemv (the latter as the transposed product), vector-vector is
 * dot. Operands are passed in place (see {@link BlasOperand}). Mixed or integer dtypes, and a missing
 * OpenBLAS, use the reference perform; so does a shape mismatch, for the reference's error message.
 */
public final class DotNode extends ApplyNode {
    public DotNode(Slots s) { super(s); }

    public static boolean supports(Apply a) {
        if (!(a.op() instanceof Dot) || !OpenBlas.available()) return false;
        DType out = a.outputs().get(0).dtype();
        return (out == DType.FLOAT64 || out == DType.FLOAT32) && a.inputs().get(0).dtype() == out && a.inputs().get(1).dtype() == out;
    }

    @Override
    public boolean freshOutputs() { return true; }

    @Override
    protected NdArray[] compute(VirtualFrame frame, NdArray[] ins, BufferPool pool) { return one(dot(ins)); }

    @TruffleBoundary
    private NdArray dot(NdArray[] ins) {
        NdArray x = ins[0], y = ins[1];
        long kx = x.shape(x.ndim() - 1), ky = y.shape(0);
        if (kx != ky) return apply.op().perform(apply, ins)[0];
        DType dt = apply.outputs().get(0).dtype();
        boolean f64 = dt == DType.FLOAT64;
        int k = (int) kx;
        if (x.ndim() == 1 && y.ndim() == 1) {
            NdArray out = NdArray.empty(dt);
            if (k == 0) return out;
            BlasOperand.Vector a = BlasOperand.vector(x), b = BlasOperand.vector(y);
            out.writeDouble(0, f64 ? OpenBlas.ddot(k, a.data(), a.inc(), b.data(), b.inc()) : OpenBlas.sdot(k, a.data(), a.inc(), b.data(), b.inc()));
            return out;
        }
        if (x.ndim() == 2 && y.ndim() == 2) {
            int m = (int) x.shape(0), n = (int) y.shape(1);
            NdArray out = NdArray.empty(dt, m, n);
            if (m == 0 || n == 0 || k == 0) return out; // zeros, like the reference's empty sums
            BlasOperand.Matrix a = BlasOperand.matrix(x), b = BlasOperand.matrix(y);
            var c = BlasOperand.data(out);
            if (f64) OpenBlas.dgemm(a.transFlag(false), b.transFlag(false), m, n, k, 1.0, a.data(), a.ld(), b.data(), b.ld(), 0.0, c, n);
            else OpenBlas.sgemm(a.transFlag(false), b.transFlag(false), m, n, k, 1f, a.data(), a.ld(), b.data(), b.ld(), 0f, c, n);
            return out;
        }
        // matrix-vector (A x), or vector-matrix (x B = B^T x): one gemv on the matrix as stored
        boolean matrixFirst = x.ndim() == 2;
        NdArray mat = matrixFirst ? x : y;
        NdArray vec = matrixFirst ? y : x;
        int len = (int) (matrixFirst ? mat.shape(0) : mat.shape(1));
        NdArray out = NdArray.empty(dt, len);
        if (len == 0 || k == 0) return out;
        BlasOperand.Matrix a = BlasOperand.matrix(mat);
        BlasOperand.Vector v = BlasOperand.vector(vec);
        // the stored row-major matrix is mat, or mat^T when a.transposed(); its dimensions:
        int rows = (int) (a.transposed() ? mat.shape(1) : mat.shape(0));
        int cols = (int) (a.transposed() ? mat.shape(0) : mat.shape(1));
        int trans = a.transFlag(!matrixFirst);
        var c = BlasOperand.data(out);
        if (f64) OpenBlas.dgemv(trans, rows, cols, 1.0, a.data(), a.ld(), v.data(), v.inc(), 0.0, c, 1);
        else OpenBlas.sgemv(trans, rows, cols, 1f, a.data(), a.ld(), v.data(), v.inc(), 0f, c, 1);
        return out;
    }
}
