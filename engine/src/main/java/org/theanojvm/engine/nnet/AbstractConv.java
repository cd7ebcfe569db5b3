package org.theanojvm.engine.nnet;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * theano.tensor.nnet.abstract_conv: {@code AbstractConv2d}/{@code AbstractConv3d} and their gradient ops
 * {@code AbstractConv2d_gradWeights} and {@code AbstractConv2d_gradInputs} (3-D likewise), with Theano
 * 1.0's parameters (border_mode 'valid'/'full'/'half'/ints, subsample, filter_flip, filter_dilation,
 * num_groups, optional imshp/kshp) and printing ({@code AbstractConv2d{convdim=2, border_mode='valid', ...}}).
 *
 * <p>Reference implementation: im2col + one GEMM per (batch, group), see {@link Im2Col}. Filter flipping
 * is done by flipping the kernel once, so the GEMM always computes a cross-correlation.
 */
public abstract class AbstractConv extends Op {
    final int convdim;
    /** 'valid', 'full' or 'half'; null when the border mode is explicit padding ({@link #padTuple}). */
    final String borderMode;
    final int[] padTuple;
    final int[] subsample;
    final boolean filterFlip;
    final Long[] imshp;
    final Long[] kshp;
    final int[] filterDilation;
    final int numGroups;

    AbstractConv(int convdim, Object borderMode, int[] subsample, boolean filterFlip, Long[] imshp, Long[] kshp,
            int[] filterDilation, int numGroups) {
        if (convdim != 2 && convdim != 3) throw new TheanoValueError("convdim must be 2 or 3, got " + convdim);
        this.convdim = convdim;
        int[] pads = null;
        if (borderMode instanceof Number n) {
            // Theano turns an int into (int,) * convdim.
            pads = new int[convdim];
            Arrays.fill(pads, n.intValue());
        } else if (borderMode instanceof int[] p) {
            if (p.length != convdim) {
                throw new TheanoValueError("border mode must have exactly " + convdim + " values, but was " + tuple(p));
            }
            pads = p.clone();
        } else if (!(borderMode instanceof String)) {
            throw invalidBorder(String.valueOf(borderMode));
        }
        if (pads != null && Arrays.stream(pads).allMatch(v -> v == 0)) {
            // Theano: a zero padding is the same op as 'valid' (and prints as such).
            pads = null;
            borderMode = "valid";
        }
        if (pads != null) {
            for (int v : pads) if (v < 0) throw invalidBorder(tuple(pads));
            this.borderMode = null;
            this.padTuple = pads;
        } else {
            String s = (String) borderMode;
            if (!s.equals("valid") && !s.equals("full") && !s.equals("half")) throw invalidBorder("'" + s + "'");
            this.borderMode = s;
            this.padTuple = null;
        }
        this.subsample = subsample == null ? ones(convdim) : subsample.clone();
        this.filterDilation = filterDilation == null ? ones(convdim) : filterDilation.clone();
        if (this.subsample.length != convdim) throw new TheanoValueError("subsample must have " + convdim + " elements");
        if (this.filterDilation.length != convdim) throw new TheanoValueError("filter_dilation must have " + convdim + " elements");
        this.filterFlip = filterFlip;
        this.imshp = imshp == null ? new Long[2 + convdim] : imshp.clone();
        this.kshp = kshp == null ? new Long[2 + convdim] : kshp.clone();
        if (this.imshp.length != 2 + convdim || this.kshp.length != 2 + convdim) {
            throw new TheanoValueError("imshp and kshp must have " + (2 + convdim) + " elements");
        }
        if (numGroups < 1) throw new TheanoValueError("num_groups must have value greater than zero");
        this.numGroups = numGroups;
    }

    private TheanoValueError invalidBorder(String bm) {
        return new TheanoValueError("invalid border_mode " + bm + ", which must be either \"valid\", \"full\", \"half\", an integer or a tuple of "
                + convdim + " integers");
    }

    static int[] ones(int n) {
        int[] r = new int[n];
        Arrays.fill(r, 1);
        return r;
    }

    /** The Python repr of the border mode as Theano prints it: 'valid' or (1, 2). */
    String borderModeRepr() { return borderMode != null ? "'" + borderMode + "'" : tuple(padTuple); }

    static String tuple(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    static String tuple(Long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i] == null ? "None" : v[i].toString());
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** Class name as Theano prints it, e.g. AbstractConv2d_gradWeights. */
    abstract String baseName();

    @Override
    public String toString() {
        return baseName() + "{convdim=" + convdim + ", border_mode=" + borderModeRepr() + ", subsample=" + tuple(subsample)
                + ", filter_flip=" + (filterFlip ? "True" : "False") + ", imshp=" + tuple(imshp) + ", kshp=" + tuple(kshp)
                + ", filter_dilation=" + tuple(filterDilation) + ", num_groups=" + numGroups + "}";
    }

    @Override
    protected List<Object> props() {
        return Arrays.asList(convdim, borderMode, padTuple, subsample, filterFlip, imshp, kshp, filterDilation, numGroups);
    }

    /** Constructor arguments shared by the three ops, to build the sibling ops in the gradients. */
    Object borderModeArg() { return borderMode != null ? borderMode : padTuple; }

    AbstractConv forwardOp() { return new Forward(convdim, borderModeArg(), subsample, filterFlip, imshp, kshp, filterDilation, numGroups); }

    GradWeights gradWeightsOp() { return new GradWeights(convdim, borderModeArg(), subsample, filterFlip, imshp, kshp, filterDilation, numGroups); }

    GradInputs gradInputsOp() { return new GradInputs(convdim, borderModeArg(), subsample, filterFlip, imshp, kshp, filterDilation, numGroups); }

    // ------------------------------------------------------------------------------ shared numerics

    /** Padding per spatial dimension for a kernel of these spatial sizes (Theano's get_conv_shape_1axis). */
    int[] pads(long[] kernSpatial) {
        int[] p = new int[convdim];
        for (int i = 0; i < convdim; i++) {
            int dk = (int) ((kernSpatial[i] - 1) * filterDilation[i] + 1);
            if (borderMode == null) p[i] = padTuple[i];
            else if (borderMode.equals("half")) p[i] = dk / 2;
            else if (borderMode.equals("full")) p[i] = dk - 1;
            else p[i] = 0;
        }
        return p;
    }

    /** Theano's get_conv_output_shape for the spatial dimensions. */
    long[] outSpatial(long[] imgSpatial, long[] kernSpatial) {
        int[] p = pads(kernSpatial);
        long[] o = new long[convdim];
        for (int i = 0; i < convdim; i++) {
            long dk = (kernSpatial[i] - 1) * filterDilation[i] + 1;
            o[i] = Math.floorDiv(imgSpatial[i] + 2L * p[i] - dk, subsample[i]) + 1;
        }
        return o;
    }

    /** 3-D geometry (a 2-D convolution gets a unit depth dimension). */
    Im2Col.Geometry geometry(long[] imgSpatial, long[] kernSpatial, long[] outSpatial) {
        int[] p = pads(kernSpatial);
        int lead = 3 - convdim;
        int[] img = {1, 1, 1}, kern = {1, 1, 1}, out = {1, 1, 1}, st = {1, 1, 1}, pd = {0, 0, 0}, dl = {1, 1, 1};
        for (int i = 0; i < convdim; i++) {
            img[lead + i] = (int) imgSpatial[i];
            kern[lead + i] = (int) kernSpatial[i];
            out[lead + i] = (int) outSpatial[i];
            st[lead + i] = subsample[i];
            pd[lead + i] = p[i];
            dl[lead + i] = filterDilation[i];
        }
        return new Im2Col.Geometry(img, kern, out, st, pd, dl);
    }

    static long[] spatial(long[] shape) { return Arrays.copyOfRange(shape, 2, shape.length); }

    static long[] concat(long a, long b, long[] rest) {
        long[] r = new long[2 + rest.length];
        r[0] = a;
        r[1] = b;
        System.arraycopy(rest, 0, r, 2, rest.length);
        return r;
    }

    /** Reverses every spatial dimension of a (O, C, k...) kernel: convolution <-> cross-correlation. */
    static double[] flipKernel(double[] w, long[] shape) {
        int oc = (int) (shape[0] * shape[1]);
        int ks = (int) (w.length / Math.max(1, oc));
        long[] sp = spatial(shape);
        int n = sp.length;
        double[] r = new double[w.length];
        int[] idx = new int[n];
        for (int q = 0; q < ks; q++) {
            // position q = multi-index idx; its mirror is (k_i - 1 - idx_i) for every spatial axis
            int mirror = 0;
            for (int i = 0; i < n; i++) mirror = mirror * (int) sp[i] + ((int) sp[i] - 1 - idx[i]);
            for (int b = 0; b < oc; b++) r[b * ks + mirror] = w[b * ks + q];
            for (int i = n - 1; i >= 0; i--) {
                if (++idx[i] < sp[i]) break;
                idx[i] = 0;
            }
        }
        return r;
    }

    void checkGroups(long imgChannels, long kernOut, long kernIn) {
        if (imgChannels % numGroups != 0) throw new TheanoValueError("number of input channels must be divible by num_groups");
        if (kernOut % numGroups != 0) throw new TheanoValueError("number of filters must be divisible by num_groups");
        if (imgChannels / numGroups != kernIn) {
            throw new TheanoValueError("the number of input channels in the kernel should specify the number of channels of 1 group");
        }
    }

    static void checkShape(Long[] declared, long[] actual, String what) {
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] != null && declared[i] != actual[i]) {
                throw new TheanoValueError("AbstractConv shape mismatch: shape of " + what + " does not match given " + (what.equals("image") ? "imshp" : "kshp") + ".");
            }
        }
    }

    /** out = conv(img, kern): im2col of each (image, group), then W' (Og x Cg*K) times col (Cg*K x P). */
    double[] forward(double[] img, long[] imgShape, double[] kern, long[] kernShape, long[] outShape) {
        int batch = (int) imgShape[0], channels = (int) imgShape[1], nOut = (int) kernShape[0];
        int cg = channels / numGroups, og = nOut / numGroups;
        Im2Col.Geometry g = geometry(spatial(imgShape), spatial(kernShape), spatial(outShape));
        int kk = cg * g.kernSize(), p = g.outSize(), plane = g.imgSize();
        double[] w = filterFlip ? flipKernel(kern, kernShape) : kern;
        double[] col = new double[kk * p];
        double[] out = new double[batch * nOut * p];
        for (int b = 0; b < batch; b++) {
            for (int gr = 0; gr < numGroups; gr++) {
                Im2Col.im2col(img, (b * channels + gr * cg) * plane, cg, g, col);
                Im2Col.gemm(false, false, og, p, kk, w, gr * og * kk, kk, col, 0, p, 0, out, (b * nOut + gr * og) * p, p);
            }
        }
        return out;
    }

    /** dW' (Og x Cg*K) = sum over the batch of top (Og x P) times col^T (P x Cg*K); flipped back if needed. */
    double[] gradWeights(double[] img, long[] imgShape, double[] top, long[] topShape, long[] kernShape) {
        int batch = (int) imgShape[0], channels = (int) imgShape[1], nOut = (int) kernShape[0];
        int cg = channels / numGroups, og = nOut / numGroups;
        Im2Col.Geometry g = geometry(spatial(imgShape), spatial(kernShape), spatial(topShape));
        int kk = cg * g.kernSize(), p = g.outSize(), plane = g.imgSize();
        double[] col = new double[kk * p];
        double[] dw = new double[nOut * kk];
        for (int b = 0; b < batch; b++) {
            for (int gr = 0; gr < numGroups; gr++) {
                Im2Col.im2col(img, (b * channels + gr * cg) * plane, cg, g, col);
                Im2Col.gemm(false, true, og, kk, p, top, (b * nOut + gr * og) * p, p, col, 0, p, 1, dw, gr * og * kk, kk);
            }
        }
        return filterFlip ? flipKernel(dw, kernShape) : dw;
    }

    /** dcol (Cg*K x P) = W'^T (Cg*K x Og) times top (Og x P), then col2im accumulates into the image. */
    double[] gradInputs(double[] kern, long[] kernShape, double[] top, long[] topShape, long[] imgShape) {
        int batch = (int) imgShape[0], channels = (int) imgShape[1], nOut = (int) kernShape[0];
        int cg = channels / numGroups, og = nOut / numGroups;
        Im2Col.Geometry g = geometry(spatial(imgShape), spatial(kernShape), spatial(topShape));
        int kk = cg * g.kernSize(), p = g.outSize(), plane = g.imgSize();
        double[] w = filterFlip ? flipKernel(kern, kernShape) : kern;
        double[] dcol = new double[kk * p];
        double[] dimg = new double[batch * channels * plane];
        for (int b = 0; b < batch; b++) {
            for (int gr = 0; gr < numGroups; gr++) {
                Im2Col.gemm(true, false, kk, p, og, w, gr * og * kk, kk, top, (b * nOut + gr * og) * p, p, 0, dcol, 0, p);
                Im2Col.col2im(dcol, cg, g, dimg, (b * channels + gr * cg) * plane);
            }
        }
        return dimg;
    }

    void checkNdim(Variable v, String what) {
        if (v.ndim() != 2 + convdim) throw new TheanoTypeError(what + " must be " + (2 + convdim) + "D tensor");
    }

    /** Theano's Type.filter_variable for a gradient: same dtype and broadcast pattern as the variable it is for. */
    static Variable like(Variable g, Variable model) {
        if (g.dtype() != model.dtype()) g = T.cast(g, model.dtype());
        return T.patternbroadcast(g, model.broadcastable());
    }

    /** x.shape[-convdim:] as a symbolic int64 vector. */
    Variable spatialShapeOf(Variable x) {
        return T.subtensor(T.shape(x), SubtensorOps.slice((long) -convdim, null, null));
    }

    static long[] shapeArg(NdArray s, int convdim) {
        long[] v = s.toLongArray();
        if (v.length != convdim) throw new TheanoValueError("shape must have " + convdim + " elements, got " + v.length);
        return v;
    }

    static Variable shapeVar(Object shape) {
        Variable s = T.asTensorVariable(shape);
        if (s.ndim() != 1 || !s.dtype().isInteger()) throw new TheanoTypeError("shape must be an integer vector, got " + s.type());
        return s;
    }

    // ------------------------------------------------------------------------------ the three ops

    /** AbstractConv2d / AbstractConv3d: (img, kern) -> conv output. */
    public static final class Forward extends AbstractConv {
        public Forward(int convdim, Object borderMode, int[] subsample, boolean filterFlip, Long[] imshp, Long[] kshp,
                int[] filterDilation, int numGroups) {
            super(convdim, borderMode, subsample, filterFlip, imshp, kshp, filterDilation, numGroups);
        }

        @Override
        String baseName() { return "AbstractConv" + convdim + "d"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable img = T.asTensorVariable(inputs.get(0)), kern = T.asTensorVariable(inputs.get(1));
            checkNdim(img, "img");
            checkNdim(kern, "kern");
            boolean[] b = new boolean[2 + convdim];
            b[0] = img.broadcastable()[0];
            b[1] = kern.broadcastable()[0];
            return new Apply(this, List.of(img, kern), List.of(new TensorType(img.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] is = in[0].shape(), ks = in[1].shape();
            checkShape(imshp, is, "image");
            checkShape(kshp, ks, "filters");
            checkGroups(is[1], ks[0], ks[1]);
            long[] os = concat(is[0], ks[0], outSpatial(spatial(is), spatial(ks)));
            for (long d : os) if (d <= 0) throw new TheanoValueError("convolution output shape " + NdArray.shapeString(os) + " is empty or negative");
            double[] out = forward(in[0].toDoubleArray(), is, in[1].toDoubleArray(), ks, os);
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), os, out)};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable bottom = inputs.get(0), weights = inputs.get(1), top = outputGrads.get(0);
            Variable dBottom = gradInputsOp().call(weights, top, spatialShapeOf(bottom));
            Variable dWeights = gradWeightsOp().call(bottom, top, spatialShapeOf(weights));
            return List.of(like(dBottom, bottom), like(dWeights, weights));
        }

        /** Bilinear: R(conv(x, w)) = conv(ex, w) + conv(x, ew), terms without an eval point dropped. */
        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            Variable r = ev.get(0) == null ? null : call(ev.get(0), inputs.get(1));
            if (ev.get(1) != null) {
                Variable t = call(inputs.get(0), ev.get(1));
                r = r == null ? t : T.add(r, t);
            }
            return java.util.Collections.singletonList(r);
        }
    }

    /** AbstractConv2d_gradWeights: (img, topgrad, kernel spatial shape) -> d cost / d kern. */
    public static final class GradWeights extends AbstractConv {
        public GradWeights(int convdim, Object borderMode, int[] subsample, boolean filterFlip, Long[] imshp, Long[] kshp,
                int[] filterDilation, int numGroups) {
            super(convdim, borderMode, subsample, filterFlip, imshp, kshp, filterDilation, numGroups);
        }

        @Override
        String baseName() { return "AbstractConv" + convdim + "d_gradWeights"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable img = T.asTensorVariable(inputs.get(0)), top = T.asTensorVariable(inputs.get(1));
            checkNdim(img, "img");
            checkNdim(top, "topgrad");
            Variable shape = shapeVar(inputs.get(2));
            boolean[] b = new boolean[2 + convdim];
            b[0] = top.broadcastable()[1];
            b[1] = numGroups == 1 && img.broadcastable()[1];
            return new Apply(this, List.of(img, top, shape), List.of(new TensorType(img.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] is = in[0].shape(), ts = in[1].shape();
            checkShape(imshp, is, "image");
            if (is[1] % numGroups != 0) throw new TheanoValueError("number of input channels must be divible by num_groups");
            long[] ks = concat(ts[1], is[1] / numGroups, shapeArg(in[2], convdim));
            checkShape(kshp, ks, "filters");
            checkTop(outSpatial(spatial(is), spatial(ks)), ts, "gradWeights", "filter_shape");
            double[] dw = gradWeights(in[0].toDoubleArray(), is, in[1].toDoubleArray(), ts, ks);
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), ks, dw)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {true}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable bottom = inputs.get(0), top = inputs.get(1), weights = outputGrads.get(0);
            Variable dBottom = gradInputsOp().call(weights, top, spatialShapeOf(bottom));
            Variable dTop = forwardOp().call(bottom, weights);
            return List.of(like(dBottom, bottom), like(dTop, top), DisconnectedType.make());
        }
    }

    /** AbstractConv2d_gradInputs: (kern, topgrad, image spatial shape) -> d cost / d img. */
    public static final class GradInputs extends AbstractConv {
        public GradInputs(int convdim, Object borderMode, int[] subsample, boolean filterFlip, Long[] imshp, Long[] kshp,
                int[] filterDilation, int numGroups) {
            super(convdim, borderMode, subsample, filterFlip, imshp, kshp, filterDilation, numGroups);
        }

        @Override
        String baseName() { return "AbstractConv" + convdim + "d_gradInputs"; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable kern = T.asTensorVariable(inputs.get(0)), top = T.asTensorVariable(inputs.get(1));
            checkNdim(kern, "kern");
            checkNdim(top, "topgrad");
            Variable shape = shapeVar(inputs.get(2));
            boolean[] b = new boolean[2 + convdim];
            b[0] = top.broadcastable()[0];
            b[1] = numGroups == 1 && kern.broadcastable()[1];
            return new Apply(this, List.of(kern, top, shape), List.of(new TensorType(kern.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] ks = in[0].shape(), ts = in[1].shape();
            checkShape(kshp, ks, "filters");
            long[] is = concat(ts[0], ks[1] * numGroups, shapeArg(in[2], convdim));
            checkShape(imshp, is, "image");
            if (ks[0] % numGroups != 0) throw new TheanoValueError("number of filters must be divisible by num_groups");
            if (ts[1] != ks[0]) throw new TheanoValueError("topgrad has " + ts[1] + " channels but the kernel has " + ks[0] + " filters");
            checkTop(outSpatial(spatial(is), spatial(ks)), ts, "gradInputs", "input_shape");
            double[] di = gradInputs(in[0].toDoubleArray(), ks, in[1].toDoubleArray(), ts, is);
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), is, di)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {true}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable weights = inputs.get(0), top = inputs.get(1), bottom = outputGrads.get(0);
            Variable dWeights = gradWeightsOp().call(bottom, top, spatialShapeOf(weights));
            Variable dTop = forwardOp().call(bottom, weights);
            return List.of(like(dWeights, weights), like(dTop, top), DisconnectedType.make());
        }
    }

    /** The gradient ops' shape argument must be consistent with topgrad (Theano raises the same way). */
    static void checkTop(long[] expectedSpatial, long[] topShape, String op, String arg) {
        long[] actual = spatial(topShape);
        if (!Arrays.equals(expectedSpatial, actual)) {
            throw new TheanoValueError("invalid " + arg + " for " + op + ": the given " + arg + " would produce an output of shape "
                    + NdArray.shapeString(expectedSpatial) + ", but the given topgrad has shape " + NdArray.shapeString(actual));
        }
    }
}
