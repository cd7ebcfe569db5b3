package org.theanojvm.engine.nnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * theano.tensor.signal.pool (Theano 1.0): the N-D {@code Pool} op over the last {@code ndim} axes with
 * ws/stride/pad as symbolic int-vector inputs, and its gradient ops {@code MaxPoolGrad},
 * {@code AveragePoolGrad} and {@code DownsampleFactorMaxGradGrad}. pool_2d and pool_3d are the same
 * ops with ndim 2 and 3. Printed as Theano prints them: {@code Pool{ignore_border=True, mode='max', ndim=2}}.
 *
 * <p>The pooling regions are exactly those of Theano 1.0's Python perform methods, including two quirks
 * kept for identical results: MaxPoolGrad's window starts at max(j*stride, pad) and ends ws later (so
 * with padding it can reach one window-shift past the forward window, mattering only on exact ties),
 * and every element equal to the maximum receives the gradient (ties are not broken).
 */
public abstract class Pool extends Op {
    final boolean ignoreBorder;
    final String mode;
    final int ndim;

    Pool(boolean ignoreBorder, String mode, int ndim) {
        this.ignoreBorder = ignoreBorder;
        this.mode = mode;
        this.ndim = ndim;
    }

    abstract String baseName();

    @Override
    public String toString() {
        return baseName() + "{ignore_border=" + (ignoreBorder ? "True" : "False") + ", mode='" + mode + "', ndim=" + ndim + "}";
    }

    @Override
    protected List<Object> props() { return List.of(ignoreBorder, mode, ndim); }

    /** Theano 1.0's Pool.out_shape for concrete sizes. */
    public static long[] outShape(long[] imgShape, long[] ws, boolean ignoreBorder, long[] stride, long[] pad, int ndim) {
        if (imgShape.length < ndim) throw new TheanoTypeError("imgshape must have at least " + ndim + " dimensions");
        long[] r = imgShape.clone();
        int lead = imgShape.length - ndim;
        for (int i = 0; i < ndim; i++) {
            long v = imgShape[lead + i] + 2 * pad[i], d = ws[i], s = stride[i], o;
            if (ignoreBorder) o = d == s ? Math.floorDiv(v, s) : Math.max(Math.floorDiv(v - d, s) + 1, 0);
            else if (s >= d) o = Math.floorDiv(v - 1, s) + 1;
            else o = Math.max(0, Math.floorDiv(v - 1 - d + s, s)) + 1;
            r[lead + i] = o;
        }
        return r;
    }

    /** Converts a ws/stride/pad argument (long[], int[] or Variable) to an integer vector variable. */
    static Variable intVector(Object v, String what) {
        if (v instanceof int[] a) v = Arrays.stream(a).asLongStream().toArray();
        Variable x = T.asTensorVariable(v);
        if (x.ndim() != 1) throw new TheanoTypeError(what + " must be a vector");
        if (!x.dtype().isInteger()) {
            throw new TheanoTypeError(what.equals("ws") ? "Pool downsample parameters must be ints." : what.equals("stride")
                    ? "Stride parameters must be ints." : "Padding parameters must be ints.");
        }
        return x;
    }

    Variable[] params(Object ws, Object stride, Object pad) {
        if (stride == null) stride = ws;
        if (pad == null) pad = new long[ndim];
        long[] padC = pad instanceof int[] a ? Arrays.stream(a).asLongStream().toArray() : pad instanceof long[] l ? l : null;
        long[] wsC = ws instanceof int[] a ? Arrays.stream(a).asLongStream().toArray() : ws instanceof long[] l ? l : null;
        if (padC != null) {
            // Theano checks constant paddings when the node is built.
            boolean nonzero = Arrays.stream(padC).anyMatch(p -> p != 0);
            if (nonzero && !ignoreBorder) throw new TheanoNotImplementedError("padding works only with ignore_border=True");
            if (wsC != null) {
                for (int i = 0; i < ndim; i++) if (padC[i] >= wsC[i]) throw new TheanoNotImplementedError("padding must be smaller than strides");
            }
        }
        return new Variable[] {intVector(ws, "ws"), intVector(stride, "stride"), intVector(pad, "pad")};
    }

    void checkX(Variable x) {
        if (x.ndim() < ndim) throw new TheanoTypeError("Pool input must have at least " + ndim + " dimensions, got " + x.type());
    }

    static List<Variable> disconnected(int n) {
        List<Variable> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(DisconnectedType.make());
        return r;
    }

    /** ws, stride, pad of a node as longs, checked to have ndim entries. */
    long[][] readParams(NdArray ws, NdArray stride, NdArray pad) {
        long[][] r = {ws.toLongArray(), stride.toLongArray(), pad.toLongArray()};
        for (long[] p : r) {
            if (p.length != ndim) throw new TheanoValueError("ws, stride and pad must have " + ndim + " elements");
        }
        return r;
    }

    // ------------------------------------------------------------------ region iteration

    /**
     * The geometry of one pooling computation: lead = product of the non-pooled dimensions, img/padded
     * the pooled sizes, out the pooled output sizes, and per pooled axis the [start, end) of each window
     * in padded coordinates.
     */
    static final class Regions {
        final int nd;
        final long lead;
        final int[] img, padded, out, pad;
        final int[][] start, end;

        Regions(long[] xShape, long[] outShape, long[] pad, int nd) {
            this.nd = nd;
            int l = xShape.length - nd;
            long ld = 1;
            for (int i = 0; i < l; i++) ld *= xShape[i];
            lead = ld;
            img = new int[nd];
            padded = new int[nd];
            out = new int[nd];
            this.pad = new int[nd];
            start = new int[nd][];
            end = new int[nd][];
            for (int i = 0; i < nd; i++) {
                img[i] = (int) xShape[l + i];
                this.pad[i] = (int) pad[i];
                padded[i] = img[i] + 2 * this.pad[i];
                out[i] = (int) outShape[l + i];
                start[i] = new int[out[i]];
                end[i] = new int[out[i]];
            }
        }

        int imgSize() { return prod(img); }

        int outSize() { return prod(out); }

        static int prod(int[] v) {
            int p = 1;
            for (int x : v) p *= x;
            return p;
        }

        /** Offset in the unpadded image of a padded position, or -1 in the padding. */
        int imgOffset(int[] q) {
            int off = 0;
            for (int i = 0; i < nd; i++) {
                int u = q[i] - pad[i];
                if (u < 0 || u >= img[i]) return -1;
                off = off * img[i] + u;
            }
            return off;
        }

        /** Calls body(outIndex, imgOffset-or-minus-1) for each position of window r (multi-index). */
        void forEachInWindow(int[] r, WindowBody body, int outIndex) {
            int[] q = new int[nd];
            for (int i = 0; i < nd; i++) {
                if (start[i][r[i]] >= end[i][r[i]]) return;
                q[i] = start[i][r[i]];
            }
            while (true) {
                body.at(outIndex, imgOffset(q));
                int i = nd - 1;
                for (; i >= 0; i--) {
                    if (++q[i] < end[i][r[i]]) break;
                    q[i] = start[i][r[i]];
                }
                if (i < 0) return;
            }
        }

        /** Number of positions of window r. */
        int windowSize(int[] r) {
            int n = 1;
            for (int i = 0; i < nd; i++) n *= Math.max(0, end[i][r[i]] - start[i][r[i]]);
            return n;
        }

        /**
         * Every window's cells as offsets into one image (-1 for a padding cell), flattened: window o
         * spans cells[from[o]] .. cells[from[o + 1] - 1]. The geometry is the same for every image of the
         * batch, so it is built once per call and the ops' loops become plain array walks.
         */
        WindowTable table() {
            int n = outSize();
            int[] from = new int[n + 1];
            int[][] cells = {new int[Math.max(16, n * 4)]};
            int[] count = {0};
            forEachWindow((r, o) -> {
                from[o] = count[0];
                forEachInWindow(r, (oi, off) -> {
                    if (count[0] == cells[0].length) cells[0] = Arrays.copyOf(cells[0], cells[0].length * 2);
                    cells[0][count[0]++] = off;
                }, o);
            });
            from[n] = count[0];
            return new WindowTable(from, cells[0]);
        }

        /** Visits every window (multi-index r, flat output index). */
        void forEachWindow(WindowVisitor v) {
            int[] r = new int[nd];
            int n = outSize();
            for (int o = 0; o < n; o++) {
                v.visit(r, o);
                for (int i = nd - 1; i >= 0; i--) {
                    if (++r[i] < out[i]) break;
                    r[i] = 0;
                }
            }
        }
    }

    /** See {@link Regions#table()}. */
    record WindowTable(int[] from, int[] cells) {
        int size(int o) { return from[o + 1] - from[o]; }
    }

    interface WindowBody {
        void at(int outIndex, int imgOffset);
    }

    interface WindowVisitor {
        void visit(int[] r, int outIndex);
    }

    /** Windows of the forward pass: inc_pad keeps padding inside the window, other modes exclude it. */
    static void forwardRegions(Regions g, long[] ws, long[] stride, boolean incPad) {
        for (int i = 0; i < g.nd; i++) {
            for (int j = 0; j < g.out[i]; j++) {
                int st = (int) (j * stride[i]);
                int en = (int) Math.min(st + ws[i], g.padded[i]);
                if (!incPad) {
                    st = Math.max(st, g.pad[i]);
                    en = Math.min(en, g.padded[i] - g.pad[i]);
                }
                g.start[i][j] = st;
                g.end[i][j] = en;
            }
        }
    }

    /** Windows starting at j*stride (shifted past the padding when shiftStart) and ending ws later, clipped. */
    static void shiftedRegions(Regions g, long[] ws, long[] stride, boolean shiftStart) {
        for (int i = 0; i < g.nd; i++) {
            for (int j = 0; j < g.out[i]; j++) {
                int st = (int) (j * stride[i]);
                if (shiftStart) st = Math.max(st, g.pad[i]);
                g.start[i][j] = st;
                g.end[i][j] = (int) Math.min(st + ws[i], g.padded[i]);
            }
        }
    }

    // ------------------------------------------------------------------ Pool

    /** Pool{ignore_border, mode, ndim}(x, ws, stride, pad). */
    public static final class Forward extends Pool {
        public Forward(boolean ignoreBorder, String mode, int ndim) {
            super(ignoreBorder, mode, ndim);
            if (!List.of("max", "sum", "average_inc_pad", "average_exc_pad").contains(mode)) {
                throw new TheanoValueError("Pool mode parameter only support 'max', 'sum', 'average_inc_pad' and 'average_exc_pad'. Got " + mode);
            }
        }

        @Override
        String baseName() { return "Pool"; }

        /** Theano's make_node(x, ws, stride=None, pad=None). */
        public Variable apply(Variable x, Object ws, Object stride, Object pad) {
            Variable[] p = params(ws, stride, pad);
            return call(x, p[0], p[1], p[2]);
        }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0));
            checkX(x);
            boolean[] b = x.broadcastable();
            for (int i = b.length - ndim; i < b.length; i++) b[i] = false;
            List<Variable> ins = List.of(x, intVector(inputs.get(1), "ws"), intVector(inputs.get(2), "stride"), intVector(inputs.get(3), "pad"));
            return new Apply(this, ins, List.of(new TensorType(x.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[][] p = readParams(in[1], in[2], in[3]);
            long[] xs = in[0].shape();
            long[] zs = outShape(xs, p[0], ignoreBorder, p[1], p[2], ndim);
            Regions g = new Regions(xs, zs, p[2], ndim);
            forwardRegions(g, p[0], p[1], mode.equals("average_inc_pad"));
            double[] x = in[0].toDoubleArray();
            double[] z = new double[(int) (g.lead * g.outSize())];
            int isz = g.imgSize(), osz = g.outSize();
            boolean max = mode.equals("max"), sum = mode.equals("sum");
            WindowTable t = g.table();
            int[] from = t.from(), cells = t.cells();
            for (long k = 0; k < g.lead; k++) {
                int xOff = (int) (k * isz), zOff = (int) (k * osz);
                for (int o = 0; o < osz; o++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int c = from[o], e = from[o + 1]; c < e; c++) {
                        int off = cells[c];
                        double v = off < 0 ? 0 : x[xOff + off]; // padding positions hold zeros
                        acc = max ? Math.max(acc, v) : acc + v;
                    }
                    z[zOff + o] = max || sum ? acc : acc / t.size(o);
                }
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), zs, z)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}, {false}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), ws = inputs.get(1), st = inputs.get(2), pad = inputs.get(3), gz = outputGrads.get(0);
            List<Variable> r = new ArrayList<>();
            if (mode.equals("max")) {
                Variable out = call(x, ws, st, pad);
                r.add(new MaxPoolGrad(ignoreBorder, ndim).call(x, out, gz, ws, st, pad));
            } else {
                r.add(new AveragePoolGrad(ignoreBorder, mode, ndim).call(x, gz, ws, st, pad));
            }
            r.addAll(disconnected(3));
            return r;
        }

        /** max: MaxPoolRop; sum and averages are linear, so the R-op is the pooling of the eval point. */
        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return java.util.Collections.singletonList(null);
            List<Variable> in = inputs;
            if (mode.equals("max")) return List.of(new MaxPoolRop(ignoreBorder, ndim).call(in.get(0), ev.get(0), in.get(1), in.get(2), in.get(3)));
            return List.of(call(ev.get(0), in.get(1), in.get(2), in.get(3)));
        }
    }

    // ------------------------------------------------------------------ MaxPoolRop

    /** MaxPoolRop(x, ex, ws, stride, pad): per window, the eval point at the (first) position of x's maximum. */
    public static final class MaxPoolRop extends Pool {
        public MaxPoolRop(boolean ignoreBorder, int ndim) { super(ignoreBorder, "max", ndim); }

        @Override
        String baseName() { return "MaxPoolRop"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0)), ex = T.asTensorVariable(inputs.get(1));
            checkX(x);
            if (ex.ndim() != x.ndim()) throw new TheanoTypeError("MaxPoolRop inputs must have the same rank");
            boolean[] b = x.broadcastable();
            for (int i = b.length - ndim; i < b.length; i++) b[i] = false;
            List<Variable> ins = List.of(x, ex, intVector(inputs.get(2), "ws"), intVector(inputs.get(3), "stride"), intVector(inputs.get(4), "pad"));
            return new Apply(this, ins, List.of(new TensorType(ex.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[][] p = readParams(in[2], in[3], in[4]);
            long[] xs = in[0].shape();
            long[] zs = outShape(xs, p[0], ignoreBorder, p[1], p[2], ndim);
            Regions g = new Regions(xs, zs, p[2], ndim);
            forwardRegions(g, p[0], p[1], false);
            double[] x = in[0].toDoubleArray(), ex = in[1].broadcastTo(xs).toDoubleArray();
            double[] z = new double[(int) (g.lead * g.outSize())];
            int isz = g.imgSize(), osz = g.outSize();
            for (long k = 0; k < g.lead; k++) {
                int xOff = (int) (k * isz), zOff = (int) (k * osz);
                g.forEachWindow((r, o) -> {
                    double[] best = {Double.NEGATIVE_INFINITY};
                    g.forEachInWindow(r, (oi, off) -> {
                        // strict '>' keeps the first maximum, like numpy.argmax
                        if (off >= 0 && x[xOff + off] > best[0]) {
                            best[0] = x[xOff + off];
                            z[zOff + oi] = ex[xOff + off];
                        }
                    }, o);
                });
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), zs, z)};
        }
    }

    // ------------------------------------------------------------------ MaxPoolGrad

    /** MaxPoolGrad(x, maxout, gz, ws, stride, pad): gz routed to every window element equal to the maximum. */
    public static final class MaxPoolGrad extends Pool {
        public MaxPoolGrad(boolean ignoreBorder, int ndim) { super(ignoreBorder, "max", ndim); }

        @Override
        String baseName() { return "MaxPoolGrad"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0)), maxout = T.asTensorVariable(inputs.get(1)), gz = T.asTensorVariable(inputs.get(2));
            checkX(x);
            if (maxout.ndim() != x.ndim() || gz.ndim() != x.ndim()) throw new TheanoTypeError("MaxPoolGrad inputs must have the same rank");
            List<Variable> ins = List.of(x, maxout, gz, intVector(inputs.get(3), "ws"), intVector(inputs.get(4), "stride"), intVector(inputs.get(5), "pad"));
            return new Apply(this, ins, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[][] p = readParams(in[3], in[4], in[5]);
            long[] xs = in[0].shape();
            Regions g = new Regions(xs, in[1].shape(), p[2], ndim);
            shiftedRegions(g, p[0], p[1], true);
            double[] x = in[0].toDoubleArray(), mo = in[1].toDoubleArray(), gz = in[2].broadcastTo(in[1].shape()).toDoubleArray();
            double[] gx = new double[x.length];
            int isz = g.imgSize(), osz = g.outSize();
            WindowTable t = g.table();
            int[] from = t.from(), cells = t.cells();
            for (long k = 0; k < g.lead; k++) {
                int xOff = (int) (k * isz), zOff = (int) (k * osz);
                for (int o = 0; o < osz; o++) {
                    double m = mo[zOff + o], gv = gz[zOff + o];
                    for (int c = from[o], e = from[o + 1]; c < e; c++) {
                        int off = cells[c];
                        // Padding cells are 0 and are dropped when unpadding, so they only need the comparison.
                        if (off >= 0 && x[xOff + off] == m) gx[xOff + off] += gv;
                    }
                }
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), xs, gx)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            return new boolean[][] {{true}, {true}, {true}, {false}, {false}, {false}};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), maxout = inputs.get(1), ggx = outputGrads.get(0);
            List<Variable> r = new ArrayList<>();
            r.add(T.zerosLike(x));
            r.add(T.zerosLike(maxout));
            r.add(new DownsampleFactorMaxGradGrad(ignoreBorder, ndim).call(x, maxout, ggx, inputs.get(3), inputs.get(4), inputs.get(5)));
            r.addAll(disconnected(3));
            return r;
        }
    }

    // ------------------------------------------------------------------ AveragePoolGrad

    /** AveragePoolGrad(x, gz, ws, stride, pad) for the modes sum, average_inc_pad and average_exc_pad. */
    public static final class AveragePoolGrad extends Pool {
        public AveragePoolGrad(boolean ignoreBorder, String mode, int ndim) {
            super(ignoreBorder, mode, ndim);
            if (!List.of("sum", "average_inc_pad", "average_exc_pad").contains(mode)) {
                throw new TheanoValueError("AveragePoolGrad mode parameter only support 'sum', 'average_inc_pad' and 'average_exc_pad'. Got " + mode);
            }
        }

        @Override
        String baseName() { return "AveragePoolGrad"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0)), gz = T.asTensorVariable(inputs.get(1));
            checkX(x);
            if (gz.ndim() != x.ndim()) throw new TheanoTypeError("AveragePoolGrad inputs must have the same rank");
            List<Variable> ins = List.of(x, gz, intVector(inputs.get(2), "ws"), intVector(inputs.get(3), "stride"), intVector(inputs.get(4), "pad"));
            return new Apply(this, ins, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[][] p = readParams(in[2], in[3], in[4]);
            long[] xs = in[0].shape();
            long[] zs = outShape(xs, p[0], ignoreBorder, p[1], p[2], ndim);
            Regions g = new Regions(xs, zs, p[2], ndim);
            // sum and inc_pad: windows from j*stride (padding cells are dropped when unpadding); exc_pad:
            // the forward window without padding (Theano's C code; its Python code refuses padding here).
            if (mode.equals("average_exc_pad")) forwardRegions(g, p[0], p[1], false);
            else shiftedRegions(g, p[0], p[1], false);
            double[] gz = in[1].broadcastTo(zs).toDoubleArray();
            double[] gx = new double[(int) in[0].size()];
            int isz = g.imgSize(), osz = g.outSize();
            boolean sum = mode.equals("sum");
            WindowTable t = g.table();
            int[] from = t.from(), cells = t.cells();
            for (long k = 0; k < g.lead; k++) {
                int xOff = (int) (k * isz), zOff = (int) (k * osz);
                for (int o = 0; o < osz; o++) {
                    double val = sum ? gz[zOff + o] : gz[zOff + o] / t.size(o);
                    for (int c = from[o], e = from[o + 1]; c < e; c++) {
                        int off = cells[c];
                        if (off >= 0) gx[xOff + off] += val;
                    }
                }
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), xs, gx)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {true}, {false}, {false}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable ggx = outputGrads.get(0);
            List<Variable> r = new ArrayList<>();
            r.add(T.zerosLike(inputs.get(0)));
            r.add(new Forward(ignoreBorder, mode, ndim).call(ggx, inputs.get(2), inputs.get(3), inputs.get(4)));
            r.addAll(disconnected(3));
            return r;
        }
    }

    // ------------------------------------------------------------------ DownsampleFactorMaxGradGrad

    /** DownsampleFactorMaxGradGrad(x, maxout, ggx, ws, stride, pad): ggz[r] = sum of ggx over the maxima of window r. */
    public static final class DownsampleFactorMaxGradGrad extends Pool {
        public DownsampleFactorMaxGradGrad(boolean ignoreBorder, int ndim) { super(ignoreBorder, "max", ndim); }

        @Override
        String baseName() { return "DownsampleFactorMaxGradGrad"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0)), maxout = T.asTensorVariable(inputs.get(1)), ggx = T.asTensorVariable(inputs.get(2));
            checkX(x);
            if (maxout.ndim() != x.ndim() || ggx.ndim() != x.ndim()) throw new TheanoTypeError("DownsampleFactorMaxGradGrad inputs must have the same rank");
            List<Variable> ins = List.of(x, maxout, ggx, intVector(inputs.get(3), "ws"), intVector(inputs.get(4), "stride"), intVector(inputs.get(5), "pad"));
            return new Apply(this, ins, List.of(x.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[][] p = readParams(in[3], in[4], in[5]);
            long[] xs = in[0].shape();
            long[] zs = outShape(xs, p[0], ignoreBorder, p[1], p[2], ndim);
            Regions g = new Regions(xs, zs, p[2], ndim);
            shiftedRegions(g, p[0], p[1], false);
            double[] x = in[0].toDoubleArray(), mo = in[1].toDoubleArray(), ggx = in[2].broadcastTo(xs).toDoubleArray();
            double[] ggz = new double[(int) (g.lead * g.outSize())];
            int isz = g.imgSize(), osz = g.outSize();
            WindowTable t = g.table();
            int[] from = t.from(), cells = t.cells();
            for (long k = 0; k < g.lead; k++) {
                int xOff = (int) (k * isz), zOff = (int) (k * osz);
                for (int o = 0; o < osz; o++) {
                    double m = mo[zOff + o], acc = 0;
                    for (int c = from[o], e = from[o + 1]; c < e; c++) {
                        int off = cells[c];
                        // ggx is zero on the padding, so padding cells never contribute.
                        if (off >= 0 && x[xOff + off] == m) acc += ggx[xOff + off];
                    }
                    ggz[zOff + o] += acc;
                }
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), zs, ggz)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            return new boolean[][] {{true}, {true}, {true}, {false}, {false}, {false}};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), maxout = inputs.get(1), gz = outputGrads.get(0);
            List<Variable> r = new ArrayList<>();
            r.add(T.zerosLike(x));
            r.add(T.zerosLike(maxout));
            r.add(new MaxPoolGrad(ignoreBorder, ndim).call(x, maxout, gz, inputs.get(3), inputs.get(4), inputs.get(5)));
            r.addAll(disconnected(3));
            return r;
        }
    }
}
