package org.theanojvm.engine.ops;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * numpy.repeat(x, repeats, axis) for a vector of repeats (theano.tensor.extra_ops.RepeatOp, printed
 * {@code RepeatOp{axis=None}}). T.repeat with a scalar repeat count builds alloc + reshape instead,
 * as Theano 1.0 does, so this op only sees per-element counts.
 */
public final class RepeatOp extends Op {
    private final Integer axis;

    public RepeatOp(Integer axis) { this.axis = axis; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0), reps = inputs.get(1);
        if (!reps.dtype().isInteger()) throw new TheanoTypeError("repeats.dtype must be an integer.");
        if (reps.dtype() == DType.UINT64) {
            throw new TheanoTypeError("dtypes ('uint64',) are not supported by numpy.repeat for the 'repeats' parameter, ");
        }
        boolean[] b;
        if (axis == null) {
            b = new boolean[] {false};
        } else {
            if (axis >= x.ndim() || axis < -x.ndim()) throw new TheanoValueError("axis " + axis + " is out of bounds for array of dimension " + x.ndim());
            b = x.broadcastable();
            boolean one = reps instanceof Constant c && c.data().ndim() == 0 && c.data().itemLong() == 1;
            if (!one) b[axis < 0 ? axis + x.ndim() : axis] = false;
        }
        return new Apply(this, inputs, List.of(new TensorType(x.dtype(), b)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        if (axis == null) x = x.reshape(-1);
        int ax = axis == null ? 0 : AxisLines.normalize(axis, x.ndim());
        long n = x.shape(ax);
        long[] r = in[1].ndim() == 0 ? null : in[1].toLongArray();
        long[] reps = new long[(int) n];
        for (int i = 0; i < n; i++) {
            if (r == null) reps[i] = in[1].itemLong();
            else if (r.length == 1) reps[i] = r[0];
            else if (r.length == n) reps[i] = r[i];
            else throw new TheanoValueError("operands could not be broadcast together with shape (" + n + ",) (" + r.length + ",)");
            if (reps[i] < 0) throw new TheanoValueError("repeats may not contain negative values.");
        }
        long total = Arrays.stream(reps).sum();
        long[] os = x.shape();
        os[ax] = total;
        NdArray out = NdArray.empty(x.dtype(), os);
        long k = 0;
        for (int i = 0; i < n; i++) {
            for (long j = 0; j < reps[i]; j++) out.index(ax, k++).assign(x.index(ax, i));
        }
        return new NdArray[] {out};
    }

    @Override
    public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}}; }

    /** Theano 1.0 raises NotImplementedError for vector repeats; here it is a NullType gradient (an error only if needed). */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return Arrays.asList(gradNotImplemented(this, 0, inputs.get(0)), DisconnectedType.make());
    }

    @Override
    protected List<Object> props() { return Arrays.asList(axis); }

    @Override
    public String toString() { return "RepeatOp{axis=" + (axis == null ? "None" : axis) + "}"; }
}
