package org.theanojvm.engine.ops;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * Cumulative sum/product along an axis (theano.tensor.extra_ops.CumOp, printed {@code CumOp{None, add}}):
 * axis null flattens first (output is a vector). The axis is kept as given (negative allowed), as Theano does.
 */
public final class CumOp extends Op {
    private final Integer axis;
    private final String mode;

    public CumOp(Integer axis, String mode) {
        if (!mode.equals("add") && !mode.equals("mul")) throw new TheanoValueError(mode + ": Unknown mode for CumOp. Available modes are: add, mul");
        this.axis = axis;
        this.mode = mode;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        TensorType out = x.tensorType();
        if (axis == null) out = TensorType.vector(x.dtype());
        else if (axis >= x.ndim() || axis < -x.ndim()) throw new TheanoValueError("axis(=" + axis + ") out of bounds");
        return new Apply(this, List.of(x), List.of(out));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        if (x.dtype().isComplex()) throw new TheanoNotImplementedError("CumOp is not implemented for complex inputs");
        if (axis == null) x = x.reshape(-1);
        int ax = axis == null ? 0 : AxisLines.normalize(axis, x.ndim());
        NdArray out = NdArray.empty(x.dtype(), x.shape());
        long[][] xl = AxisLines.of(x, ax), ol = AxisLines.of(out, ax);
        boolean mul = mode.equals("mul");
        boolean fl = x.dtype().isFloat();
        for (int j = 0; j < xl.length; j++) {
            double accD = mul ? 1 : 0;
            long accL = mul ? 1 : 0;
            for (int i = 0; i < xl[j].length; i++) {
                if (fl) {
                    double v = x.readDouble(xl[j][i]);
                    accD = mul ? accD * v : accD + v;
                    out.writeDouble(ol[j][i], accD);
                } else {
                    long v = x.readLong(xl[j][i]);
                    accL = mul ? accL * v : accL + v;
                    out.writeLong(ol[j][i], accL);
                }
            }
        }
        return new NdArray[] {out};
    }

    /** Theano's CumOp.grad: reverse, cumsum, reverse (times cumprod / x for mul). */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0), gi = outputGrads.get(0);
        if (axis == null) {
            SubtensorOps.Slice rev = SubtensorOps.slice(null, null, -1L);
            if (mode.equals("add")) return List.of(T.reshape(T.subtensor(T.cumsum(T.subtensor(gi, rev), null), rev), T.shape(x), x.ndim()));
            Variable fx = T.cumprod(x, null);
            return List.of(T.trueDiv(T.reshape(T.subtensor(T.cumsum(T.subtensor(T.mul(fx, gi), rev), null), rev), T.shape(x), x.ndim()), x));
        }
        SubtensorOps.Entry[] rev = new SubtensorOps.Entry[gi.ndim()];
        Arrays.fill(rev, SubtensorOps.all());
        rev[axis < 0 ? axis + gi.ndim() : axis] = SubtensorOps.slice(null, null, -1L);
        if (mode.equals("add")) return List.of(T.subtensor(T.cumsum(T.subtensor(gi, rev), axis), rev));
        Variable fx = T.cumprod(x, axis);
        return List.of(T.trueDiv(T.subtensor(T.cumsum(T.subtensor(T.mul(fx, gi), rev), axis), rev), x));
    }

    /** Linear for add: cumsum of the eval point. */
    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        if (ev.get(0) == null) return Collections.singletonList(null);
        if (mode.equals("add")) return List.of(call(ev.get(0)));
        return super.rOp(inputs, ev);
    }

    @Override
    protected List<Object> props() { return Arrays.asList(axis, mode); }

    @Override
    public String toString() { return "CumOp{" + (axis == null ? "None" : axis.toString()) + ", " + mode + "}"; }
}
