package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Collections;
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
 * One dot product per batch entry for 2-d/3-d operands (theano.tensor.blas.BatchedDot, printed
 * {@code BatchedDot}): out[b] = dot(x[b], y[b]). Inputs are cast to the upcast dtype in make_node.
 */
public final class BatchedDot extends Op {
    public static final BatchedDot INSTANCE = new BatchedDot();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0), y = inputs.get(1);
        if (x.ndim() != 2 && x.ndim() != 3) throw new TheanoTypeError("Input 0 (0-indexed) must have ndim of 2 or 3, but it has " + x.ndim() + " dimensions.");
        if (y.ndim() != 2 && y.ndim() != 3) throw new TheanoTypeError("Input 1 (0-indexed) must have ndim of 2 or 3, but it has " + y.ndim() + " dimensions.");
        DType dt = DType.upcast(x.dtype(), y.dtype());
        x = T.cast(x, dt);
        y = T.cast(y, dt);
        boolean[] xb = x.broadcastable(), yb = y.broadcastable();
        List<Boolean> b = new ArrayList<>();
        b.add(xb[0] || yb[0]);
        for (int i = 1; i < xb.length - 1; i++) b.add(xb[i]);
        for (int i = 2; i < yb.length; i++) b.add(yb[i]);
        boolean[] ob = new boolean[b.size()];
        for (int i = 0; i < ob.length; i++) ob[i] = b.get(i);
        return new Apply(this, List.of(x, y), List.of(new TensorType(dt, ob)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0], y = in[1];
        if (x.shape(0) != y.shape(0)) {
            throw new TheanoTypeError("Inputs [" + x + ", " + y + "] must have the same size in axis 0, but have sizes [" + x.shape(0) + ", " + y.shape(0) + "].");
        }
        long nb = x.shape(0);
        DType od = node.outputs().get(0).dtype();
        // view each batch entry as a matrix product (m, k) x (k, n)
        long m = x.ndim() == 3 ? x.shape(1) : 1, k = x.shape(x.ndim() - 1), ky = y.shape(1), n = y.ndim() == 3 ? y.shape(2) : 1;
        if (k != ky) throw new TheanoValueError("shapes " + NdArray.shapeString(x.shape()) + " and " + NdArray.shapeString(y.shape()) + " not aligned: " + k + " != " + ky);
        List<Long> os = new ArrayList<>(List.of(nb));
        if (x.ndim() == 3) os.add(m);
        if (y.ndim() == 3) os.add(n);
        NdArray out = NdArray.empty(od, os.stream().mapToLong(Long::longValue).toArray());
        long[] xs = x.strides(), ys = y.strides();
        long xr = x.ndim() == 3 ? xs[1] : 0, xc = xs[x.ndim() - 1], yr = ys[1], yc = y.ndim() == 3 ? ys[2] : 0;
        boolean integer = od.isDiscrete();
        long o = 0, item = od.itemsize();
        for (long b = 0; b < nb; b++) {
            for (long i = 0; i < m; i++) {
                for (long j = 0; j < n; j++) {
                    long xo = x.offset() + b * xs[0] + i * xr, yo = y.offset() + b * ys[0] + j * yc;
                    if (integer) {
                        long acc = 0;
                        for (long p = 0; p < k; p++) acc += x.readLong(xo + p * xc) * y.readLong(yo + p * yr);
                        out.writeLong(o, acc);
                    } else {
                        double acc = 0;
                        for (long p = 0; p < k; p++) acc += x.readDouble(xo + p * xc) * y.readDouble(yo + p * yr);
                        out.writeDouble(o, acc);
                    }
                    o += item;
                }
            }
        }
        return new NdArray[] {out};
    }

    /** Theano's BatchedDot.grad for the four rank combinations. */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0), y = inputs.get(1), gz = outputGrads.get(0);
        int xd = x.ndim(), yd = y.ndim();
        Variable xg, yg;
        if (gz.ndim() == 1) {
            xg = T.mul(T.dimshuffle(gz, 0, "x"), y);
            yg = T.mul(T.dimshuffle(gz, 0, "x"), x);
        } else if (xd == 2 && yd == 3) {
            xg = T.batchedDot(gz, T.dimshuffle(y, 0, 2, 1));
            yg = T.mul(T.dimshuffle(x, 0, 1, "x"), T.dimshuffle(gz, 0, "x", 1));
        } else if (xd == 3 && yd == 2) {
            xg = T.mul(T.dimshuffle(gz, 0, 1, "x"), T.dimshuffle(y, 0, "x", 1));
            yg = T.batchedDot(T.dimshuffle(x, 0, 2, 1), gz);
        } else {
            xg = T.batchedDot(gz, T.dimshuffle(y, 0, 2, 1));
            yg = T.batchedDot(T.dimshuffle(x, 0, 2, 1), gz);
        }
        return List.of(T.patternbroadcast(xg, x.broadcastable()), T.patternbroadcast(yg, y.broadcastable()));
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        Variable t1 = ev.get(0) == null ? null : call(ev.get(0), inputs.get(1));
        Variable t2 = ev.get(1) == null ? null : call(inputs.get(0), ev.get(1));
        return Collections.singletonList(t1 == null ? t2 : (t2 == null ? t1 : T.add(t1, t2)));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "BatchedDot"; }
}
