package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's {@code _dot} (printed {@code dot}): vector/matrix products with NumPy semantics for
 * 1-d and 2-d operands. Scalars and higher ranks are handled by {@link T#dot} (mul / tensordot) as in
 * Theano. The reference loop accumulates in double (long for integer dtypes).
 */
public final class Dot extends Op {
    public static final Dot INSTANCE = new Dot();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0), y = inputs.get(1);
        int xn = x.ndim(), yn = y.ndim();
        if (xn < 1 || xn > 2 || yn < 1 || yn > 2) {
            throw new TheanoTypeError("theano.tensor.dot instead of theano.tensor.basic.Dot: Dot only supports 1d and 2d inputs, got "
                    + x.type() + " and " + y.type());
        }
        boolean[] b = new boolean[(xn - 1) + (yn - 1)];
        int k = 0;
        if (xn == 2) b[k++] = x.broadcastable()[0];
        if (yn == 2) b[k] = y.broadcastable()[1];
        DType out = DType.upcast(x.dtype(), y.dtype());
        return new Apply(this, List.of(x, y), List.of(new TensorType(out, b)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0], y = in[1];
        DType od = node.outputs().get(0).dtype();
        // View both operands as matrices: x (m, k), y (k, n).
        NdArray xm = x.ndim() == 1 ? x.dimshuffle(new int[] {-1, 0}) : x;
        NdArray ym = y.ndim() == 1 ? y.dimshuffle(new int[] {0, -1}) : y;
        long m = xm.shape(0), kx = xm.shape(1), ky = ym.shape(0), n = ym.shape(1);
        if (kx != ky) {
            throw new TheanoValueError("shapes " + NdArray.shapeString(x.shape()) + " and " + NdArray.shapeString(y.shape())
                    + " not aligned: " + kx + " (dim " + (x.ndim() - 1) + ") != " + ky + " (dim 0)");
        }
        long[] outShape;
        if (x.ndim() == 2 && y.ndim() == 2) outShape = new long[] {m, n};
        else if (x.ndim() == 2) outShape = new long[] {m};
        else if (y.ndim() == 2) outShape = new long[] {n};
        else outShape = new long[0];
        NdArray out = NdArray.empty(od, outShape);
        long[] xs = xm.strides(), ys = ym.strides();
        long ostep = od.itemsize();
        boolean integer = od.isDiscrete();
        long o = 0;
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                long xo = xm.offset() + i * xs[0];
                long yo = ym.offset() + j * ys[1];
                if (integer) {
                    long acc = 0;
                    for (long p = 0; p < kx; p++) acc += x.readLong(xo + p * xs[1]) * y.readLong(yo + p * ys[0]);
                    out.writeLong(o, acc);
                } else {
                    double acc = 0;
                    for (long p = 0; p < kx; p++) acc += x.readDouble(xo + p * xs[1]) * y.readDouble(yo + p * ys[0]);
                    out.writeDouble(o, acc);
                }
                o += ostep;
            }
        }
        return new NdArray[] {out};
    }

    /** Theano's Dot.grad for the four rank combinations. */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0), y = inputs.get(1), gz = outputGrads.get(0);
        int xd = x.ndim(), yd = y.ndim(), gd = gz.ndim();
        Variable xg, yg;
        if (gd == 0) {
            xg = T.mul(gz, y);
            yg = T.mul(gz, x);
        } else if (xd == 1 && yd == 2) {
            xg = T.dot(gz, T.transpose(y));
            yg = T.outer(x, gz);
        } else if (xd == 2 && yd == 1) {
            xg = T.outer(gz, y);
            yg = T.dot(T.transpose(x), gz);
        } else {
            xg = T.dot(gz, T.transpose(y));
            yg = T.dot(T.transpose(x), gz);
        }
        List<Variable> r = new ArrayList<>();
        r.add(T.patternbroadcast(xg, x.broadcastable()));
        r.add(T.patternbroadcast(yg, y.broadcastable()));
        return r;
    }

    /** R_op: dot(ex, y) + dot(x, ey) (terms with no eval point dropped). */
    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        Variable t1 = ev.get(0) == null ? null : call(ev.get(0), inputs.get(1));
        Variable t2 = ev.get(1) == null ? null : call(inputs.get(0), ev.get(1));
        Variable r = t1 == null ? t2 : (t2 == null ? t1 : T.add(t1, t2));
        return java.util.Collections.singletonList(r);
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "dot"; }
}
