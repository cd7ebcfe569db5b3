package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
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
 * {@code SearchsortedOp} (numpy.searchsorted), {@code Nonzero} (numpy.nonzero as an int64 matrix),
 * {@code UnravelIndex} (numpy.unravel_index) and {@code RavelMultiIndex} (numpy.ravel_multi_index).
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

    /** Theano's basic.int_dtypes: the signed integers only (uint and bool are not accepted as indices). */
    private static Variable requireIndex(Variable v) {
        if (!v.isTensor() || !v.dtype().isInteger() || v.dtype().isUnsigned()) {
            throw new TheanoTypeError("'" + (v.isTensor() ? v.dtype().toString() : v.type().toString()) + "' object cannot be interpreted as an index");
        }
        return v;
    }

    private static Variable requireDims(Variable dims) {
        requireIndex(dims);
        if (dims.ndim() != 1) throw new TheanoTypeError("dims must be a 1D array");
        return dims;
    }

    private static String checkOrder(String order) {
        if (!"C".equals(order) && !"F".equals(order)) throw new TheanoAssertionError(List.of());
        return order;
    }

    /**
     * Theano's UnravelIndex{ndim, order} (numpy.unravel_index): flat indices into an array of shape dims
     * to ndim int64 coordinate arrays, each shaped like the indices. Not differentiable (integer output).
     */
    public static final class UnravelIndex extends Op {
        private final int ndim;
        private final String order;

        public UnravelIndex(int ndim, String order) {
            this.order = checkOrder(order);
            if (ndim < 1) throw new TheanoValueError("ndim must be an integer greater than 0");
            this.ndim = ndim;
        }

        public int ndim() { return ndim; }

        public String order() { return order; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable indices = requireIndex(T.asTensorVariable(inputs.get(0)));
            Variable dims = requireDims(T.asTensorVariable(inputs.get(1)));
            List<TensorType> outs = new ArrayList<>();
            for (int i = 0; i < ndim; i++) outs.add(new TensorType(DType.INT64, new boolean[indices.ndim()]));
            return new Apply(this, List.of(indices, dims), outs);
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray indices = in[0];
            long[] dims = in[1].toLongArray();
            // Theano asserts numpy gave as many arrays as the op has outputs
            if (dims.length != ndim) throw new TheanoAssertionError(List.of());
            long size = 1;
            for (long d : dims) {
                if (d < 0) throw new TheanoValueError("dimensions must be non-negative");
                size = Math.multiplyExact(size, d);
            }
            long[] flat = indices.toLongArray();
            long[] shape = indices.shape();
            long[][] coords = new long[ndim][flat.length];
            for (int j = 0; j < flat.length; j++) {
                long idx = flat[j];
                if (idx < 0 || idx >= size) throw new TheanoValueError("index " + idx + " is out of bounds for array with size " + size);
                if (order.equals("C")) {
                    for (int d = ndim - 1; d >= 0; d--) {
                        coords[d][j] = idx % dims[d];
                        idx /= dims[d];
                    }
                } else {
                    for (int d = 0; d < ndim; d++) {
                        coords[d][j] = idx % dims[d];
                        idx /= dims[d];
                    }
                }
            }
            NdArray[] out = new NdArray[ndim];
            for (int d = 0; d < ndim; d++) out[d] = NdArray.fromLongs(DType.INT64, shape, coords[d]);
            return out;
        }

        /** Integer coordinates: Theano 1.0 defines no gradient (grad_undefined here). */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return gradUndefinedForEveryInput(this, inputs);
        }

        @Override
        protected List<Object> props() { return List.of(ndim, order); }

        @Override
        public String toString() { return "UnravelIndex{ndim=" + ndim + ", order='" + order + "'}"; }
    }

    /**
     * Theano's RavelMultiIndex{mode, order} (numpy.ravel_multi_index): inputs are the coordinate arrays
     * (broadcast together) then dims; the output is the int64 flat indices. mode 'raise', 'wrap' or 'clip'.
     */
    public static final class RavelMultiIndex extends Op {
        private final String mode;
        private final String order;

        public RavelMultiIndex(String mode, String order) {
            if (!"raise".equals(mode) && !"wrap".equals(mode) && !"clip".equals(mode)) throw new TheanoAssertionError(List.of());
            this.mode = mode;
            this.order = checkOrder(order);
        }

        public String mode() { return mode; }

        public String order() { return order; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            if (inputs.size() < 2) throw new TheanoTypeError("RavelMultiIndex takes at least one coordinate array and dims");
            List<Variable> ins = new ArrayList<>();
            for (int i = 0; i < inputs.size() - 1; i++) ins.add(requireIndex(T.asTensorVariable(inputs.get(i))));
            ins.add(requireDims(T.asTensorVariable(inputs.get(inputs.size() - 1))));
            return new Apply(this, ins, List.of(new TensorType(DType.INT64, new boolean[ins.get(0).ndim()])));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            int n = in.length - 1;
            long[] dims = in[n].toLongArray();
            if (dims.length != n) throw new TheanoValueError("parameter multi_index must be a sequence of length " + dims.length);
            for (long d : dims) {
                if (d < 0) throw new TheanoValueError("dimensions must be non-negative");
            }
            // NumPy broadcasts the coordinate arrays together
            int nd = 0;
            for (int i = 0; i < n; i++) nd = Math.max(nd, in[i].ndim());
            long[] shape = new long[nd];
            java.util.Arrays.fill(shape, 1);
            for (int i = 0; i < n; i++) {
                long[] s = in[i].shape();
                for (int k = 0; k < s.length; k++) {
                    int a = nd - s.length + k;
                    if (s[k] == shape[a] || s[k] == 1) continue;
                    if (shape[a] != 1) throw new TheanoValueError("shape mismatch: objects cannot be broadcast to a single shape");
                    shape[a] = s[k];
                }
            }
            long[][] coords = new long[n][];
            for (int i = 0; i < n; i++) coords[i] = in[i].broadcastTo(shape).toLongArray();
            int count = coords.length == 0 ? 0 : coords[0].length;
            long[] strides = new long[n];
            long s = 1;
            for (int k = 0; k < n; k++) {
                int d = order.equals("C") ? n - 1 - k : k;
                strides[d] = s;
                s *= dims[d];
            }
            long[] out = new long[count];
            for (int j = 0; j < count; j++) {
                long flat = 0;
                for (int d = 0; d < n; d++) {
                    long v = coords[d][j], m = dims[d];
                    switch (mode) {
                        case "wrap" -> {
                            if (m == 0) throw new TheanoValueError("invalid entry in coordinates array");
                            v = Math.floorMod(v, m);
                        }
                        case "clip" -> v = Math.max(0, Math.min(v, m - 1));
                        default -> {
                            if (v < 0 || v >= m) throw new TheanoValueError("invalid entry in coordinates array");
                        }
                    }
                    flat += v * strides[d];
                }
                out[j] = flat;
            }
            return new NdArray[] {NdArray.fromLongs(DType.INT64, shape, out)};
        }

        /** Integer flat indices: Theano 1.0 defines no gradient (grad_undefined here). */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return gradUndefinedForEveryInput(this, inputs);
        }

        @Override
        protected List<Object> props() { return List.of(mode, order); }

        @Override
        public String toString() { return "RavelMultiIndex{mode='" + mode + "', order='" + order + "'}"; }
    }
}
