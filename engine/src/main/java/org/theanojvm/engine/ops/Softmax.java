package org.theanojvm.engine.ops;

import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * Row-wise softmax of a matrix (theano.tensor.nnet.Softmax; a vector input is first padded to a row,
 * as Theano 1.0 does, so the output is a matrix), and SoftmaxGrad for its gradient.
 */
public final class Softmax extends Op {
    public static final Softmax INSTANCE = new Softmax();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        if (!x.dtype().isFloat() || (x.ndim() != 1 && x.ndim() != 2)) {
            throw new TheanoValueError("x must be 1-d or 2-d tensor of floats. Got " + x.type());
        }
        if (x.ndim() == 1) x = T.dimshuffle(x, new int[] {-1, 0});
        return new Apply(this, List.of(x), List.of(x.type()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        NdArray out = NdArray.empty(x.dtype(), x.shape());
        long rows = x.shape(0), cols = x.shape(1);
        for (long i = 0; i < rows; i++) {
            NdArray xr = x.index(0, i), orow = out.index(0, i);
            long[] xo = xr.elementOffsets(), oo = orow.elementOffsets();
            double max = Double.NEGATIVE_INFINITY;
            for (long o : xo) max = Math.max(max, x.readDouble(o));
            double sum = 0;
            double[] e = new double[(int) cols];
            for (int j = 0; j < cols; j++) {
                e[j] = Math.exp(x.readDouble(xo[j]) - max);
                sum += e[j];
            }
            for (int j = 0; j < cols; j++) out.writeDouble(oo[j], e[j] / sum);
        }
        return new NdArray[] {out};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable sm = call(inputs.get(0));
        return List.of(SoftmaxGrad.INSTANCE.call(outputGrads.get(0), sm));
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        if (ev.get(0) == null) return Collections.singletonList(null);
        return grad(inputs, ev);
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "Softmax"; }

    /** dx = (dy - sum(dy * sm, axis=1, keepdims)) * sm (printed {@code SoftmaxGrad}). */
    public static final class SoftmaxGrad extends Op {
        public static final SoftmaxGrad INSTANCE = new SoftmaxGrad();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable dy = inputs.get(0), sm = inputs.get(1);
            return new Apply(this, List.of(dy, sm), List.of(new TensorType(sm.dtype(), false, false)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray dy = in[0].broadcastTo(in[1].shape()), sm = in[1];
            NdArray out = NdArray.empty(node.outputs().get(0).dtype(), sm.shape());
            for (long i = 0; i < sm.shape(0); i++) {
                long[] a = dy.index(0, i).elementOffsets(), b = sm.index(0, i).elementOffsets(), o = out.index(0, i).elementOffsets();
                double s = 0;
                for (int j = 0; j < a.length; j++) s += dy.readDouble(a[j]) * sm.readDouble(b[j]);
                for (int j = 0; j < a.length; j++) out.writeDouble(o[j], (dy.readDouble(a[j]) - s) * sm.readDouble(b[j]));
            }
            return new NdArray[] {out};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            // d/d dy: g*sm - sum(g*sm) * sm ; d/d sm: g*dy - g*s - sum(g*sm)*dy... expressed symbolically
            Variable dy = inputs.get(0), sm = inputs.get(1), g = outputGrads.get(0);
            Variable s = T.sum(T.mul(dy, sm), new int[] {1}, true, null, null);
            Variable gsm = T.sum(T.mul(g, sm), new int[] {1}, true, null, null);
            Variable gdy = T.sub(T.mul(g, sm), T.mul(gsm, sm));
            Variable gs = T.add(T.mul(g, T.sub(dy, s)), T.neg(T.mul(gsm, dy)));
            return List.of(gdy, gs);
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "SoftmaxGrad"; }
    }
}
