package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
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
 * theano.tensor.sort: {@code SortOp{quicksort, None}} and {@code ArgSortOp{quicksort, None}}. Inputs are
 * (a, axis) with axis an int scalar. Order is NumPy's: NaN last. Every kind is computed with one stable
 * sort, so ties keep their input order (NumPy's quicksort may order equal keys differently; the sorted
 * values are the same).
 */
public final class SortOps {
    private SortOps() {}

    static void checkKind(String kind) {
        if (!List.of("quicksort", "mergesort", "heapsort", "stable").contains(kind)) {
            throw new TheanoValueError("sort kind must be one of 'quick', 'heap', or 'stable' (got '" + kind + "')");
        }
    }

    static Apply node(Op op, List<Variable> inputs, DType outDtype) {
        Variable a = inputs.get(0), axis = inputs.get(1);
        if (axis.ndim() != 0 || !axis.dtype().isInteger()) throw new TheanoTypeError("sort axis must be an integer scalar, got " + axis.type());
        return new Apply(op, inputs, List.of(new TensorType(outDtype, a.broadcastable())));
    }

    /** The permutation that sorts each line (stable; NaN last), applied by the callers. */
    static Integer[] order(NdArray a, long[] line) {
        Integer[] p = new Integer[line.length];
        for (int i = 0; i < p.length; i++) p[i] = i;
        Comparator<Integer> c;
        if (a.dtype().isFloat()) {
            double[] v = new double[line.length];
            for (int i = 0; i < v.length; i++) v[i] = a.readDouble(line[i]);
            // NaN last; -0.0 and 0.0 compare equal as in NumPy
            c = (i, j) -> Double.isNaN(v[i]) ? (Double.isNaN(v[j]) ? 0 : 1) : Double.isNaN(v[j]) ? -1 : Double.compare(v[i] + 0.0, v[j] + 0.0);
        } else {
            long[] v = new long[line.length];
            for (int i = 0; i < v.length; i++) v[i] = a.readLong(line[i]);
            c = a.dtype() == DType.UINT64 ? (i, j) -> Long.compareUnsigned(v[i], v[j]) : (i, j) -> Long.compare(v[i], v[j]);
        }
        Arrays.sort(p, c);
        return p;
    }

    static NdArray run(NdArray a, long axisValue, boolean arg) {
        int ax = AxisLines.normalize(axisValue, a.ndim());
        NdArray out = NdArray.empty(arg ? DType.INT64 : a.dtype(), a.shape());
        long[][] al = AxisLines.of(a, ax), ol = AxisLines.of(out, ax);
        for (int j = 0; j < al.length; j++) {
            Integer[] p = order(a, al[j]);
            for (int i = 0; i < p.length; i++) {
                if (arg) out.writeLong(ol[j][i], p[i]);
                else NdArray.copyElement(a, al[j][p[i]], out, ol[j][i]);
            }
        }
        return out;
    }

    static long constAxis(Op op, Variable axis) {
        if (axis instanceof Constant c) return c.data().itemLong();
        throw new TheanoTypeError(op + ": the gradient needs a constant axis, got " + axis);
    }

    /** Sorted copy along an axis. */
    public static final class SortOp extends Op {
        private final String kind;
        private final String order;

        public SortOp(String kind, String order) {
            checkKind(kind);
            this.kind = kind;
            this.order = order;
        }

        @Override
        public Apply makeNode(List<Variable> inputs) { return node(this, inputs, inputs.get(0).dtype()); }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) { return new NdArray[] {run(in[0], in[1].itemLong(), false)}; }

        /**
         * Theano's SortOp.grad: the output gradient gathered back through the inverse permutation,
         * gz[i_0, ..., rev_idx, ..., i_n] with arange indices on the other axes (an AdvancedSubtensor).
         */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable a = inputs.get(0), axis = inputs.get(1);
            List<Object> idx = permutationIndex(a, axis, true);
            return Arrays.asList(T.advancedSubtensor(outputGrads.get(0), idx.toArray()),
                    gradUndefined(this, 1, axis, "The gradient of sort is not defined with respect to the integer axes itself"));
        }

        /**
         * The directional derivative: the eval point permuted like the input (ev[argsort(a)] along axis).
         * Theano 1.0 returns its grad here, which is not the R-op; this is.
         */
        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            List<Object> idx = permutationIndex(inputs.get(0), inputs.get(1), false);
            return List.of(T.advancedSubtensor(ev.get(0), idx.toArray()));
        }

        /** Index arrays selecting, along axis, argsort(a) (forward) or its inverse permutation; arange elsewhere. */
        private List<Object> permutationIndex(Variable a, Variable axis, boolean inverse) {
            long axv = constAxis(this, axis);
            int ax = (int) (axv < 0 ? axv + a.ndim() : axv);
            Variable idx = new ArgSortOp(kind, order).call(a, axis);
            if (inverse) idx = new ArgSortOp(kind, order).call(idx, axis);
            List<Object> r = new ArrayList<>();
            for (int i = 0; i < a.ndim(); i++) {
                if (i == ax) {
                    r.add(idx);
                } else {
                    Object[] shp = new Object[a.ndim()];
                    Arrays.fill(shp, 1L);
                    shp[i] = T.shapeOf(a, i);
                    r.add(T.reshape(T.arange(T.shapeOf(a, i)), shp, a.ndim()));
                }
            }
            return r;
        }

        @Override
        protected List<Object> props() { return Arrays.asList(kind, order); }

        @Override
        public String toString() { return "SortOp{" + kind + ", " + (order == null ? "None" : order) + "}"; }
    }

    /** Indices (int64) that sort along an axis. */
    public static final class ArgSortOp extends Op {
        private final String kind;
        private final String order;

        public ArgSortOp(String kind, String order) {
            checkKind(kind);
            this.kind = kind;
            this.order = order;
        }

        @Override
        public Apply makeNode(List<Variable> inputs) { return node(this, inputs, DType.INT64); }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) { return new NdArray[] {run(in[0], in[1].itemLong(), true)}; }

        /** Piecewise constant: zero gradient (Theano returns inp.zeros_like()). */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable a = inputs.get(0);
            return Arrays.asList(a.dtype().isDiscrete() ? T.zerosLikeFloat(a) : T.zerosLike(a),
                    gradUndefined(this, 1, inputs.get(1), "argsort is not defined for non-integer axes so argsort(x, axis+eps) is undefined"));
        }

        @Override
        protected List<Object> props() { return Arrays.asList(kind, order); }

        @Override
        public String toString() { return "ArgSortOp{" + kind + ", " + (order == null ? "None" : order) + "}"; }
    }
}
