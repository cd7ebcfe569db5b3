package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Ops of theano.tensor.extra_ops and theano.tensor.basic that no composition of other ops gives:
 * {@code SearchsortedOp} (numpy.searchsorted) and {@code Nonzero} (numpy.nonzero as an int64 matrix).
 * The other extra_ops functions are built in the Python shim from existing ops, as Theano builds them.
 */
public final class ExtraOps {
    private ExtraOps() {}

    /** NumPy's sort order: NaN after everything, -0.0 == 0.0. */
    private static int compare(NdArray a, long ia, NdArray b, long ib, boolean floats, boolean unsigned) {
        if (floats) {
            double x = a.readDouble(ia), y = b.readDouble(ib);
            if (Double.isNaN(x)) return Double.isNaN(y) ? 0 : 1;
            if (Double.isNaN(y)) return -1;
            return Double.compare(x + 0.0, y + 0.0);
        }
        return unsigned ? Long.compareUnsigned(a.readLong(ia), b.readLong(ib)) : Long.compare(a.readLong(ia), b.readLong(ib));
    }

    /** Theano's SearchsortedOp: indices (int64, shaped like v) where v's elements would go into sorted x. */
    public static final class SearchsortedOp extends Op {
        private final String side;

        public SearchsortedOp(String side) {
            if (!"left".equals(side) && !"right".equals(side)) throw new TheanoValueError("'" + side + "' is an invalid value for keyword 'side'");
            this.side = side;
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), v = inputs.get(1);
            if (x.ndim() != 1) throw new TheanoTypeError("searchsorted: x must be a vector, got " + x.type());
            if (inputs.size() == 3) {
                Variable sorter = inputs.get(2);
                if (sorter.ndim() != 1 || !sorter.dtype().isInteger()) throw new TheanoTypeError("sorter must be an integer vector, got " + sorter.type());
            }
            if (x.dtype().isComplex() || v.dtype().isComplex()) throw new TheanoTypeError("searchsorted does not support complex inputs");
            return new Apply(this, inputs, List.of(new TensorType(DType.INT64, v.broadcastable())));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray x = in[0], v = in[1];
            int n = (int) x.shape(0);
            long[] xo = new long[n]; // element offsets of x in ascending order (through sorter when given)
            long xs = x.strides()[0];
            for (int i = 0; i < n; i++) {
                long k = i;
                if (in.length == 3) {
                    k = in[2].readLong(in[2].offset() + i * in[2].strides()[0]);
                    if (k < 0 || k >= n) throw new TheanoValueError("Sorter index out of range.");
                }
                xo[i] = x.offset() + k * xs;
            }
            // Compare in double when either side is a float, else as integers (NumPy's common type).
            boolean floats = !x.dtype().isDiscrete() || !v.dtype().isDiscrete();
            boolean unsigned = x.dtype() == DType.UINT64 && v.dtype() == DType.UINT64;
            boolean right = side.equals("right");
            NdArray vc = v.ascontiguous();
            NdArray out = NdArray.empty(DType.INT64, v.shape());
            long size = vc.size();
            for (long j = 0; j < size; j++) {
                long vOff = vc.offset() + j * vc.dtype().itemsize();
                int lo = 0, hi = n;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    int c = compare(x, xo[mid], vc, vOff, floats, unsigned);
                    if (c < 0 || (right && c == 0)) lo = mid + 1;
                    else hi = mid;
                }
                out.writeLong(out.offset() + j * 8, lo);
            }
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            return node.inputs().size() == 3 ? new boolean[][] {{true}, {true}, {false}} : new boolean[][] {{true}, {true}};
        }

        /** Piecewise constant: zero gradients (Theano's _float_zeros_like), the sorter disconnected. */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            List<Variable> r = new ArrayList<>(List.of(T.zerosLikeFloat(inputs.get(0)), T.zerosLikeFloat(inputs.get(1))));
            if (inputs.size() == 3) r.add(DisconnectedType.make());
            return r;
        }

        @Override
        protected List<Object> props() { return List.of(side); }

        @Override
        public String toString() { return "SearchsortedOp{side='" + side + "'}"; }
    }

    /** Theano's Nonzero: the indices of a's nonzero elements as an int64 matrix (a.ndim, count), C order. */
    public static final class Nonzero extends Op {
        public static final Nonzero INSTANCE = new Nonzero();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable a = T.asTensorVariable(inputs.get(0));
            if (a.ndim() == 0) throw new TheanoValueError("Nonzero only supports non-scalar arrays.");
            return new Apply(this, List.of(a), List.of(new TensorType(DType.INT64, false, false)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray a = in[0].ascontiguous(); // C-contiguous: element j is at offset j * itemSize, indices in C order
            int nd = a.ndim();
            long[] shape = a.shape();
            long size = a.size();
            long item = a.dtype().itemsize();
            List<Long> hits = new ArrayList<>();
            for (long j = 0; j < size; j++) {
                long off = a.offset() + j * item;
                boolean nz = a.dtype().isComplex() ? !Arrays.equals(a.readComplex(off), new double[] {0, 0})
                        : a.dtype().isDiscrete() ? a.readLong(off) != 0 : a.readDouble(off) != 0; // NaN counts as nonzero
                if (nz) hits.add(j);
            }
            long count = hits.size();
            long[] data = new long[(int) (nd * count)];
            for (int h = 0; h < count; h++) {
                long rest = hits.get(h);
                for (int d = nd - 1; d >= 0; d--) {
                    data[(int) (d * count + h)] = rest % shape[d];
                    rest /= shape[d];
                }
            }
            return new NdArray[] {NdArray.fromLongs(DType.INT64, new long[] {nd, count}, data)};
        }

        /** Theano: grad_undefined (the indices are not a differentiable function of a). */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return List.of(gradUndefined(this, 0, inputs.get(0), null));
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "Nonzero"; }
    }
}
