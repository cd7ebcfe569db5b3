package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.Broadcast;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ndarray.Strided;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * NumPy advanced indexing: {@code AdvancedSubtensor} (x[i, j], x[:, i], x[mask], mixed with slices and
 * newaxis) and {@code AdvancedIncSubtensor} (set_subtensor / inc_subtensor on such an index, and the
 * gradient of AdvancedSubtensor).
 *
 * <p>The op keeps the static shape of the index list (which entries are arrays, slices with which parts,
 * or newaxis); array values and slice bounds are inputs, so one op serves all values. Both ops share one
 * mechanism: {@link #plan} turns the runtime index values into the output shape plus the byte offset in
 * the indexed array of every output element (C order); gathering reads those offsets, scattering writes
 * them. Boolean masks are replaced by their nonzero() coordinates first, exactly as NumPy does.
 *
 * <p>Theano 1.0's {@code __getitem__} refuses boolean masks with a TypeError ({@link #BOOL_MASK_MESSAGE});
 * the op itself accepts them (NumPy semantics, as later Theano versions do): the shim decides.
 */
public final class AdvancedIndexing {
    private AdvancedIndexing() {}

    /** Theano 1.0's text when {@code x[mask]} is attempted through {@code __getitem__}. */
    public static final String BOOL_MASK_MESSAGE = "TensorType does not support boolean mask for indexing such as tensor[x==0]. "
            + "Instead you can use non_zeros() such as tensor[(x == 0).nonzeros()]. If you are indexing on purpose with an int8, "
            + "please cast it to int16.";

    /** Marker for numpy.newaxis (None) in an index list. */
    public static final Object NEWAXIS = new Object() {
        @Override
        public String toString() { return "newaxis"; }
    };

    /** Static description of one index entry. */
    public sealed interface Kind extends java.io.Serializable permits Arr, Sl, NewAxis {}

    /** An index array (integer, or boolean mask) given as an input. */
    public record Arr() implements Kind {}

    /** A slice; each present part is an int scalar input. */
    public record Sl(boolean start, boolean stop, boolean step) implements Kind {
        int nInputs() { return (start ? 1 : 0) + (stop ? 1 : 0) + (step ? 1 : 0); }
    }

    /** numpy.newaxis. */
    public record NewAxis() implements Kind {}

    /**
     * Converts user entries (Variables/arrays/numbers = index arrays, {@link SubtensorOps.Slice}, null or
     * {@link #NEWAXIS}) into kinds plus the op's index inputs.
     */
    public static List<Kind> kindsOf(List<Object> entries, List<Variable> indexInputs) {
        List<Kind> kinds = new ArrayList<>();
        for (Object e : entries) {
            if (e == null || e == NEWAXIS) {
                kinds.add(new NewAxis());
            } else if (e instanceof SubtensorOps.Slice s) {
                Object[] parts = {s.start(), s.stop(), s.step()};
                for (Object p : parts) if (p != null) indexInputs.add(SubtensorOps.indexVar(p));
                kinds.add(new Sl(parts[0] != null, parts[1] != null, parts[2] != null));
            } else if (e instanceof SubtensorOps.Index ix) {
                indexInputs.add(asIndexArray(ix.value()));
                kinds.add(new Arr());
            } else {
                indexInputs.add(asIndexArray(e));
                kinds.add(new Arr());
            }
        }
        return kinds;
    }

    private static Variable asIndexArray(Object o) {
        Variable v = o instanceof Number n ? T.constant(NdArray.scalarLong(DType.INT64, n.longValue())) : T.asTensorVariable(o);
        if (!v.dtype().isDiscrete()) throw new TheanoTypeError("index must be integers");
        return v;
    }

    /** Checks the index inputs against the kinds; returns the output broadcastable pattern. */
    static boolean[] outBroadcastable(Variable x, List<Kind> kinds, List<Variable> idx) {
        int nx = x.ndim();
        int consumed = 0;
        int k = 0;
        for (Kind kd : kinds) {
            if (kd instanceof Arr) {
                Variable a = idx.get(k++);
                if (!a.dtype().isDiscrete()) throw new TheanoTypeError("index must be integers");
                if (a.dtype().isBool() && a.ndim() == 0) throw new TheanoTypeError("0-d boolean indices are not supported");
                consumed += a.dtype().isBool() ? a.ndim() : 1;
            } else if (kd instanceof Sl s) {
                for (int j = 0; j < s.nInputs(); j++) {
                    Variable p = idx.get(k++);
                    if (p.ndim() != 0 || !p.dtype().isInteger()) throw new TheanoTypeError("slice indices must be integer scalars, got " + p.type());
                }
                consumed++;
            }
        }
        if (k != idx.size()) throw new TheanoTypeError("AdvancedSubtensor expected " + k + " index inputs, got " + idx.size());
        if (consumed > nx) {
            throw new TheanoIndexError("too many indices for array: array is " + nx + "-dimensional, but " + consumed + " were indexed");
        }
        // Walk once more to place the dimensions as NumPy does.
        int advNdim = 0;
        List<Boolean> before = new ArrayList<>(), after = new ArrayList<>();
        boolean seenAdv = false, adjacent = true, gap = false;
        int ax = 0;
        k = 0;
        for (Kind kd : kinds) {
            if (kd instanceof Arr) {
                Variable a = idx.get(k++);
                advNdim = Math.max(advNdim, a.dtype().isBool() ? 1 : a.ndim());
                if (seenAdv && gap) adjacent = false;
                seenAdv = true;
                ax += a.dtype().isBool() ? a.ndim() : 1;
            } else {
                boolean b;
                if (kd instanceof Sl s) {
                    boolean full = !s.stop() && !s.step();
                    if (s.start()) full &= idx.get(k) instanceof Constant c && c.data().itemLong() == 0;
                    k += s.nInputs();
                    b = full && x.broadcastable()[ax];
                    ax++;
                } else {
                    b = true;
                }
                if (seenAdv) gap = true;
                (seenAdv ? after : before).add(b);
            }
        }
        for (int d = ax; d < nx; d++) (seenAdv ? after : before).add(x.broadcastable()[d]);
        List<Boolean> out = new ArrayList<>();
        if (seenAdv && !adjacent) {
            for (int i = 0; i < advNdim; i++) out.add(false);
            out.addAll(before);
            out.addAll(after);
        } else {
            out.addAll(before);
            for (int i = 0; i < advNdim; i++) out.add(false);
            out.addAll(after);
        }
        boolean[] r = new boolean[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    /** The result of applying an index list to an array: output shape and source byte offsets in C order. */
    record Plan(long[] shape, long[] offsets) {}

    /** One output dimension: strided (size, byte stride) or a table of byte offsets (the broadcast index arrays). */
    private record Dim(long size, long stride, long[] table) {}

    /**
     * NumPy's advanced indexing of {@code x} (any strides) by the index values {@code in[start...]}
     * described by {@code kinds}.
     */
    static Plan plan(NdArray x, List<Kind> kinds, NdArray[] in, int start) {
        int nx = x.ndim();
        long[] xs = x.shape(), xst = x.strides();
        long base = x.offset();
        List<Dim> before = new ArrayList<>(), after = new ArrayList<>();
        List<long[]> advIdx = new ArrayList<>(); // per advanced entry: {axis}
        List<NdArray> advArr = new ArrayList<>();
        boolean seenAdv = false, adjacent = true, gap = false;
        int ax = 0, k = start;
        for (Kind kd : kinds) {
            if (kd instanceof Arr) {
                NdArray a = in[k++];
                if (seenAdv && gap) adjacent = false;
                seenAdv = true;
                if (a.dtype().isBool()) {
                    for (int d = 0; d < a.ndim(); d++) {
                        if (a.shape(d) != xs[ax + d]) {
                            throw new TheanoIndexError("boolean index did not match indexed array along dimension " + (ax + d) + "; dimension is "
                                    + xs[ax + d] + " but corresponding boolean dimension is " + a.shape(d));
                        }
                    }
                    for (NdArray nz : nonzero(a)) {
                        advIdx.add(new long[] {ax++});
                        advArr.add(nz);
                    }
                } else {
                    advIdx.add(new long[] {ax++});
                    advArr.add(a);
                }
            } else {
                Dim dim;
                if (kd instanceof Sl s) {
                    Long st = s.start() ? in[k++].itemLong() : null;
                    Long sp = s.stop() ? in[k++].itemLong() : null;
                    Long sg = s.step() ? in[k++].itemLong() : null;
                    long[] r = SubtensorOps.sliceIndices(st, sp, sg, xs[ax]);
                    long len = r[2] > 0 ? Math.max(0, (r[1] - r[0] + r[2] - 1) / r[2]) : Math.max(0, (r[0] - r[1] - r[2] - 1) / -r[2]);
                    if (len > 0) base += r[0] * xst[ax];
                    dim = new Dim(len, xst[ax] * r[2], null);
                    ax++;
                } else {
                    dim = new Dim(1, 0, null);
                }
                if (seenAdv) gap = true;
                (seenAdv ? after : before).add(dim);
            }
        }
        for (int d = ax; d < nx; d++) (seenAdv ? after : before).add(new Dim(xs[d], xst[d], null));
        List<Dim> dims = new ArrayList<>();
        long[] advShape = new long[0];
        if (seenAdv) {
            long[][] shapes = new long[advArr.size()][];
            for (int i = 0; i < shapes.length; i++) shapes[i] = advArr.get(i).shape();
            try {
                advShape = Broadcast.shape(shapes);
            } catch (TheanoValueError e) {
                StringBuilder sb = new StringBuilder("shape mismatch: indexing arrays could not be broadcast together with shapes ");
                for (long[] s : shapes) sb.append(NdArray.shapeString(s)).append(' ');
                throw new TheanoIndexError(sb.toString());
            }
            long n = Strided.size(advShape);
            long[] table = new long[(int) n];
            for (int i = 0; i < advArr.size(); i++) {
                int axis = (int) advIdx.get(i)[0];
                long[] vals = advArr.get(i).broadcastTo(advShape).toLongArray();
                for (int j = 0; j < n; j++) {
                    long v = vals[j];
                    if (v >= xs[axis] || v < -xs[axis]) {
                        throw new TheanoIndexError("index " + v + " is out of bounds for axis " + axis + " with size " + xs[axis]);
                    }
                    table[j] += (v < 0 ? v + xs[axis] : v) * xst[axis];
                }
            }
            Dim adv = new Dim(n, 0, table);
            if (adjacent) {
                dims.addAll(before);
                dims.add(adv);
                dims.addAll(after);
            } else {
                dims.add(adv);
                dims.addAll(before);
                dims.addAll(after);
            }
        } else {
            dims.addAll(before);
            dims.addAll(after);
        }
        // The output shape expands the table dimension back to the broadcast index shape.
        List<Long> shape = new ArrayList<>();
        for (Dim d : dims) {
            if (d.table != null) for (long s : advShape) shape.add(s);
            else shape.add(d.size);
        }
        long total = 1;
        for (Dim d : dims) total *= d.size;
        long[] offs = new long[(int) total];
        long[] idx = new long[dims.size()];
        for (int o = 0; o < total; o++) {
            long off = base;
            for (int d = 0; d < idx.length; d++) {
                Dim dm = dims.get(d);
                off += dm.table != null ? dm.table[(int) idx[d]] : idx[d] * dm.stride;
            }
            offs[o] = off;
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < dims.get(d).size) break;
                idx[d] = 0;
            }
        }
        return new Plan(shape.stream().mapToLong(Long::longValue).toArray(), offs);
    }

    /** numpy.nonzero: one int64 vector of coordinates per dimension, in C order. */
    public static NdArray[] nonzero(NdArray a) {
        int nd = a.ndim();
        long[] offs = a.elementOffsets();
        List<long[]> hits = new ArrayList<>();
        long[] idx = new long[nd];
        for (long off : offs) {
            if (a.readBoolean(off)) hits.add(idx.clone());
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < a.shape(d)) break;
                idx[d] = 0;
            }
        }
        NdArray[] r = new NdArray[nd];
        for (int d = 0; d < nd; d++) {
            long[] v = new long[hits.size()];
            for (int i = 0; i < v.length; i++) v[i] = hits.get(i)[d];
            r[d] = NdArray.fromLongs(DType.INT64, new long[] {v.length}, v);
        }
        return r;
    }

    /** x[indices...] with NumPy advanced-indexing semantics (printed {@code AdvancedSubtensor}). */
    public static final class AdvancedSubtensor extends Op {
        final List<Kind> kinds;

        public AdvancedSubtensor(List<Kind> kinds) { this.kinds = List.copyOf(kinds); }

        /** Builds x[entries] (see {@link #kindsOf} for the entry forms). */
        public static Variable apply(Variable x, List<Object> entries) {
            List<Variable> ins = new ArrayList<>();
            List<Kind> k = kindsOf(entries, ins);
            ins.add(0, x);
            return new AdvancedSubtensor(k).makeNode(ins).outputs().get(0);
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0);
            boolean[] b = outBroadcastable(x, kinds, inputs.subList(1, inputs.size()));
            return new Apply(this, inputs, List.of(new TensorType(x.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray x = in[0];
            Plan p = plan(x, kinds, in, 1);
            NdArray out = NdArray.empty(x.dtype(), p.shape);
            long item = x.dtype().itemsize();
            for (int i = 0; i < p.offsets.length; i++) NdArray.copyElement(x, p.offsets[i], out, i * item);
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            boolean[][] c = new boolean[node.inputs().size()][1];
            c[0][0] = true;
            return c;
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0);
            List<Variable> rest = inputs.subList(1, inputs.size());
            List<Variable> r = new ArrayList<>();
            if (x.dtype().isDiscrete()) {
                r.add(T.zerosLikeFloat(x));
            } else {
                List<Variable> ins = new ArrayList<>();
                ins.add(T.zerosLike(x));
                ins.add(outputGrads.get(0));
                ins.addAll(rest);
                r.add(new AdvancedIncSubtensor(kinds, false).makeNode(ins).outputs().get(0));
            }
            for (int i = 0; i < rest.size(); i++) r.add(DisconnectedType.make());
            return r;
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            List<Variable> ins = new ArrayList<>(inputs);
            ins.set(0, ev.get(0));
            return List.of(makeNode(ins).outputs().get(0));
        }

        @Override
        protected List<Object> props() { return List.of(kinds); }

        @Override
        public String toString() { return "AdvancedSubtensor"; }
    }

    /**
     * A copy of x with x[indices...] set to, or incremented by, y; repeated indices accumulate when
     * incrementing (numpy.add.at). Printed as Theano 1.0 does, double space included:
     * {@code AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=False}}.
     */
    public static final class AdvancedIncSubtensor extends Op {
        final List<Kind> kinds;
        final boolean set;

        public AdvancedIncSubtensor(List<Kind> kinds, boolean set) {
            this.kinds = List.copyOf(kinds);
            this.set = set;
        }

        /** The AdvancedIncSubtensor for the index list of an AdvancedSubtensor node. */
        public static AdvancedIncSubtensor forSubtensor(AdvancedSubtensor st, boolean set) { return new AdvancedIncSubtensor(st.kinds, set); }

        /** Builds set_subtensor(x[entries], y) (set) or inc_subtensor(x[entries], y). */
        public static Variable apply(Variable x, List<Object> entries, Variable y, boolean set) {
            List<Variable> idx = new ArrayList<>();
            List<Kind> k = kindsOf(entries, idx);
            List<Variable> ins = new ArrayList<>();
            ins.add(x);
            ins.add(y);
            ins.addAll(idx);
            return new AdvancedIncSubtensor(k, set).makeNode(ins).outputs().get(0);
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), y = inputs.get(1);
            boolean[] sub = outBroadcastable(x, kinds, inputs.subList(2, inputs.size()));
            if (y.ndim() > sub.length) {
                throw new TheanoValueError("Trying to increment a " + sub.length + "-dimensional subtensor with a " + y.ndim() + "-dimensional value.");
            }
            if (DType.upcast(x.dtype(), y.dtype()) != x.dtype()) {
                throw new TheanoTypeError("Cannot set/increment a " + x.dtype() + " subtensor with " + y.dtype()
                        + " values without loss of precision; cast y first");
            }
            return new Apply(this, inputs, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray out = in[0].copy();
            Plan p = plan(out, kinds, in, 2);
            NdArray y;
            try {
                y = in[1].broadcastTo(p.shape);
            } catch (TheanoValueError e) {
                throw new TheanoValueError("shape mismatch: value array of shape " + NdArray.shapeString(in[1].shape())
                        + " could not be broadcast to indexing result of shape " + NdArray.shapeString(p.shape));
            }
            long[] yo = y.elementOffsets();
            boolean fl = out.dtype().isFloat() || y.dtype().isFloat();
            for (int i = 0; i < yo.length; i++) {
                long o = p.offsets[i];
                if (set) NdArray.copyElement(y, yo[i], out, o);
                else if (fl) out.writeDouble(o, out.readDouble(o) + y.readDouble(yo[i]));
                else out.writeLong(o, out.readLong(o) + y.readLong(yo[i]));
            }
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            boolean[][] c = new boolean[node.inputs().size()][1];
            c[0][0] = true;
            c[1][0] = true;
            return c;
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), y = inputs.get(1), g = outputGrads.get(0);
            List<Variable> idx = inputs.subList(2, inputs.size());
            List<Variable> r = new ArrayList<>();
            if (x.dtype().isDiscrete()) {
                r.add(T.zerosLikeFloat(x));
                r.add(T.zerosLikeFloat(y));
            } else {
                if (set) {
                    List<Variable> ins = new ArrayList<>();
                    ins.add(g);
                    ins.add(T.zerosLike(y));
                    ins.addAll(idx);
                    r.add(new AdvancedIncSubtensor(kinds, true).makeNode(ins).outputs().get(0));
                } else {
                    r.add(g);
                }
                List<Variable> sins = new ArrayList<>();
                sins.add(g);
                sins.addAll(idx);
                Variable gy = new AdvancedSubtensor(kinds).makeNode(sins).outputs().get(0);
                r.add(SubtensorOps.sumGradOverBroadcast(y, gy));
            }
            for (int i = 0; i < idx.size(); i++) r.add(DisconnectedType.make());
            return r;
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            Variable ex = ev.get(0), ey = ev.get(1);
            if (ex == null && ey == null) return Collections.singletonList(null);
            List<Variable> ins = new ArrayList<>(inputs);
            Variable x = inputs.get(0), y = inputs.get(1);
            ins.set(0, ex == null ? T.zerosLike(x) : ex);
            ins.set(1, ey == null ? T.zerosLike(y) : ey);
            return List.of(makeNode(ins).outputs().get(0));
        }

        @Override
        protected List<Object> props() { return Arrays.asList(kinds, set); }

        @Override
        public String toString() { return "AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=" + (set ? "True" : "False") + "}"; }
    }
}
