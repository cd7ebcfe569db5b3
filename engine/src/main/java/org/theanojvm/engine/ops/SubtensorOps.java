package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * Basic indexing (integers and slices, constant or symbolic): Subtensor and IncSubtensor (set_subtensor
 * / inc_subtensor and the gradient of Subtensor). Index values are op inputs (int scalars, constants for
 * Python ints, as Theano's make_constant does), so one op instance serves every index value.
 */
public final class SubtensorOps {
    private SubtensorOps() {}

    /** One entry of an index list: an integer (drops the axis) or a slice with optional parts. */
    public sealed interface Entry extends java.io.Serializable permits Index, Slice {}

    /** An integer index: a Long, Integer or an int scalar Variable. */
    public record Index(Object value) implements Entry {}

    /** A slice; each part is null (absent), a Long/Integer or an int scalar Variable. */
    public record Slice(Object start, Object stop, Object step) implements Entry {}

    public static Index idx(Object v) { return new Index(v); }

    public static Slice slice(Object start, Object stop, Object step) { return new Slice(start, stop, step); }

    /** The full slice {@code :}. */
    public static Slice all() { return new Slice(null, null, null); }

    /** Index-list description kept in the op: per entry, null for absent slice parts, else the index dtype. */
    record Spec(List<Object> pattern) implements java.io.Serializable {
        /** Each element: DType (an Index), or DType[3] (a Slice, nulls for absent parts). */
        int nInputs() {
            int n = 0;
            for (Object p : pattern) {
                if (p instanceof DType) n++;
                else for (DType d : (DType[]) p) if (d != null) n++;
            }
            return n;
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < pattern.size(); i++) {
                if (i > 0) sb.append(", ");
                Object p = pattern.get(i);
                if (p instanceof DType d) {
                    sb.append(d);
                } else {
                    DType[] s = (DType[]) p;
                    for (int k = 0; k < 3; k++) {
                        if (k > 0) sb.append(':');
                        if (s[k] != null) sb.append(s[k]);
                    }
                }
            }
            return sb.toString();
        }

        boolean sameAs(Spec o) {
            if (o.pattern.size() != pattern.size()) return false;
            for (int i = 0; i < pattern.size(); i++) {
                Object a = pattern.get(i), b = o.pattern.get(i);
                if (a instanceof DType) {
                    if (a != b) return false;
                } else if (!(b instanceof DType[] bb) || !java.util.Arrays.equals((DType[]) a, bb)) {
                    return false;
                }
            }
            return true;
        }

        int hash() {
            int h = 1;
            for (Object p : pattern) h = h * 31 + (p instanceof DType d ? d.hashCode() : java.util.Arrays.hashCode((DType[]) p));
            return h;
        }
    }

    /** Turns user entries into the op's spec plus the index input variables. */
    static Spec specOf(List<Entry> entries, List<Variable> indexInputs) {
        List<Object> pattern = new ArrayList<>();
        for (Entry e : entries) {
            if (e instanceof Index ix) {
                Variable v = indexVar(ix.value());
                pattern.add(v.dtype());
                indexInputs.add(v);
            } else {
                Slice s = (Slice) e;
                Object[] parts = {s.start(), s.stop(), s.step()};
                DType[] d = new DType[3];
                for (int k = 0; k < 3; k++) {
                    if (parts[k] == null) continue;
                    Variable v = indexVar(parts[k]);
                    d[k] = v.dtype();
                    indexInputs.add(v);
                }
                pattern.add(d);
            }
        }
        return new Spec(pattern);
    }

    static Variable indexVar(Object o) {
        Variable v;
        if (o instanceof Variable var) v = var;
        else if (o instanceof Number n) v = T.constant(NdArray.scalarLong(DType.INT64, n.longValue()));
        else throw new TheanoTypeError("Expected an integer or an integer scalar variable as index, got " + o);
        if (v.ndim() != 0 || !(v.dtype().isInteger())) {
            throw new TheanoTypeError("TensorType{" + v.dtype() + ", " + v.ndim() + "D} indices are not supported by basic indexing"
                    + " (use an integer scalar): " + v);
        }
        return v;
    }

    /** Output broadcastable pattern of x indexed by spec. */
    static boolean[] outBroadcastable(TensorType t, Spec spec, List<Variable> idxInputs) {
        if (spec.pattern.size() > t.ndim()) {
            throw new TheanoValueError("The index list is longer (size " + spec.pattern.size() + ") than the number of dimensions of the tensor(namely "
                    + t.ndim() + "). You are asking for a dimension of the tensor that does not exist! You might need to use dimshuffle to add extra dimension to your tensor.");
        }
        List<Boolean> b = new ArrayList<>();
        int k = 0;
        for (int d = 0; d < t.ndim(); d++) {
            if (d < spec.pattern.size()) {
                Object p = spec.pattern.get(d);
                if (p instanceof DType) {
                    k++;
                    continue;
                }
                DType[] s = (DType[]) p;
                boolean startZero = true;
                for (int j = 0; j < 3; j++) {
                    if (s[j] == null) continue;
                    Variable iv = idxInputs.get(k++);
                    if (j == 0) startZero = iv instanceof Constant c && c.data().itemLong() == 0;
                    else startZero = false; // a stop or step may cut a broadcastable dim to length 0
                }
                b.add(t.broadcastable(d) && startZero);
            } else {
                b.add(t.broadcastable(d));
            }
        }
        boolean[] r = new boolean[b.size()];
        for (int i = 0; i < r.length; i++) r[i] = b.get(i);
        return r;
    }

    /** Applies the spec to an array with the index values from {@code idx} (a view). */
    static NdArray view(NdArray x, Spec spec, NdArray[] idx, int idxStart) {
        NdArray v = x;
        int axis = 0;
        int k = idxStart;
        for (Object p : spec.pattern) {
            if (p instanceof DType) {
                v = v.index(axis, idx[k++].itemLong());
            } else {
                DType[] s = (DType[]) p;
                Long start = s[0] == null ? null : idx[k++].itemLong();
                Long stop = s[1] == null ? null : idx[k++].itemLong();
                Long step = s[2] == null ? null : idx[k++].itemLong();
                long[] r = sliceIndices(start, stop, step, v.shape(axis));
                v = v.slice(axis, r[0], r[1], r[2]);
                axis++;
            }
        }
        return v;
    }

    /** Python's slice(start, stop, step).indices(n). */
    public static long[] sliceIndices(Long start, Long stop, Long step, long n) {
        long st = step == null ? 1 : step;
        if (st == 0) throw new TheanoValueError("slice step cannot be zero");
        long lower = st < 0 ? -1 : 0;
        long upper = st < 0 ? n - 1 : n;
        long a, b;
        if (start == null) a = st < 0 ? upper : lower;
        else {
            a = start < 0 ? start + n : start;
            a = a < lower ? lower : Math.min(a, upper);
        }
        if (stop == null) b = st < 0 ? lower : upper;
        else {
            b = stop < 0 ? stop + n : stop;
            b = b < lower ? lower : Math.min(b, upper);
        }
        return new long[] {a, b, st};
    }

    /** x[idx...] with integers and slices (printed e.g. {@code Subtensor{int64:int64:}}). */
    public static final class Subtensor extends Op {
        final Spec spec;

        Subtensor(Spec spec) { this.spec = spec; }

        /** Builds x[entries]. */
        public static Variable apply(Variable x, List<Entry> entries) {
            List<Variable> ins = new ArrayList<>();
            Spec s = specOf(entries, ins);
            ins.add(0, x);
            return new Subtensor(s).makeNode(ins).outputs().get(0);
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0);
            List<Variable> idx = inputs.subList(1, inputs.size());
            if (idx.size() != spec.nInputs()) throw new TheanoTypeError("Subtensor expected " + spec.nInputs() + " index inputs, got " + idx.size());
            boolean[] b = outBroadcastable(x.tensorType(), spec, idx);
            return new Apply(this, inputs, List.of(new TensorType(x.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            return new NdArray[] {view(in[0], spec, in, 1)};
        }

        /** For {@code x[k:]} with a constant k (no stop, no step): k; otherwise Long.MIN_VALUE (scan's save-memory rewrite). */
        public static long constantOpenSliceStart(Apply node) {
            Long k = onlyEntryConstant(node);
            return k != null && onlyEntry(node) instanceof DType[] d && d[1] == null && d[2] == null ? k : Long.MIN_VALUE;
        }

        /** Whether node is {@code x[-1]} with a constant index (what scan's save-memory rewrite looks for). */
        public static boolean readsLastAlongFirstAxis(Apply node) {
            return onlyEntry(node) instanceof DType && Long.valueOf(-1).equals(onlyEntryConstant(node));
        }

        /** The one entry of a Subtensor node indexing only the first axis (DType or DType[3]), else null. */
        private static Object onlyEntry(Apply node) {
            return node.op() instanceof Subtensor s && s.spec.pattern().size() == 1 ? s.spec.pattern().get(0) : null;
        }

        /** Its first index input (an index, or a slice's start) when that is a constant scalar, else null. */
        private static Long onlyEntryConstant(Apply node) {
            if (onlyEntry(node) == null || node.inputs().size() < 2) return null;
            return node.inputs().get(1) instanceof Constant c && c.data().ndim() == 0 ? c.data().itemLong() : null;
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            boolean[][] p = new boolean[node.inputs().size()][1];
            p[0][0] = true;
            return p;
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
                r.add(new IncSubtensor(spec, false).makeNode(ins).outputs().get(0));
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
        protected List<Object> props() { return List.of(new SpecKey(spec)); }

        @Override
        public String toString() { return "Subtensor{" + spec.text() + "}"; }
    }

    /** The IncSubtensor matching a Subtensor's index list (for set_subtensor(x[...], y)). */
    public static IncSubtensor incSubtensorFor(Subtensor st, boolean set) { return new IncSubtensor(st.spec, set); }

    /** Equality wrapper for a spec (arrays inside). */
    record SpecKey(Spec spec) {
        @Override
        public boolean equals(Object o) { return o instanceof SpecKey k && k.spec.sameAs(spec); }

        @Override
        public int hashCode() { return spec.hash(); }
    }

    /** set_subtensor / inc_subtensor on a copy of x (printed {@code IncSubtensor{Set;int64}}). */
    public static final class IncSubtensor extends Op {
        final Spec spec;
        final boolean set;

        IncSubtensor(Spec spec, boolean set) {
            this.spec = spec;
            this.set = set;
        }

        /** Builds set_subtensor(x[entries], y) (set) or inc_subtensor(x[entries], y). */
        public static Variable apply(Variable x, List<Entry> entries, Variable y, boolean set) {
            List<Variable> idx = new ArrayList<>();
            Spec s = specOf(entries, idx);
            List<Variable> ins = new ArrayList<>();
            ins.add(x);
            ins.add(y);
            ins.addAll(idx);
            return new IncSubtensor(s, set).makeNode(ins).outputs().get(0);
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), y = inputs.get(1);
            boolean[] sub = outBroadcastable(x.tensorType(), spec, inputs.subList(2, inputs.size()));
            if (y.ndim() > sub.length) {
                throw new TheanoValueError("Trying to increment a " + sub.length + "-dimensional subtensor with a " + y.ndim() + "-dimensional value.");
            }
            if (DType.upcast(x.dtype(), y.dtype()) != x.dtype()) {
                throw new TheanoTypeError("Cannot set/increment a " + x.dtype() + " subtensor with " + y.dtype() + " values without loss of precision; cast y first");
            }
            return new Apply(this, inputs, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray out = in[0].copy();
            NdArray v = view(out, spec, in, 2);
            NdArray y = in[1];
            try {
                y = y.broadcastTo(v.shape());
            } catch (TheanoValueError e) {
                throw new TheanoValueError("could not broadcast input array from shape " + NdArray.shapeString(in[1].shape()) + " into shape "
                        + NdArray.shapeString(v.shape()));
            }
            if (set) v.assign(y);
            else addInto(v, y);
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            boolean[][] p = new boolean[node.inputs().size()][1];
            p[0][0] = true;
            p[1][0] = true;
            return p;
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), y = inputs.get(1), g = outputGrads.get(0);
            List<Variable> idx = inputs.subList(2, inputs.size());
            List<Variable> r = new ArrayList<>();
            Subtensor sub = new Subtensor(spec);
            List<Variable> sins = new ArrayList<>();
            sins.add(g);
            sins.addAll(idx);
            Variable gSub = sub.makeNode(sins).outputs().get(0);
            if (x.dtype().isDiscrete()) {
                r.add(T.zerosLikeFloat(x));
            } else if (set) {
                List<Variable> ins = new ArrayList<>();
                ins.add(g);
                ins.add(T.zerosLike(y));
                ins.addAll(idx);
                r.add(new IncSubtensor(spec, true).makeNode(ins).outputs().get(0));
            } else {
                r.add(g);
            }
            r.add(y.dtype().isDiscrete() ? T.zerosLikeFloat(y) : sumGradOverBroadcast(y, gSub));
            for (int i = 0; i < idx.size(); i++) r.add(DisconnectedType.make());
            return r;
        }

        @Override
        protected List<Object> props() { return List.of(new SpecKey(spec), set); }

        @Override
        public String toString() { return "IncSubtensor{" + (set ? "Set" : "Inc") + ";" + spec.text() + "}"; }
    }

    /** Theano's _sum_grad_over_bcasted_dims: reduce a gradient to y's rank and broadcastable pattern. */
    static Variable sumGradOverBroadcast(Variable y, Variable g) {
        if (g.ndim() > y.ndim()) {
            int extra = g.ndim() - y.ndim();
            int[] axes = new int[extra];
            for (int i = 0; i < extra; i++) axes[i] = i;
            g = T.sum(g, axes, false, null, null);
        }
        boolean[] yb = y.broadcastable();
        boolean[] gb = g.broadcastable();
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < yb.length; d++) if (yb[d] && !gb[d]) axes.add(d);
        if (!axes.isEmpty()) g = T.sum(g, axes.stream().mapToInt(Integer::intValue).toArray(), true, null, null);
        return g;
    }

    // ------------------------------------------------------------------ advanced indexing along axis 0 by an int vector

    /** x[ilist] for an integer vector ilist (printed {@code AdvancedSubtensor1}). */
    public static final class AdvancedSubtensor1 extends Op {
        public static final AdvancedSubtensor1 INSTANCE = new AdvancedSubtensor1();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), il = inputs.get(1);
            if (il.ndim() != 1) throw new TheanoTypeError("index must be vector");
            if (!il.dtype().isInteger()) throw new TheanoTypeError("index must be integers");
            if (x.ndim() == 0) throw new TheanoTypeError("cannot index into a scalar");
            boolean[] b = x.broadcastable();
            b[0] = il.broadcastable()[0];
            return new Apply(this, inputs, List.of(new TensorType(x.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray x = in[0];
            long[] il = in[1].toLongArray();
            long[] os = x.shape();
            os[0] = il.length;
            NdArray out = NdArray.empty(x.dtype(), os);
            for (int j = 0; j < il.length; j++) {
                checkIndex(il[j], x.shape(0));
                out.index(0, j).assign(x.index(0, il[j]));
            }
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0);
            Variable gx = x.dtype().isDiscrete() ? T.zerosLikeFloat(x)
                    : new AdvancedIncSubtensor1(false).call(T.zerosLike(x), outputGrads.get(0), inputs.get(1));
            return List.of(gx, DisconnectedType.make());
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            return List.of(call(ev.get(0), inputs.get(1)));
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "AdvancedSubtensor1"; }
    }

    /** dst += src elementwise (same shape), in the exact domain of the dtypes. */
    static void addInto(NdArray dst, NdArray src) { dst.addAssign(src); }

    static void checkIndex(long i, long n) {
        if (i >= n || i < -n) throw new TheanoIndexError("index " + i + " is out of bounds for axis 0 with size " + n);
    }

    /** x with x[ilist] set to / incremented by y; repeated indices accumulate (printed {@code AdvancedIncSubtensor1{no_inplace,inc}}). */
    public static final class AdvancedIncSubtensor1 extends Op {
        private final boolean set;

        public AdvancedIncSubtensor1(boolean set) { this.set = set; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), y = inputs.get(1), il = inputs.get(2);
            if (il.ndim() != 1 || !il.dtype().isInteger()) throw new TheanoTypeError("index must be vector of integers");
            if (y.ndim() > x.ndim()) {
                throw new TheanoTypeError("cannot " + (set ? "set" : "increment") + " x subtensor with ndim=" + x.ndim() + " by y with ndim=" + y.ndim() + ".");
            }
            return new Apply(this, inputs, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray out = in[0].copy();
            long[] il = in[2].toLongArray();
            long[] ys = out.shape();
            ys[0] = il.length;
            NdArray y = in[1].broadcastTo(ys);
            for (int j = 0; j < il.length; j++) {
                checkIndex(il[j], out.shape(0));
                NdArray dst = out.index(0, il[j]);
                NdArray src = y.index(0, j);
                if (set) dst.assign(src);
                else addInto(dst, src);
            }
            return new NdArray[] {out};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {true}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), y = inputs.get(1), il = inputs.get(2), g = outputGrads.get(0);
            Variable gx = set ? new AdvancedIncSubtensor1(true).call(g, T.zerosLike(y), il) : g;
            if (x.dtype().isDiscrete()) gx = T.zerosLikeFloat(x);
            Variable gy = y.dtype().isDiscrete() ? T.zerosLikeFloat(y) : sumGradOverBroadcast(y, AdvancedSubtensor1.INSTANCE.call(g, il));
            return List.of(gx, gy, DisconnectedType.make());
        }

        @Override
        protected List<Object> props() { return List.of(set); }

        @Override
        public String toString() { return "AdvancedIncSubtensor1{no_inplace," + (set ? "set" : "inc") + "}"; }
    }
}
