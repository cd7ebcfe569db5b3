package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.TensorType;

/**
 * Diagonals, printed as Theano 1.0.5 prints them: {@code ExtractDiag{offset=0, axis1=0, axis2=1, view=False}}
 * (numpy.diagonal: the two axes are removed and the diagonal becomes the last axis) and
 * {@code AllocDiag{offset=0, axis1=0, axis2=1}} (theano.tensor.AllocDiag: the last axis of the input becomes
 * the diagonal of the plane of axis1 and axis2); theano.tensor.nlinalg's deprecated AllocDiag (vectors only,
 * no props) is the same op made with {@link AllocDiag#nlinalg()} and prints {@code AllocDiag}.
 */
public final class Diagonal {
    private Diagonal() {}

    /** Theano's ExtractDiag: the diagonal at {@code offset} of the plane of {@code axis1} and {@code axis2}. */
    public static final class ExtractDiag extends Op {
        private final long offset;
        private final int axis1, axis2;
        /** Theano's view prop: printed and compared; the result is a copy either way (always safe). */
        private final boolean view;

        public ExtractDiag(long offset, int axis1, int axis2) { this(offset, axis1, axis2, false); }

        public ExtractDiag(long offset, int axis1, int axis2, boolean view) {
            this.offset = offset;
            this.axis1 = axis1;
            this.axis2 = axis2;
            this.view = view;
        }

        public boolean view() { return view; }

        public long offset() { return offset; }

        public int axis1() { return axis1; }

        public int axis2() { return axis2; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0);
            if (x.ndim() < 2) throw new TheanoValueError("ExtractDiag needs an input with 2 or more dimensions");
            return new Apply(this, inputs, List.of(new TensorType(x.dtype(), new boolean[x.ndim() - 1])));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray x = in[0];
            int a1 = AxisLines.normalize(axis1, x.ndim()), a2 = AxisLines.normalize(axis2, x.ndim());
            if (a1 == a2) throw new TheanoValueError("axis1 and axis2 cannot be the same");
            long n1 = x.shape(a1), n2 = x.shape(a2);
            long len = offset >= 0 ? Math.max(0, Math.min(n1, n2 - offset)) : Math.max(0, Math.min(n1 + offset, n2));
            long[] sh = x.shape(), st = x.strides();
            // the diagonal is a strided view: step st[a1] + st[a2] from element (max(-k,0), max(k,0))
            long[] ns = new long[x.ndim() - 1], nst = new long[x.ndim() - 1];
            for (int d = 0, k = 0; d < x.ndim(); d++) {
                if (d == a1 || d == a2) continue;
                ns[k] = sh[d];
                nst[k++] = st[d];
            }
            ns[ns.length - 1] = len;
            nst[ns.length - 1] = st[a1] + st[a2];
            long off = x.offset() + (len == 0 ? 0 : (offset >= 0 ? offset * st[a2] : -offset * st[a1]));
            return new NdArray[] {new NdArray(x.dtype(), ns, nst, off, x.segment()).copy()};
        }

        /**
         * The gradient scattered back onto the diagonal of zeros, for any rank: an inc_subtensor with index
         * arrays (arange + the offset's start) on axis1 and axis2. gz (diagonal last) is first moved to where
         * NumPy places the indexed dimension. (Theano 1.0 handles matrices only, and its AllocDiag-based
         * version fails for non-square inputs with an offset.)
         */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), gz = outputGrads.get(0);
            if (x.dtype().isDiscrete()) return List.of(T.zerosLikeFloat(x));
            int nd = x.ndim();
            int a1 = axis1 < 0 ? axis1 + nd : axis1, a2 = axis2 < 0 ? axis2 + nd : axis2;
            Variable len = T.shapeOf(gz, nd - 2);
            Object[] entries = new Object[nd];
            java.util.Arrays.fill(entries, SubtensorOps.all());
            entries[a1] = T.add(T.arange(len), Math.max(-offset, 0));
            entries[a2] = T.add(T.arange(len), Math.max(offset, 0));
            Object[] pattern = new Object[nd - 1];
            int p = Math.min(a1, a2);
            if (Math.abs(a1 - a2) == 1) {
                for (int i = 0, k = 0; i < nd - 1; i++) pattern[i] = i == p ? (Object) (nd - 2) : (Object) k++;
            } else {
                pattern[0] = nd - 2;
                for (int i = 1; i < nd - 1; i++) pattern[i] = i - 1;
            }
            return List.of(T.advancedIncSubtensor(T.zerosLike(x), T.dimshuffle(gz, pattern), entries));
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            return List.of(call(ev.get(0)));
        }

        @Override
        protected List<Object> props() { return List.of(offset, axis1, axis2, view); }

        @Override
        public String toString() {
            return "ExtractDiag{offset=" + offset + ", axis1=" + axis1 + ", axis2=" + axis2 + ", view=" + (view ? "True" : "False") + "}";
        }
    }

    /**
     * Theano's AllocDiag: the input's last axis placed on the diagonal at {@code offset} of a new plane of
     * axes (min(axis1, axis2), max(axis1, axis2)) of size n + |offset|, zeros elsewhere; the other input
     * axes keep their order. A vector gives numpy.diag(v, offset).
     */
    public static final class AllocDiag extends Op {
        private final long offset;
        private final int axis1, axis2;
        private final boolean nlinalg;

        public AllocDiag(long offset) { this(offset, 0, 1); }

        public AllocDiag(long offset, int axis1, int axis2) { this(offset, axis1, axis2, false); }

        private AllocDiag(long offset, int axis1, int axis2, boolean nlinalg) {
            this.offset = offset;
            this.axis1 = axis1;
            this.axis2 = axis2;
            this.nlinalg = nlinalg;
        }

        /** theano.tensor.nlinalg.AllocDiag (deprecated in Theano 1.0): vectors only, printed without props. */
        public static AllocDiag nlinalg() { return new AllocDiag(0, 0, 1, true); }

        public long offset() { return offset; }

        public int axis1() { return axis1; }

        public int axis2() { return axis2; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0));
            if (nlinalg && x.ndim() != 1) throw new TheanoTypeError("AllocDiag only works on vectors");
            if (x.ndim() < 1) throw new TheanoValueError("AllocDiag needs an input with 1 or more dimensions");
            return new Apply(this, List.of(x), List.of(new TensorType(x.dtype(), new boolean[x.ndim() + 1])));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray v = in[0].ascontiguous();
            int nd = v.ndim();
            int lo = Math.min(axis1, axis2), hi = Math.max(axis1, axis2);
            if (nd == 1) {
                lo = 0;
                hi = 1;
            }
            if (lo < 0 || hi > nd) throw new TheanoValueError("AllocDiag: axes (" + axis1 + ", " + axis2 + ") out of range for a " + (nd + 1) + "-d result");
            long n = v.shape(nd - 1), size = n + Math.abs(offset);
            long[] outShape = new long[nd + 1];
            for (int d = 0, k = 0; d <= nd; d++) outShape[d] = d == lo || d == hi ? size : v.shape(k++);
            NdArray out = NdArray.zeros(v.dtype(), outShape);
            long count = v.size(), item = v.dtype().itemsize();
            long[] idx = new long[nd + 1];
            for (long j = 0; j < count; j++) {
                long[] src = v.unravelIndex(j);
                long i = src[nd - 1];
                for (int d = 0, k = 0; d <= nd; d++) {
                    if (d == lo) idx[d] = i + Math.max(0, -offset);
                    else if (d == hi) idx[d] = i + Math.max(0, offset);
                    else idx[d] = src[k++];
                }
                NdArray.copyElement(v, v.offset() + j * item, out, out.offsetOf(idx));
            }
            return new NdArray[] {out};
        }

        /** Theano: the diagonal of the output gradient (ExtractDiag with the same offset and axes). */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            int nd = inputs.get(0).ndim();
            int lo = nd == 1 ? 0 : Math.min(axis1, axis2), hi = nd == 1 ? 1 : Math.max(axis1, axis2);
            return List.of(new ExtractDiag(offset, lo, hi).call(outputGrads.get(0)));
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            return List.of(call(ev.get(0)));
        }

        @Override
        protected List<Object> props() { return new ArrayList<>(List.of(offset, axis1, axis2, nlinalg)); }

        @Override
        public String toString() { return nlinalg ? "AllocDiag" : "AllocDiag{offset=" + offset + ", axis1=" + axis1 + ", axis2=" + axis2 + "}"; }
    }
}
