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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/** Pool / MaxPoolGrad / AveragePoolGrad / DownsampleFactorMaxGradGrad against hand values and a direct 2-D loop. */
class PoolTest {
    static final String[] MODES = {"max", "sum", "average_inc_pad", "average_exc_pad"};

    /** Distinct values (no ties) so max pooling is differentiable at the test point. */
    static NdArray distinct(Random r, long... shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add((i + 1) / (double) n - 0.5);
        java.util.Collections.shuffle(v, r);
        return arr(shape, v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Direct pooling of one (rows x cols) image written from the documented semantics: output size per
     * Theano's out_shape, windows [i*st, i*st+ws) over the zero-padded image, clipped to it; max/sum and
     * average_exc_pad use only real pixels, average_inc_pad counts padding cells inside the image+pad frame.
     */
    static double[][] refPool(double[][] x, int[] ws, int[] st, int[] pad, boolean ignoreBorder, String mode) {
        int[] n = new int[2], size = {x.length, x[0].length};
        for (int d = 0; d < 2; d++) {
            int v = size[d] + 2 * pad[d];
            if (ignoreBorder) n[d] = Math.max(0, (v - ws[d]) / st[d] + 1);
            else n[d] = st[d] >= ws[d] ? (v - 1) / st[d] + 1 : Math.max(0, (v - 1 - ws[d] + st[d]) / st[d]) + 1;
        }
        double[][] out = new double[n[0]][n[1]];
        for (int i = 0; i < n[0]; i++)
            for (int j = 0; j < n[1]; j++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                int real = 0, framed = 0;
                for (int a = i * st[0]; a < i * st[0] + ws[0]; a++)
                    for (int b = j * st[1]; b < j * st[1] + ws[1]; b++) {
                        if (a >= size[0] + 2 * pad[0] || b >= size[1] + 2 * pad[1]) continue;
                        framed++;
                        int ra = a - pad[0], rb = b - pad[1];
                        if (ra < 0 || rb < 0 || ra >= size[0] || rb >= size[1]) continue;
                        real++;
                        max = Math.max(max, x[ra][rb]);
                        sum += x[ra][rb];
                    }
                out[i][j] = switch (mode) {
                    case "max" -> max;
                    case "sum" -> sum;
                    case "average_inc_pad" -> sum / framed;
                    default -> sum / real;
                };
            }
        return out;
    }

    @Test
    void handValues() {
        Variable x = T.tensor4("x", DType.FLOAT64);
        NdArray v = arr(s(1, 1, 4, 4), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertArray(eval(NNet.pool2d(x, new int[] {2, 2}, true), List.of(x), v), DType.FLOAT64, s(1, 1, 2, 2), 6, 8, 14, 16);
        assertArray(eval(NNet.pool2d(x, new int[] {3, 3}, false), List.of(x), v), DType.FLOAT64, s(1, 1, 2, 2), 11, 12, 15, 16);
        assertArray(eval(NNet.pool2d(x, new int[] {3, 3}, true), List.of(x), v), DType.FLOAT64, s(1, 1, 1, 1), 11);
        assertArray(eval(NNet.pool2d(x, new int[] {2, 2}, true, null, null, "sum"), List.of(x), v), DType.FLOAT64, s(1, 1, 2, 2), 14, 22, 46, 54);
        // pad (1, 1), ws (2, 2): the corner window holds one real pixel (1) and three padding cells.
        NdArray inc = eval(NNet.pool2d(x, new int[] {2, 2}, true, null, new int[] {1, 1}, "average_inc_pad"), List.of(x), v);
        NdArray exc = eval(NNet.pool2d(x, new int[] {2, 2}, true, null, new int[] {1, 1}, "average_exc_pad"), List.of(x), v);
        assertArrayEquals(s(1, 1, 3, 3), inc.shape());
        assertEquals(0.25, inc.getDouble(0, 0, 0, 0));
        assertEquals(1.0, exc.getDouble(0, 0, 0, 0));
        assertEquals((2 + 3) / 4.0, inc.getDouble(0, 0, 0, 1));
        assertEquals(2.5, exc.getDouble(0, 0, 0, 1));
        // stride 1 with overlapping windows
        assertArray(eval(NNet.pool2d(x, new int[] {3, 3}, true, new int[] {1, 1}, null, "max"), List.of(x), v), DType.FLOAT64, s(1, 1, 2, 2), 11, 12, 15, 16);
    }

    @Test
    void allModesMatchDirectLoop() {
        Random r = new Random(11);
        int[][][] cases = { // ws, stride, pad
            {{2, 2}, {2, 2}, {0, 0}}, {{3, 2}, {1, 2}, {0, 0}}, {{2, 3}, {3, 1}, {0, 0}}, {{3, 3}, {2, 2}, {1, 2}}, {{2, 2}, {1, 1}, {1, 1}}};
        Variable x = T.tensor4("x", DType.FLOAT64);
        NdArray v = distinct(r, 2, 2, 5, 7);
        for (int[][] c : cases) {
            for (boolean ib : new boolean[] {true, false}) {
                if (!ib && (c[2][0] != 0 || c[2][1] != 0)) continue; // Theano: padding needs ignore_border
                for (String mode : MODES) {
                    NdArray got = eval(NNet.pool2d(x, c[0], ib, c[1], c[2], mode), List.of(x), v);
                    for (int b = 0; b < 2; b++) for (int ch = 0; ch < 2; ch++) {
                        double[][] img = new double[5][7];
                        for (int i = 0; i < 5; i++) for (int j = 0; j < 7; j++) img[i][j] = v.getDouble(b, ch, i, j);
                        double[][] ref = refPool(img, c[0], c[1], c[2], ib, mode);
                        String what = mode + " ib=" + ib + " ws/st/pad=" + java.util.Arrays.deepToString(c);
                        assertEquals(ref.length, got.shape(2), what);
                        assertEquals(ref[0].length, got.shape(3), what);
                        for (int i = 0; i < ref.length; i++) for (int j = 0; j < ref[0].length; j++) {
                            assertEquals(ref[i][j], got.getDouble(b, ch, i, j), 1e-12, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void ndimPoolsTrailingAxesOnly() {
        // pool_2d on a 3-D tensor and pool_3d on a 5-D tensor: leading axes are untouched.
        Random r = new Random(12);
        Variable x3 = T.tensor3("x", DType.FLOAT64);
        NdArray v = distinct(r, 3, 4, 4);
        NdArray got = eval(NNet.pool2d(x3, new int[] {2, 2}, true), List.of(x3), v);
        assertArrayEquals(s(3, 2, 2), got.shape());
        for (int b = 0; b < 3; b++) for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < 2; a++) for (int c = 0; c < 2; c++) m = Math.max(m, v.getDouble(b, 2 * i + a, 2 * j + c));
            assertEquals(m, got.getDouble(b, i, j));
        }
        Variable x5 = T.tensor(DType.FLOAT64, new boolean[5], "x");
        NdArray v5 = distinct(r, 1, 2, 3, 4, 5);
        NdArray p3 = eval(NNet.pool3d(x5, new int[] {2, 2, 3}, false, null, null, "sum"), List.of(x5), v5);
        assertArrayEquals(s(1, 2, 2, 2, 2), p3.shape());
        // last window along each axis is partial with ignore_border=False: [2,3) x [2,4) x [3,5)
        double sum = 0;
        for (int a = 2; a < 3; a++) for (int b = 2; b < 4; b++) for (int c = 3; c < 5; c++) sum += v5.getDouble(0, 1, a, b, c);
        assertEquals(sum, p3.getDouble(0, 1, 1, 1, 1), 1e-12);
    }

    @Test
    void gradientsFiniteDifference2d() {
        Random r = new Random(13);
        NdArray v = distinct(r, 1, 2, 5, 5);
        for (String mode : MODES) {
            verifyGrad(in -> NNet.pool2d(in.get(0), new int[] {2, 2}, false, new int[] {2, 1}, null, mode), new NdArray[] {v}, 20);
            verifyGrad(in -> NNet.pool2d(in.get(0), new int[] {3, 2}, true, new int[] {2, 2}, new int[] {1, 1}, mode), new NdArray[] {v}, 21);
        }
    }

    @Test
    void gradientsFiniteDifference3d() {
        Random r = new Random(14);
        NdArray v = distinct(r, 1, 3, 3, 4);
        for (String mode : MODES) {
            verifyGrad(in -> NNet.pool3d(in.get(0), new int[] {2, 2, 2}, true, new int[] {1, 1, 2}, null, mode), new NdArray[] {v}, 22);
        }
    }

    /** Second order: MaxPoolGrad and AveragePoolGrad differentiated wrt their incoming gradient. */
    @Test
    void gradOfGradOps() {
        Random r = new Random(15);
        NdArray xv = distinct(r, 1, 1, 4, 5);
        Variable xc = T.constant(xv);
        Variable ws = T.constant(new long[] {2, 2}), st = T.constant(new long[] {1, 2}), pad = T.constant(new long[] {0, 0});
        Pool.Forward max = new Pool.Forward(false, "max", 2);
        Variable maxout = max.call(xc, ws, st, pad);
        NdArray gz = distinct(r, 1, 1, 3, 3);
        verifyGrad(in -> new Pool.MaxPoolGrad(false, 2).call(xc, maxout, in.get(0), ws, st, pad), new NdArray[] {gz}, 23);
        verifyGrad(in -> new Pool.DownsampleFactorMaxGradGrad(false, 2).call(xc, maxout, in.get(0), ws, st, pad), new NdArray[] {xv}, 24);
        for (String mode : new String[] {"sum", "average_inc_pad", "average_exc_pad"}) {
            verifyGrad(in -> new Pool.AveragePoolGrad(false, mode, 2).call(xc, in.get(0), ws, st, pad), new NdArray[] {gz}, 25);
        }
        // MaxPoolGrad routes gz to the argmax cells: its sum equals sum(gz) when windows hold distinct values.
        Variable g = new Pool.MaxPoolGrad(false, 2).call(xc, maxout, T.constant(gz), ws, st, pad);
        assertEquals(java.util.Arrays.stream(gz.toDoubleArray()).sum(), eval(T.sum(g)).item(), 1e-12);
    }

    /** R_op: for distinct values pooling is locally linear, so R_op equals the central difference along ex. */
    @Test
    void rOp() {
        Random r = new Random(16);
        NdArray xv = distinct(r, 1, 2, 5, 4), ev = distinct(r, 1, 2, 5, 4);
        Variable x = T.tensor4("x", DType.FLOAT64), e = T.tensor4("e", DType.FLOAT64);
        double h = 1e-7;
        double[] xp = xv.toDoubleArray(), xm = xv.toDoubleArray(), ea = ev.toDoubleArray();
        for (int i = 0; i < xp.length; i++) { xp[i] += h * ea[i]; xm[i] -= h * ea[i]; }
        for (String mode : MODES) {
            Variable y = NNet.pool2d(x, new int[] {2, 2}, true, new int[] {1, 2}, new int[] {1, 0}, mode);
            Variable rop = Gradient.rop(List.of(y), List.of(x), List.of(e)).get(0);
            if (mode.equals("max")) assertEquals("MaxPoolRop{ignore_border=True, mode='max', ndim=2}", rop.owner().op().toString());
            // Linear modes: the R-op no longer depends on x, only on the eval point.
            double[] got = (mode.equals("max") ? eval(rop, List.of(x, e), xv, ev) : eval(rop, List.of(e), ev)).toDoubleArray();
            double[] fp = eval(y, List.of(x), arr(xv.shape(), xp)).toDoubleArray(), fm = eval(y, List.of(x), arr(xv.shape(), xm)).toDoubleArray();
            for (int i = 0; i < got.length; i++) assertEquals((fp[i] - fm[i]) / (2 * h), got[i], 1e-6, mode + " element " + i);
        }
    }

    @Test
    void maxPool2dSameSize() {
        Variable x = T.tensor4("x", DType.FLOAT64);
        NdArray v = arr(s(1, 1, 2, 4), 1, 5, 3, 2, 4, 0, 7, 6);
        assertArray(eval(NNet.maxPool2dSameSize(x, new int[] {2, 2}), List.of(x), v), DType.FLOAT64, s(1, 1, 2, 4), 0, 5, 0, 0, 0, 0, 7, 0);
    }

    @Test
    void printingTypesGraphAndErrors() {
        Variable x = T.tensor(DType.FLOAT32, new boolean[] {true, false, true, false}, "x");
        Variable y = NNet.pool2d(x, new int[] {2, 2}, true);
        assertEquals("Pool{ignore_border=True, mode='max', ndim=2}", y.owner().op().toString());
        assertEquals(new TensorType(DType.FLOAT32, true, false, false, false), y.type());
        Variable g = Gradient.grad(T.sum(y), List.of(x)).get(0);
        assertEquals("MaxPoolGrad{ignore_border=True, mode='max', ndim=2}", g.owner().op().toString());
        Variable ya = NNet.pool2d(T.tensor4("a", DType.FLOAT64), new int[] {2, 2}, false, null, null, "average_exc_pad");
        Variable ga = Gradient.grad(T.sum(ya), List.of(ya.owner().inputs().get(0))).get(0);
        assertEquals("AveragePoolGrad{ignore_border=False, mode='average_exc_pad', ndim=2}", ga.owner().op().toString());
        List<String> warnings = new ArrayList<>();
        var old = NNet.warningSink;
        NNet.warningSink = warnings::add;
        try {
            Variable d = NNet.pool2d(x, new int[] {2, 2}, null, null, null, "max");
            assertEquals("Pool{ignore_border=False, mode='max', ndim=2}", d.owner().op().toString());
            assertEquals(1, warnings.size());
        } finally {
            NNet.warningSink = old;
        }
        assertThrows(TheanoNotImplementedError.class, () -> NNet.pool2d(x, new int[] {2, 2}, false, null, new int[] {1, 1}, "max"));
        assertThrows(TheanoNotImplementedError.class, () -> NNet.pool2d(x, new int[] {2, 2}, true, null, new int[] {2, 0}, "max"));
        assertThrows(org.theanojvm.engine.errors.TheanoValueError.class, () -> NNet.pool2d(x, new int[] {2, 2}, true, null, null, "min"));
        assertThrows(TheanoNotImplementedError.class, () -> NNet.pool2d(T.vector("v", DType.FLOAT64), new int[] {2, 2}, true));
        assertTrue(Pool.outShape(s(7, 7), s(3, 3), false, s(2, 2), s(0, 0), 2)[0] == 3);
    }
}
