package org.theanojvm.examples.mixed;

import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

/**
 * An op written in Java and used from a Python Theano graph ({@code theano.JavaOp(
 * "org.theanojvm.examples.mixed.HuberLoss", delta)}): the Huber loss of each element,
 * {@code r^2 / 2} where {@code |r| <= delta}, else {@code delta * (|r| - delta / 2)}. Its gradient is a
 * graph of built-in ops, {@code gz * clip(r, -delta, delta)}, so it is differentiable again and fuses
 * with its neighbours. Any subclass of the engine's {@link Op} works the same way: make the node,
 * compute the outputs, give the gradient, name the parameters that make two instances equal.
 */
public final class HuberLoss extends Op {
    private static final long serialVersionUID = 1L;

    private final double delta;

    /** The loss with threshold {@code delta} (positive) between its quadratic and linear parts. */
    public HuberLoss(double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("delta must be positive, got " + delta);
        this.delta = delta;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        if (inputs.size() != 1) throw new TheanoTypeError(this + " takes one input, got " + inputs.size());
        Variable r = T.asTensorVariable(inputs.get(0));
        if (!r.dtype().isFloat()) throw new TheanoTypeError(this + " needs a float tensor, got " + r.type());
        return new Apply(this, List.of(r), List.of(r.tensorType())); // same dtype and broadcast pattern
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] inputs) {
        NdArray r = inputs[0];
        double[] v = r.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]);
            v[i] = a <= delta ? 0.5 * v[i] * v[i] : delta * (a - 0.5 * delta);
        }
        return new NdArray[] {NdArray.fromDoubles(r.dtype(), r.shape(), v)};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable r = inputs.get(0);
        return List.of(T.mul(outputGrads.get(0), T.clip(r, -delta, delta)));
    }

    @Override
    protected List<Object> props() { return List.of(delta); }

    @Override
    public String toString() { return "HuberLoss{delta=" + delta + "}"; }
}
