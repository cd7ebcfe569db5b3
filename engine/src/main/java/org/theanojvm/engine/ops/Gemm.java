package org.theanojvm.engine.ops;

import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Theano's BLAS Gemm: {@code gemm(Z, a, X, Y, b) = b*Z + a*dot(X, Y)} on matrices, with scalar (0-d)
 * a and b, everything of one float dtype; the output has Z's type. Input order and the single prop
 * {@code inplace} are exactly Theano's ({@code gemm_inplace} overwrites Z; {@code gemm_no_inplace}
 * works on a copy). Introduced only by the specialize rewrite; executors may call BLAS for it. As in
 * BLAS, when b == 0 the old Z is not read (NaNs in Z do not leak). The reference loop accumulates in
 * double.
 */
public final class Gemm extends Op {
    public static final Gemm NO_INPLACE = new Gemm(false);
    public static final Gemm INPLACE = new Gemm(true);

    private final boolean inplace;

    private Gemm(boolean inplace) { this.inplace = inplace; }

    public boolean inplace() { return inplace; }

    /** The in-place variant accumulates into its first input, z. */
    @Override
    public int destroyedInput() { return inplace ? 0 : -1; }

    @Override
    public Apply makeNode(List<Variable> in) {
        if (in.size() != 5) throw new TheanoTypeError("Wrong number of inputs for " + this + " (expected 5, got " + in.size() + ")");
        Variable z = in.get(0), a = in.get(1), x = in.get(2), y = in.get(3), b = in.get(4);
        if (z.ndim() != 2 || x.ndim() != 2 || y.ndim() != 2) throw new TheanoTypeError(this + ": Z, X and Y must be matrices");
        if (a.ndim() != 0 || b.ndim() != 0) throw new TheanoTypeError(this + ": a and b must be scalars");
        for (Variable v : in) {
            if (v.dtype() != z.dtype() || !z.dtype().isFloat()) throw new TheanoTypeError(this + ": all inputs must have one float dtype, got " + in);
        }
        return new Apply(this, in, List.of(z.tensorType()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray z = in[0], x = in[2], y = in[3];
        double a = in[1].readDouble(in[1].offset()), b = in[4].readDouble(in[4].offset());
        long m = x.shape(0), k = x.shape(1), n = y.shape(1);
        if (y.shape(0) != k || z.shape(0) != m || z.shape(1) != n) {
            throw new TheanoValueError("Shape mismatch: x has " + k + " cols (and " + m + " rows) but y has " + y.shape(0) + " rows (and " + n
                    + " cols); z has shape " + NdArray.shapeString(z.shape()));
        }
        // In place only when Z does not share memory with X or Y (writing would change what we read).
        boolean reuse = inplace && !overlaps(z, x) && !overlaps(z, y);
        NdArray out = reuse ? z : NdArray.empty(z.dtype(), m, n);
        long[] xs = x.strides(), ys = y.strides(), zs = z.strides(), os = out.strides();
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                double acc = 0;
                long xo = x.offset() + i * xs[0], yo = y.offset() + j * ys[1];
                for (long p = 0; p < k; p++) acc += x.readDouble(xo + p * xs[1]) * y.readDouble(yo + p * ys[0]);
                double zv = b == 0 ? 0 : b * z.readDouble(z.offset() + i * zs[0] + j * zs[1]);
                out.writeDouble(out.offset() + i * os[0] + j * os[1], zv + a * acc);
            }
        }
        return new NdArray[] {out};
    }

    static boolean overlaps(NdArray p, NdArray q) { return p.segment().asOverlappingSlice(q.segment()).isPresent(); }

    @Override
    protected List<Object> props() { return List.of(inplace); }

    @Override
    public String toString() { return inplace ? "gemm_inplace" : "gemm_no_inplace"; }
}
