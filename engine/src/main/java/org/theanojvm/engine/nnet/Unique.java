package org.theanojvm.engine.nnet;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * theano.tensor.extra_ops.Unique with return_index/return_inverse/return_counts all False (numpy.unique
 * of the flattened input: sorted distinct values), the form confusion_matrix needs. Not differentiable
 * (Theano gives no gradient either).
 */
public final class Unique extends Op {
    public static final Unique INSTANCE = new Unique();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = T.asTensorVariable(inputs.get(0));
        return new Apply(this, List.of(x), List.of(new TensorType(x.dtype(), false)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        if (x.dtype().isDiscrete()) {
            long[] v = Arrays.stream(x.toLongArray()).sorted().distinct().toArray();
            return new NdArray[] {NdArray.fromLongs(x.dtype(), new long[] {v.length}, v)};
        }
        // NumPy sorts NaN last and keeps each NaN (they compare unequal); distinct() would merge them.
        double[] s = x.toDoubleArray();
        Arrays.sort(s);
        double[] r = new double[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) if (i == 0 || !(s[i] == s[i - 1])) r[n++] = s[i];
        return new NdArray[] {NdArray.fromDoubles(x.dtype(), new long[] {n}, Arrays.copyOf(r, n))};
    }

    @Override
    protected List<Object> props() { return List.of(false, false, false); }

    @Override
    public String toString() { return "Unique{return_index=False, return_inverse=False, return_counts=False}"; }
}
