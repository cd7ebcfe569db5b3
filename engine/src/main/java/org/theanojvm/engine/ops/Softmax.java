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

    /** Row by row on one double[] of the matrix (exp(x - max) / sum), rounded once to the dtype at the end. */
    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        int rows = (int) x.shape(0), cols = (int) x.shape(1);
        double[] v = x.toDoubleArray();
        for (int r = 0, start = 0; r < rows; r++, start += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = start; j < start + cols; j++) max = Math.max(max, v[j]);
            double sum = 0;
            for (int j = start; j < start + cols; j++) {
                v[j] = Math.exp(v[j] - max);
                sum += v[j];
            }
            for (int j = start; j < start + cols; j++) v[j] /= sum;
        }
        return new NdArray[] {NdArray.fromDoubles(x.dtype(), x.shape(), v)};
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
            NdArray sm = in[1];
            int cols = (int) sm.shape(1);
            double[] dy = in[0].broadcastTo(sm.shape()).toDoubleArray(), s = sm.toDoubleArray();
            for (int start = 0; start < s.length; start += cols) {
                double dot = 0;
                for (int j = start; j < start + cols; j++) dot += dy[j] * s[j];
                for (int j = start; j < start + cols; j++) dy[j] = (dy[j] - dot) * s[j];
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), sm.shape(), dy)};
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
