package org.theanojvm.engine.nnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * theano.tensor.extra_ops.Unique: numpy.unique of the flattened input (sorted distinct values), with
 * the optional int64 outputs return_index (first occurrences), return_inverse (positions of each input
 * element in the values) and return_counts, in that order. NaNs stay distinct (they compare unequal).
 * Not differentiable (Theano gives no gradient either).
 */
public final class Unique extends Op {
    /** Values only: the form confusion_matrix needs. */
    public static final Unique INSTANCE = new Unique(false, false, false);

    private final boolean returnIndex;
    private final boolean returnInverse;
    private final boolean returnCounts;

    public Unique(boolean returnIndex, boolean returnInverse, boolean returnCounts) {
        this.returnIndex = returnIndex;
        this.returnInverse = returnInverse;
        this.returnCounts = returnCounts;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = T.asTensorVariable(inputs.get(0));
        List<TensorType> outs = new ArrayList<>();
        outs.add(new TensorType(x.dtype(), false));
        int extra = (returnIndex ? 1 : 0) + (returnInverse ? 1 : 0) + (returnCounts ? 1 : 0);
        for (int i = 0; i < extra; i++) outs.add(new TensorType(DType.INT64, false));
        return new Apply(this, List.of(x), outs);
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0].ascontiguous();
        int n = (int) x.size();
        long item = x.dtype().itemsize();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Comparator<Integer> cmp;
        java.util.function.BiPredicate<Integer, Integer> same;
        if (x.dtype().isDiscrete()) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) v[i] = x.readLong(x.offset() + i * item);
            cmp = x.dtype() == DType.UINT64 ? (a, b) -> Long.compareUnsigned(v[a], v[b]) : (a, b) -> Long.compare(v[a], v[b]);
            same = (a, b) -> v[a] == v[b];
        } else {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = x.readDouble(x.offset() + i * item);
            // NumPy's order: NaN last
            cmp = (a, b) -> Double.isNaN(v[a]) ? (Double.isNaN(v[b]) ? 0 : 1) : Double.isNaN(v[b]) ? -1 : Double.compare(v[a] + 0.0, v[b] + 0.0);
            same = (a, b) -> v[a] == v[b];
        }
        Arrays.sort(order, cmp); // stable: the first of equal values is the first occurrence
        long[] first = new long[n], counts = new long[n], inverse = new long[n];
        int groups = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || !same.test(order[k], order[k - 1])) first[groups++] = order[k];
            counts[groups - 1]++;
            inverse[order[k]] = groups - 1;
        }
        NdArray values = NdArray.empty(x.dtype(), groups);
        for (int g = 0; g < groups; g++) NdArray.copyElement(x, x.offset() + first[g] * item, values, values.offset() + g * item);
        List<NdArray> outs = new ArrayList<>(List.of(values));
        if (returnIndex) outs.add(NdArray.fromLongs(DType.INT64, new long[] {groups}, Arrays.copyOf(first, groups)));
        if (returnInverse) outs.add(NdArray.fromLongs(DType.INT64, new long[] {n}, inverse));
        if (returnCounts) outs.add(NdArray.fromLongs(DType.INT64, new long[] {groups}, Arrays.copyOf(counts, groups)));
        return outs.toArray(new NdArray[0]);
    }

    @Override
    protected List<Object> props() { return List.of(returnIndex, returnInverse, returnCounts); }

    @Override
    public String toString() {
        return "Unique{return_index=" + py(returnIndex) + ", return_inverse=" + py(returnInverse) + ", return_counts=" + py(returnCounts) + "}";
    }

    private static String py(boolean b) { return b ? "True" : "False"; }
}
