package org.theanojvm.engine.ops;

import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;
import org.theanojvm.engine.types.DType;

/**
 * Matrix constructors from (n, m, k) int scalars: {@code Eye{dtype='float64'}} (numpy.eye: ones on the
 * k-th diagonal) and {@code Tri{dtype='float64'}} (numpy.tri: ones on and below the k-th diagonal).
 * Both are constant in their inputs, so every input gradient is undefined, as in Theano.
 */
public final class EyeTri extends Op {
    private final boolean tri;
    private final DType dtype;

    private EyeTri(boolean tri, DType dtype) {
        this.tri = tri;
        this.dtype = dtype;
    }

    public static EyeTri eye(DType dtype) { return new EyeTri(false, dtype); }

    public static EyeTri tri(DType dtype) { return new EyeTri(true, dtype); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        for (Variable v : inputs) {
            if (v.ndim() != 0 || !v.dtype().isInteger()) throw new TheanoTypeError((tri ? "Tri" : "Eye") + " arguments must be integer scalars, got " + v.type());
        }
        return new Apply(this, inputs, List.of(TensorType.matrix(dtype)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        long n = in[0].itemLong(), m = in[1].itemLong(), k = in[2].itemLong();
        NdArray out = NdArray.zeros(dtype, n, m);
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < m; j++) {
                if (tri ? j <= i + k : j == i + k) out.setLong(new long[] {i, j}, 1);
            }
        }
        return new NdArray[] {out};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return gradUndefinedForEveryInput(this, inputs);
    }

    @Override
    protected List<Object> props() { return List.of(tri, dtype); }

    @Override
    public String toString() { return (tri ? "Tri" : "Eye") + "{dtype='" + dtype + "'}"; }
}
