package org.theanojvm.engine.ops;

import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * Theano's BLAS Gemv: {@code gemv(y, alpha, A, x, beta) = beta*y + alpha*dot(A, x)} with A a matrix,
 * x and y vectors, alpha and beta 0-d, one float dtype; output of y's type. Prop {@code inplace}
 * (printed {@code Gemv{inplace}} / {@code Gemv{no_inplace}}) as Theano's. beta == 0 ignores y.
 */
public final class Gemv extends Op {
    public static final Gemv NO_INPLACE = new Gemv(false);
    public static final Gemv INPLACE = new Gemv(true);

    private final boolean inplace;

    private Gemv(boolean inplace) { this.inplace = inplace; }

    public boolean inplace() { return inplace; }

    /** The in-place variant accumulates into its first input, z. */
    @Override
    public int destroyedInput() { return inplace ? 0 : -1; }

    @Override
    public Apply makeNode(List<Variable> in) {
        if (in.size() != 5) throw new TheanoTypeError("Wrong number of inputs for " + this + " (expected 5, got " + in.size() + ")");
        Variable y = in.get(0), alpha = in.get(1), a = in.get(2), x = in.get(3), beta = in.get(4);
        if (y.ndim() != 1 || a.ndim() != 2 || x.ndim() != 1) throw new TheanoTypeError(this + ": needs vector y, matrix A, vector x");
        if (alpha.ndim() != 0 || beta.ndim() != 0) throw new TheanoTypeError(this + ": alpha and beta must be scalars");
        for (Variable v : in) {
            if (v.dtype() != y.dtype() || !y.dtype().isFloat()) throw new TheanoTypeError(this + ": all inputs must have one float dtype, got " + in);
        }
        return new Apply(this, in, List.of(y.tensorType()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray y = in[0], a = in[2], x = in[3];
        double alpha = in[1].readDouble(in[1].offset()), beta = in[4].readDouble(in[4].offset());
        long m = a.shape(0), k = a.shape(1);
        if (x.shape(0) != k || y.shape(0) != m) {
            throw new TheanoValueError("Shape mismatch: A has shape " + NdArray.shapeString(a.shape()) + ", x " + NdArray.shapeString(x.shape())
                    + ", y " + NdArray.shapeString(y.shape()));
        }
        boolean reuse = inplace && !Gemm.overlaps(y, a) && !Gemm.overlaps(y, x);
        NdArray out = reuse ? y : NdArray.empty(y.dtype(), m);
        long[] as = a.strides();
        long xs = x.strides()[0], ys = y.strides()[0], os = out.strides()[0];
        for (long i = 0; i < m; i++) {
            double acc = 0;
            long ao = a.offset() + i * as[0];
            for (long p = 0; p < k; p++) acc += a.readDouble(ao + p * as[1]) * x.readDouble(x.offset() + p * xs);
            double yv = beta == 0 ? 0 : beta * y.readDouble(y.offset() + i * ys);
            out.writeDouble(out.offset() + i * os, yv + alpha * acc);
        }
        return new NdArray[] {out};
    }

    @Override
    protected List<Object> props() { return List.of(inplace); }

    @Override
    public String toString() { return inplace ? "Gemv{inplace}" : "Gemv{no_inplace}"; }
}
