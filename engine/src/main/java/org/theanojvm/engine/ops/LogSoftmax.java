package org.theanojvm.engine.ops;

import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

/**
 * Row-wise log(softmax(x)) computed stably as x - max - log(sum(exp(x - max))) (theano.tensor.nnet
 * LogSoftmax, Theano's {@code logsoftmax}, printed {@code LogSoftmax}); a vector is padded to a row first.
 */
public final class LogSoftmax extends Op {
    public static final LogSoftmax INSTANCE = new LogSoftmax();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        if (!x.dtype().isFloat() || (x.ndim() != 1 && x.ndim() != 2)) {
            throw new TheanoValueError("x must be 1-d or 2-d tensor of floats. Got " + x.type());
        }
        if (x.ndim() == 1) x = T.shapePadleft(x, 1);
        return new Apply(this, List.of(x), List.of(x.type()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        NdArray out = NdArray.empty(x.dtype(), x.shape());
        long[][] xl = AxisLines.of(x, 1), ol = AxisLines.of(out, 1);
        for (int i = 0; i < xl.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (long o : xl[i]) max = Math.max(max, x.readDouble(o));
            double sum = 0;
            for (long o : xl[i]) sum += Math.exp(x.readDouble(o) - max);
            double lse = max + Math.log(sum);
            for (int j = 0; j < xl[i].length; j++) out.writeDouble(ol[i][j], x.readDouble(xl[i][j]) - lse);
        }
        return new NdArray[] {out};
    }

    /** Theano's LogSoftmax.grad: g - sum(g, axis=1, keepdims) * softmax(x). */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable g = outputGrads.get(0);
        Variable sm = Softmax.INSTANCE.call(inputs.get(0));
        return List.of(T.sub(g, T.mul(T.sum(g, new int[] {1}, true, null, null), sm)));
    }

    /**
     * J v = v - sum(v * softmax(x), axis=1, keepdims). (Theano 1.0 returns its grad here, assuming a
     * symmetric Jacobian, which it is not.)
     */
    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        Variable v = ev.get(0);
        if (v == null) return Collections.singletonList(null);
        Variable sm = Softmax.INSTANCE.call(inputs.get(0));
        return List.of(T.sub(v, T.sum(T.mul(v, sm), new int[] {1}, true, null, null)));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "LogSoftmax"; }
}
