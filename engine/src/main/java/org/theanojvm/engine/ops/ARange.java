package org.theanojvm.engine.ops;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * numpy.arange(start, stop, step) as an op of fixed output dtype (printed {@code ARange{dtype='int64'}}).
 * The dtype is chosen by {@code T.arange} with Theano's rules (upcast of the three inputs, widened to
 * int64/uint64 for integers).
 */
public final class ARange extends Op {
    private final DType dtype;

    public ARange(DType dtype) { this.dtype = dtype; }

    public DType dtype() { return dtype; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        for (Variable v : inputs) {
            if (v.ndim() != 0) throw new TheanoTypeError("ARange inputs must be scalars, got " + v.type());
        }
        return new Apply(this, inputs, List.of(TensorType.vector(dtype)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        boolean exact = !dtype.isContinuous() && in[0].dtype().isDiscrete() && in[1].dtype().isDiscrete() && in[2].dtype().isDiscrete();
        if (exact) {
            // all-integer arguments: compute in long so large int64 ranges stay exact
            long start = in[0].itemLong(), stop = in[1].itemLong(), step = in[2].itemLong();
            if (step == 0) throw new TheanoException("ZeroDivisionError", "division by zero");
            long n = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0) : (start > stop ? (start - stop - step - 1) / -step : 0);
            NdArray out = NdArray.empty(dtype, n);
            for (long i = 0; i < n; i++) out.writeLong(i * dtype.itemsize(), start + i * step);
            return new NdArray[] {out};
        }
        double start = in[0].item(), stop = in[1].item(), step = in[2].item();
        if (step == 0) throw new TheanoException("ZeroDivisionError", "division by zero");
        double len = Math.ceil((stop - start) / step);
        if (Double.isNaN(len)) throw new TheanoValueError("arange: cannot compute length");
        long n = (long) Math.max(0, len);
        NdArray out = NdArray.empty(dtype, n);
        for (long i = 0; i < n; i++) out.writeDouble(i * dtype.itemsize(), start + i * step);
        return new NdArray[] {out};
    }

    /** stop only changes the length, so it is disconnected (Theano's connection_pattern). */
    @Override
    public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}, {true}}; }

    /** Theano's ARange.L_op: d/dstart = sum(gz), d/dstep = sum(gz * arange(len)); zeros for integer outputs. */
    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        Variable start = inputs.get(0), step = inputs.get(2), gz = outputGrads.get(0);
        if (dtype.isDiscrete()) {
            return Arrays.asList(T.zerosLike(start, Config.floatX()), DisconnectedType.make(), T.zerosLike(step, Config.floatX()));
        }
        Variable n = T.shapeOf(outputs.get(0), 0);
        Variable steps = T.arange(0L, n, 1L, dtype);
        return Arrays.asList(T.sum(gz), DisconnectedType.make(), T.sum(T.mul(gz, steps)));
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return lOp(inputs, List.of(makeNode(inputs).outputs().get(0)), outputGrads);
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) { return Collections.singletonList(null); }

    @Override
    protected List<Object> props() { return List.of(dtype); }

    @Override
    public String toString() { return "ARange{dtype='" + dtype + "'}"; }
}
