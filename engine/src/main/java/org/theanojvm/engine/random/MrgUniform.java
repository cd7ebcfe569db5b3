package org.theanojvm.engine.random;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's {@code mrg_uniform}: inputs {@code (rstate, size)} where rstate is an int32 matrix of stream
 * states {@code (n_streams, 6)} and size an integer vector; outputs the advanced states and a float32 or
 * float64 sample of that shape, uniform in (0, 1). Sample i is drawn from stream {@code i % n_streams},
 * as Theano's CPU code does, so the same states give the same samples. The state is never modified in
 * place (the new states are a copy): the MRG_RandomStreams' shared variable gets them as its default update.
 */
public final class MrgUniform extends Op {
    private final DType dtype;
    private final int ndim;

    public MrgUniform(DType dtype, int ndim) {
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) throw new TheanoTypeError("mrg_uniform: dtype must be float32 or float64, got " + dtype);
        this.dtype = dtype;
        this.ndim = ndim;
    }

    /** mrg_uniform.new(rstate, ndim, dtype, size): returns [new rstate, sample]. */
    public static List<Variable> sample(Variable rstate, Object size, DType dtype, int ndim) {
        Variable sz = T.asTensorVariable(size);
        if (sz.ndim() != 1) throw new TheanoTypeError("mrg_uniform: size must be a vector, got " + sz.type());
        return new MrgUniform(dtype, ndim < 0 ? lengthOf(sz) : ndim).makeNode(rstate, sz).outputs();
    }

    private static int lengthOf(Variable sizeVector) {
        if (sizeVector instanceof Constant c) return (int) c.data().shape(0);
        throw new TheanoValueError("mrg_uniform: pass ndim when size is symbolic");
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable rstate = inputs.get(0), size = inputs.get(1);
        if (!rstate.isTensor() || rstate.dtype() != DType.INT32 || rstate.ndim() != 2) {
            throw new TheanoTypeError("mrg_uniform: rstate must be an int32 matrix, got " + rstate.type());
        }
        if (!size.isTensor() || size.ndim() != 1 || !size.dtype().isInteger()) throw new TheanoTypeError("mrg_uniform: size must be an integer vector, got " + size.type());
        // Theano: an output dimension whose size is the constant 1 is broadcastable
        boolean[] b = new boolean[ndim];
        if (size instanceof Constant c) {
            if (c.data().shape(0) != ndim) throw new TheanoValueError("size must have length " + ndim + " (not " + c.data().shape(0) + ")");
            for (int i = 0; i < ndim; i++) b[i] = c.data().getLong(i) == 1;
        }
        List<TensorType> outs = new ArrayList<>();
        outs.add(rstate.tensorType());
        outs.add(new TensorType(dtype, b));
        return new Apply(this, inputs, outs);
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray rs = in[0], size = in[1];
        if (size.shape(0) != ndim) throw new TheanoValueError("size must have length " + ndim + " (not " + size.shape(0) + ")");
        if (rs.shape(1) != 6) throw new TheanoValueError("rstate must have 6 columns");
        long[] shape = size.toLongArray();
        long n = 1;
        for (long s : shape) n *= s;
        if (n > MRG31k3p.M1) throw new TheanoValueError("rng_mrg cpu-implementation does not support more than (2**31 -1) samples");
        int nStreams = (int) rs.shape(0);
        long[] st = rs.toLongArray();
        int[] state = new int[st.length];
        for (int i = 0; i < st.length; i++) state[i] = (int) st[i];
        NdArray out = NdArray.empty(dtype, shape);
        long[] offs = out.elementOffsets();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < n; i++) out.writeDouble(offs[i], MRG31k3p.toFloat(MRG31k3p.step(state, (i % nStreams) * 6)));
        } else {
            for (int i = 0; i < n; i++) out.writeDouble(offs[i], MRG31k3p.toDouble(MRG31k3p.step(state, (i % nStreams) * 6)));
        }
        long[] newState = new long[state.length];
        for (int i = 0; i < state.length; i++) newState[i] = state[i];
        return new NdArray[] {NdArray.fromLongs(DType.INT32, rs.shape(), newState), out};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        List<Variable> r = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) r.add(gradUndefined(this, k, inputs.get(k), "No gradient defined through random sampling op"));
        return r;
    }

    @Override
    protected List<Object> props() { return List.of(dtype, ndim); }

    /** Theano: {@code mrg_uniform{TensorType(float32, matrix),no_inplace}}. */
    @Override
    public String toString() { return "mrg_uniform{" + new TensorType(dtype, new boolean[ndim]) + ",no_inplace}"; }
}
