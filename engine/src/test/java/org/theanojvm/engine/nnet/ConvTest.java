package org.theanojvm.engine.nnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.arr;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.TestUtil;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/** AbstractConv2d/3d and their gradient ops against a direct (non-im2col) convolution written here. */
class ConvTest {
    static NdArray rand(Random r, long... shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 2 - 1;
        return arr(shape, v);
    }

    /**
     * Direct 2-D convolution from the definition: out[b,o,i,j] = sum_{c,u,v} img[b, g*Cg+c, i*s+u*d-p, j*s+v*d-p]
     * * k[o, c, u', v'] with (u', v') mirrored when flip (true convolution). pads are explicit.
     */
    static double[][][][] refConv2d(double[][][][] img, double[][][][] k, int[] pad, int[] st, int[] dil, boolean flip, int groups) {
        int B = img.length, H = img[0][0].length, W = img[0][0][0].length;
        int O = k.length, Cg = k[0].length, KH = k[0][0].length, KW = k[0][0][0].length;
        int OH = (H + 2 * pad[0] - ((KH - 1) * dil[0] + 1)) / st[0] + 1;
        int OW = (W + 2 * pad[1] - ((KW - 1) * dil[1] + 1)) / st[1] + 1;
        int og = O / groups;
        double[][][][] out = new double[B][O][OH][OW];
        for (int b = 0; b < B; b++)
            for (int o = 0; o < O; o++)
                for (int i = 0; i < OH; i++)
                    for (int j = 0; j < OW; j++) {
                        double acc = 0;
                        for (int c = 0; c < Cg; c++)
                            for (int u = 0; u < KH; u++)
                                for (int v = 0; v < KW; v++) {
                                    int ih = i * st[0] + u * dil[0] - pad[0], iw = j * st[1] + v * dil[1] - pad[1];
                                    if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                                    double kv = flip ? k[o][c][KH - 1 - u][KW - 1 - v] : k[o][c][u][v];
                                    acc += img[b][(o / og) * Cg + c][ih][iw] * kv;
                                }
                        out[b][o][i][j] = acc;
                    }
        return out;
    }

    static double[][][][] to4(NdArray a) {
        long[] sh = a.shape();
        double[][][][] r = new double[(int) sh[0]][(int) sh[1]][(int) sh[2]][(int) sh[3]];
        for (int i = 0; i < sh[0]; i++) for (int j = 0; j < sh[1]; j++) for (int k = 0; k < sh[2]; k++) for (int l = 0; l < sh[3]; l++)
            r[i][j][k][l] = a.getDouble(i, j, k, l);
        return r;
    }

    static double[] flat(double[][][][] a) {
        return java.util.Arrays.stream(a).flatMap(java.util.Arrays::stream).flatMap(java.util.Arrays::stream)
                .flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** Run-time errors reach the caller wrapped with Theano's node context; the op's message is kept. */
    static void assertRuntime(String fragment, org.junit.jupiter.api.function.Executable run) {
        TheanoException e = assertThrows(TheanoException.class, run);
        assertEquals("ValueError", e.pythonExceptionType());
        assertTrue(String.valueOf(e.getMessage()).contains(fragment), e.getMessage());
    }

    static Variable t4(String n) { return T.tensor4(n, DType.FLOAT64); }

    /** One configuration: border mode as Theano takes it plus the explicit pads it means for the reference. */
    record Cfg(Object border, int[] pad, int[] st, int[] dil, boolean flip, int groups, long[] ishape, long[] kshape) {
        @Override
        public String toString() {
            return "border=" + (border instanceof int[] b ? java.util.Arrays.toString(b) : border) + " st=" + java.util.Arrays.toString(st)
                    + " dil=" + java.util.Arrays.toString(dil) + " flip=" + flip + " groups=" + groups + " img=" + java.util.Arrays.toString(ishape)
                    + " kern=" + java.util.Arrays.toString(kshape);
        }
    }

    static final List<Cfg> CONFIGS = List.of(
            new Cfg("valid", new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, true, 1, s(2, 2, 5, 6), s(3, 2, 3, 2)),
            new Cfg("valid", new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 1}, false, 1, s(2, 2, 5, 6), s(3, 2, 3, 2)),
            new Cfg("full", new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 1}, true, 1, s(1, 2, 4, 4), s(2, 2, 3, 2)),
            new Cfg("half", new int[] {1, 1}, new int[] {2, 1}, new int[] {1, 1}, false, 1, s(1, 1, 5, 5), s(2, 1, 3, 3)),
            new Cfg(new int[] {1, 2}, new int[] {1, 2}, new int[] {2, 3}, new int[] {1, 1}, true, 1, s(2, 1, 5, 6), s(1, 1, 2, 3)),
            new Cfg(1, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 1}, true, 1, s(1, 2, 6, 5), s(2, 2, 2, 2)),
            new Cfg("half", new int[] {2, 1}, new int[] {1, 1}, new int[] {2, 1}, false, 1, s(1, 1, 6, 5), s(1, 1, 3, 3)),
            new Cfg("valid", new int[] {0, 0}, new int[] {1, 2}, new int[] {1, 1}, true, 2, s(2, 4, 4, 5), s(4, 2, 2, 2)));

    static AbstractConv.Forward op(Cfg c) {
        return new AbstractConv.Forward(2, c.border, c.st, c.flip, null, null, c.dil, c.groups);
    }

    @Test
    void handValues() {
        // 1..9 in a 3x3 image, kernel [[1,2],[3,4]]: a true convolution uses the mirrored kernel.
        NdArray img = arr(s(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9), k = arr(s(1, 1, 2, 2), 1, 2, 3, 4);
        Variable x = t4("x"), w = t4("w");
        assertArray(eval(NNet.conv2d(x, w), List.of(x, w), img, k), DType.FLOAT64, s(1, 1, 2, 2), 23, 33, 53, 63);
        Variable corr = NNet.conv2d(x, w, null, null, "valid", null, false, null, 1);
        assertArray(eval(corr, List.of(x, w), img, k), DType.FLOAT64, s(1, 1, 2, 2), 37, 47, 67, 77);
        // full: the corner output sees only img[0,0] * k[0,0] (flipped kernel's last tap).
        NdArray full = eval(NNet.conv2d(x, w, null, null, "full", null, true, null, 1), List.of(x, w), img, k);
        assertArrayEquals(s(1, 1, 4, 4), full.shape());
        assertEquals(1.0, full.getDouble(0, 0, 0, 0));
        assertEquals(36.0, full.getDouble(0, 0, 3, 3));
    }

    @Test
    void forwardMatchesDirectConvolution() {
        Random r = new Random(1);
        for (Cfg c : CONFIGS) {
            NdArray img = rand(r, c.ishape), k = rand(r, c.kshape);
            Variable x = t4("x"), w = t4("w");
            NdArray got = eval(op(c).call(x, w), List.of(x, w), img, k);
            double[][][][] ref = refConv2d(to4(img), to4(k), c.pad, c.st, c.dil, c.flip, c.groups);
            assertArrayEquals(s(ref.length, ref[0].length, ref[0][0].length, ref[0][0][0].length), got.shape(), c.toString());
            double[] e = flat(ref), a = got.toDoubleArray();
            for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-12, c + " element " + i);
        }
    }

    /**
     * The gradient ops are the adjoints of the forward convolution: for random t,
     * sum(conv(x, w) * t) = sum(x * gradInputs(w, t)) = sum(w * gradWeights(x, t)), with conv the direct reference.
     */
    @Test
    void gradOpsAreAdjointsOfDirectConvolution() {
        Random r = new Random(2);
        for (Cfg c : CONFIGS) {
            NdArray img = rand(r, c.ishape), k = rand(r, c.kshape);
            double[][][][] ref = refConv2d(to4(img), to4(k), c.pad, c.st, c.dil, c.flip, c.groups);
            long[] os = s(ref.length, ref[0].length, ref[0][0].length, ref[0][0][0].length);
            NdArray top = rand(r, os);
            double lhs = 0;
            double[] rf = flat(ref), tv = top.toDoubleArray();
            for (int i = 0; i < rf.length; i++) lhs += rf[i] * tv[i];
            Variable x = t4("x"), w = t4("w"), t = t4("t");
            AbstractConv.GradInputs gi = new AbstractConv.GradInputs(2, c.border, c.st, c.flip, null, null, c.dil, c.groups);
            AbstractConv.GradWeights gw = new AbstractConv.GradWeights(2, c.border, c.st, c.flip, null, null, c.dil, c.groups);
            NdArray dx = eval(gi.call(w, t, T.constant(new long[] {c.ishape[2], c.ishape[3]})), List.of(w, t), k, top);
            NdArray dw = eval(gw.call(x, t, T.constant(new long[] {c.kshape[2], c.kshape[3]})), List.of(x, t), img, top);
            assertArrayEquals(c.ishape, dx.shape());
            assertArrayEquals(c.kshape, dw.shape());
            double r1 = 0, r2 = 0;
            double[] xv = img.toDoubleArray(), dxv = dx.toDoubleArray(), kv = k.toDoubleArray(), dwv = dw.toDoubleArray();
            for (int i = 0; i < xv.length; i++) r1 += xv[i] * dxv[i];
            for (int i = 0; i < kv.length; i++) r2 += kv[i] * dwv[i];
            assertEquals(lhs, r1, 1e-10, "gradInputs " + c);
            assertEquals(lhs, r2, 1e-10, "gradWeights " + c);
        }
    }

    @Test
    void finiteDifferenceGradients() {
        Random r = new Random(3);
        for (Cfg c : List.of(CONFIGS.get(0), CONFIGS.get(3), CONFIGS.get(4), CONFIGS.get(6), CONFIGS.get(7))) {
            NdArray img = rand(r, c.ishape), k = rand(r, c.kshape);
            verifyGrad(v -> op(c).call(v.get(0), v.get(1)), new NdArray[] {img, k}, 7);
        }
    }

    /** Second order: the gradient ops' own gradients (gradInputs wrt kern and topgrad, gradWeights wrt img and topgrad). */
    @Test
    void gradOpsFiniteDifference() {
        Random r = new Random(4);
        Cfg c = CONFIGS.get(4);
        NdArray img = rand(r, c.ishape), k = rand(r, c.kshape);
        Variable x = t4("x"), w = t4("w");
        NdArray top = eval(op(c).call(x, w), List.of(x, w), img, k);
        AbstractConv.GradInputs gi = new AbstractConv.GradInputs(2, c.border, c.st, c.flip, null, null, c.dil, c.groups);
        AbstractConv.GradWeights gw = new AbstractConv.GradWeights(2, c.border, c.st, c.flip, null, null, c.dil, c.groups);
        verifyGrad(v -> gi.call(v.get(0), v.get(1), T.constant(new long[] {c.ishape[2], c.ishape[3]})), new NdArray[] {k, rand(r, top.shape())}, 8);
        verifyGrad(v -> gw.call(v.get(0), v.get(1), T.constant(new long[] {c.kshape[2], c.kshape[3]})), new NdArray[] {img, rand(r, top.shape())}, 9);
    }

    @Test
    void conv3dMatchesDirectLoopAndGradient() {
        Random r = new Random(5);
        NdArray img = rand(r, 1, 2, 4, 3, 4), k = rand(r, 2, 2, 2, 2, 3);
        Variable x = T.tensor(DType.FLOAT64, new boolean[5], "x"), w = T.tensor(DType.FLOAT64, new boolean[5], "w");
        int[] pad = {1, 0, 1}, st = {1, 2, 1};
        NdArray got = eval(NNet.conv3d(x, w, null, null, pad, st, true, null, 1), List.of(x, w), img, k);
        // Output sizes: (4+2-2)/1+1 = 5, (3-2)/2+1 = 1, (4+2-3)/1+1 = 4.
        assertArrayEquals(s(1, 2, 5, 1, 4), got.shape());
        for (int o = 0; o < 2; o++) for (int a = 0; a < 5; a++) for (int c = 0; c < 4; c++) {
            double acc = 0;
            for (int ch = 0; ch < 2; ch++) for (int u = 0; u < 2; u++) for (int v = 0; v < 2; v++) for (int q = 0; q < 3; q++) {
                int id = a + u - 1, ih = v, iw = c + q - 1; // row b = 0 with stride 2 starts at 0
                if (id < 0 || id >= 4 || iw < 0 || iw >= 4) continue;
                acc += img.getDouble(0, ch, id, ih, iw) * k.getDouble(o, ch, 1 - u, 1 - v, 2 - q);
            }
            assertEquals(acc, got.getDouble(0, o, a, 0, c), 1e-12);
        }
        verifyGrad(v -> NNet.conv3d(v.get(0), v.get(1), null, null, "half", null, false, null, 1),
                new NdArray[] {rand(r, 1, 1, 3, 3, 2), rand(r, 2, 1, 3, 1, 2)}, 10);
    }

    @Test
    void printingTypesAndErrors() {
        Variable x = T.tensor(DType.FLOAT32, new boolean[] {true, false, false, false}, "x"), w = t4("w");
        Variable out = NNet.conv2d(x, w);
        assertEquals("AbstractConv2d{convdim=2, border_mode='valid', subsample=(1, 1), filter_flip=True, imshp=(None, None, None, None), "
                + "kshp=(None, None, None, None), filter_dilation=(1, 1), num_groups=1}", out.owner().op().toString());
        // Output dtype is the image's; batch broadcastability comes from the image, channels from the filters.
        assertEquals(new TensorType(DType.FLOAT32, true, false, false, false), out.type());
        Variable o2 = NNet.conv2d(t4("a"), w, new Long[] {2L, 3L, null, null}, null, new int[] {1, 2}, new int[] {2, 2}, false, null, 1);
        assertEquals("AbstractConv2d{convdim=2, border_mode=(1, 2), subsample=(2, 2), filter_flip=False, imshp=(2, 3, None, None), "
                + "kshp=(None, None, None, None), filter_dilation=(1, 1), num_groups=1}", o2.owner().op().toString());
        List<Variable> g = org.theanojvm.engine.gradient.Gradient.grad(T.sum(out), List.of(w));
        assertTrue(TestUtil.eval(T.sum(g.get(0)), List.of(x, w), NdArray.zeros(DType.FLOAT32, 1, 1, 3, 3), NdArray.zeros(DType.FLOAT64, 1, 1, 2, 2)).item() == 0);
        assertThrows(TheanoTypeError.class, () -> NNet.conv2d(T.matrix("m", DType.FLOAT64), w));
        assertThrows(TheanoValueError.class, () -> NNet.conv2d(x, w, null, null, "same", null, true, null, 1));
        Variable a = t4("a"), b = t4("b");
        // Channel mismatch: 3 image channels, filters expecting 2.
        assertRuntime("number of input channels", () -> eval(NNet.conv2d(a, b), List.of(a, b), NdArray.zeros(DType.FLOAT64, 1, 3, 4, 4), NdArray.zeros(DType.FLOAT64, 1, 2, 2, 2)));
        // Declared imshp is checked at run time.
        Variable c = NNet.conv2d(a, b, new Long[] {2L, null, null, null}, null, "valid", null, true, null, 1);
        assertRuntime("shape of image does not match given imshp", () -> eval(c, List.of(a, b), NdArray.zeros(DType.FLOAT64, 1, 1, 4, 4), NdArray.zeros(DType.FLOAT64, 1, 1, 2, 2)));
    }

    @Test
    void zeroPaddingIsValidAndROp() {
        Variable a = t4("a"), b = t4("b");
        assertEquals(NNet.conv2d(a, b).owner().op(), NNet.conv2d(a, b, null, null, 0, null, true, null, 1).owner().op());
        assertTrue(NNet.conv2d(a, b, null, null, new int[] {0, 0}, null, true, null, 1).owner().op().toString().contains("border_mode='valid'"));
        assertThrows(TheanoValueError.class, () -> NNet.conv2d(a, b, null, null, new int[] {1, 1, 1}, null, true, null, 1));
        assertThrows(TheanoValueError.class, () -> NNet.conv2d(a, b, null, null, -1, null, true, null, 1));
        // R_op of a bilinear map: exactly the central difference along (ex, ew), computed with the direct convolution.
        Random r = new Random(8);
        Cfg c = CONFIGS.get(4);
        NdArray x = rand(r, c.ishape), w = rand(r, c.kshape), ex = rand(r, c.ishape), ew = rand(r, c.kshape);
        Variable xv = t4("x"), wv = t4("w"), exv = t4("ex"), ewv = t4("ew");
        Variable rop = org.theanojvm.engine.gradient.Gradient.rop(List.of(op(c).call(xv, wv)), List.of(xv, wv), List.of(exv, ewv)).get(0);
        double[] got = eval(rop, List.of(xv, wv, exv, ewv), x, w, ex, ew).toDoubleArray();
        double h = 0.5;
        double[] xp = x.toDoubleArray(), xm = x.toDoubleArray(), wp = w.toDoubleArray(), wm = w.toDoubleArray();
        double[] exa = ex.toDoubleArray(), ewa = ew.toDoubleArray();
        for (int i = 0; i < xp.length; i++) { xp[i] += h * exa[i]; xm[i] -= h * exa[i]; }
        for (int i = 0; i < wp.length; i++) { wp[i] += h * ewa[i]; wm[i] -= h * ewa[i]; }
        double[] fp = flat(refConv2d(to4(arr(c.ishape, xp)), to4(arr(c.kshape, wp)), c.pad, c.st, c.dil, c.flip, c.groups));
        double[] fm = flat(refConv2d(to4(arr(c.ishape, xm)), to4(arr(c.kshape, wm)), c.pad, c.st, c.dil, c.flip, c.groups));
        for (int i = 0; i < got.length; i++) assertEquals((fp[i] - fm[i]) / (2 * h), got[i], 1e-10);
    }

    @Test
    void explicitGradFacades() {
        Random r = new Random(6);
        NdArray img = rand(r, 2, 1, 5, 5), k = rand(r, 2, 1, 3, 3);
        Variable x = t4("x"), w = t4("w"), t = t4("t");
        NdArray top = rand(r, 2, 2, 3, 3);
        // The facades must agree with grad() of sum(conv * t).
        Variable cost = T.sum(T.mul(NNet.conv2d(x, w), t));
        List<Variable> g = org.theanojvm.engine.gradient.Gradient.grad(cost, List.of(x, w));
        NdArray gx = eval(g.get(0), List.of(x, w, t), img, k, top), gw = eval(g.get(1), List.of(x, w, t), img, k, top);
        Variable fx = NNet.conv2dGradWrtInputs(t, w, new long[] {2, 1, 5, 5}, null, "valid", null, true, null, 1);
        Variable fw = NNet.conv2dGradWrtWeights(x, t, new long[] {2, 1, 3, 3}, null, "valid", null, true, null, 1);
        assertTrue(gx.allClose(eval(fx, List.of(w, t), k, top), 1e-12, 1e-12));
        assertTrue(gw.allClose(eval(fw, List.of(x, t), img, top), 1e-12, 1e-12));
        assertEquals("AbstractConv2d_gradInputs", fx.owner().op().toString().substring(0, 25));
        // An input shape inconsistent with topgrad is rejected.
        Variable bad = NNet.conv2dGradWrtInputs(t, w, new long[] {2, 1, 7, 5}, null, "valid", null, true, null, 1);
        assertRuntime("invalid input_shape for gradInputs", () -> eval(bad, List.of(w, t), k, top));
    }
}
