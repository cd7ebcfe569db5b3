package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.NullTypeGradError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** arange, zero-aware prod gradient, var/std, tensordot / dot beyond 2-d / batched_dot, outer. */
class ExtraMathOpsTest {
    static NdArray seq(long[] shape, double scale, double shift) {
        double[] v = new double[(int) org.theanojvm.engine.ndarray.Strided.size(shape)];
        for (int i = 0; i < v.length; i++) v[i] = Math.sin(i * scale + shift);
        return NdArray.fromDoubles(DType.FLOAT64, shape, v);
    }

    @Test
    void arangeValuesAndDtypes() {
        Variable r = T.arange(5L);
        assertEquals("ARange{dtype='int64'}", r.owner().op().toString());
        assertArray(eval(r), DType.INT64, s(5), 0, 1, 2, 3, 4);
        assertArray(eval(T.arange(2L, 10L, 3L, null)), DType.INT64, s(3), 2, 5, 8);
        assertArray(eval(T.arange(5L, 0L, -2L, null)), DType.INT64, s(3), 5, 3, 1);
        assertArray(eval(T.arange(3L, 1L)), DType.INT64, s(0));
        // python floats autocast to float32 under floatX=float64 when exact, so the upcast is float32
        assertArray(eval(T.arange(0.0, 1.0, 0.25, null)), DType.FLOAT32, s(4), 0, 0.25, 0.5, 0.75);
        Variable n = T.lscalar("n"), d = T.dscalar("d");
        assertArray(eval(T.arange(n), List.of(n), 3L), DType.INT64, s(3), 0, 1, 2);
        Variable fr = T.arange(d, 2L, 0.5, null);
        assertEquals(DType.FLOAT64, fr.dtype());
        assertArray(eval(fr, List.of(d), 0.6), DType.FLOAT64, s(3), 0.6, 1.1, 1.6);
        // the implicit start 0 and step 1 are int8 constants: upcast(int8, uint8, int8) = int16 -> int64
        Variable u = T.scalar("u", DType.UINT8);
        assertEquals(DType.INT64, T.arange(u).dtype());
        assertEquals(DType.UINT64, T.arange(u, u, u, null).dtype());
        assertArray(eval(T.arange(0L, 5L, 2L, DType.FLOAT32)), DType.FLOAT32, s(3), 0, 2, 4);
        TheanoException e = assertThrows(TheanoException.class, () -> eval(T.arange(0L, 5L, 0L, null)));
        assertEquals("ZeroDivisionError", e.pythonExceptionType());
        // d out / d start = sum(gz), d out / d step = sum(gz * arange(n)); stop only sets the length
        verifyGrad(v -> T.arange(v.get(0), T.constant(5.0, null, DType.FLOAT64), v.get(1), DType.FLOAT64),
                new NdArray[] {NdArray.scalar(0.3), NdArray.scalar(0.7)}, 11);
    }

    @Test
    void prodGradientHandlesZeros() {
        Variable x = T.dmatrix("x");
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(3, 3), 1, 0, 3, 2, 0, 0, 4, 5, 6);
        Variable g = Gradient.grad(T.sum(T.prod(x, new int[] {1}, false, null, null)), x);
        // row 0 has one zero: only it gets the product of the others; row 1 has two zeros: all 0; row 2: prod / x
        assertArray(eval(g, List.of(x), m), DType.FLOAT64, s(3, 3), 0, 3, 0, 0, 0, 0, 30, 24, 20);
        NdArray[] pts = {m};
        verifyGrad(v -> T.prod(v.get(0), new int[] {1}, false, null, null), pts, 21);
        verifyGrad(v -> T.prod(v.get(0), new int[] {0}, false, null, null), pts, 22);
        verifyGrad(v -> T.prod(v.get(0), null, false, null, null), new NdArray[] {NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 1.5, 0, -2, 3)}, 23);
        verifyGrad(v -> T.prod(v.get(0), new int[] {1}, true, null, null), new NdArray[] {TestUtil.arr(s(2, 3), 0.5, 1.5, -2, 3, 0.25, 2)}, 24);
        // no_zeros_in_input keeps the plain prod / x rule (NaN at the zero)
        Variable gn = Gradient.grad(T.sum(T.prod(x, new int[] {1}, false, null, null, true)), x);
        assertTrue(Double.isNaN(eval(gn, List.of(x), m).getDouble(0, 1)));
        // second derivatives through ProdWithoutZeros are not implemented, as in Theano
        Variable v = T.dvector("v");
        Variable gv = Gradient.grad(T.prod(v, null, false, null, null), v);
        assertThrows(NullTypeGradError.class, () -> Gradient.grad(T.sum(gv), v));
    }

    /** Independent variance: mean of squared deviations, sum / (n - ddof). */
    static double variance(double[] v, int ddof) {
        double mu = 0;
        for (double d : v) mu += d;
        mu /= v.length;
        double s = 0;
        for (double d : v) s += (d - mu) * (d - mu);
        return s / (v.length - ddof);
    }

    @Test
    void varAndStd() {
        Variable x = T.dmatrix("x");
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, -2, 3, 4, 5, -6);
        double[] all = m.toDoubleArray();
        Variable v = T.var(x);
        assertEquals("var", v.name());
        assertArray(eval(v, List.of(x), m), DType.FLOAT64, s(), variance(all, 0));
        assertArray(eval(T.std(x), List.of(x), m), DType.FLOAT64, s(), Math.sqrt(variance(all, 0)));
        assertEquals("std", T.std(x).name());
        assertArray(eval(T.var(x, new int[] {0}, 0, false, false), List.of(x), m), DType.FLOAT64, s(3),
                variance(new double[] {1, 4}, 0), variance(new double[] {-2, 5}, 0), variance(new double[] {3, -6}, 0));
        assertArray(eval(T.var(x, new int[] {1}, 1, true, false), List.of(x), m), DType.FLOAT64, s(2, 1),
                variance(new double[] {1, -2, 3}, 1), variance(new double[] {4, 5, -6}, 1));
        assertArray(eval(T.std(x, new int[] {-1}, 1, false, true), List.of(x), m), DType.FLOAT64, s(2),
                Math.sqrt(variance(new double[] {1, -2, 3}, 1)), Math.sqrt(variance(new double[] {4, 5, -6}, 1)));
        assertArray(eval(T.var(x, null, 0, false, true), List.of(x), m), DType.FLOAT64, s(), variance(all, 0));
        assertEquals(DType.FLOAT32, T.var(T.fmatrix("f")).dtype());
        verifyGrad(w -> T.var(w.get(0), new int[] {1}, 0, false, false), new NdArray[] {m}, 31);
        verifyGrad(w -> T.std(w.get(0), null, 1, false, true), new NdArray[] {m}, 32);
    }

    /** Reference tensordot by loops over a (p..., k...) and b (k..., q...) already arranged. */
    static double[] tensordotRef(NdArray a, int[] aSum, NdArray b, int[] bSum) {
        int an = a.ndim(), bn = b.ndim();
        java.util.List<Integer> aFree = new java.util.ArrayList<>(), bFree = new java.util.ArrayList<>();
        for (int d = 0; d < an; d++) { final int dd = d; if (java.util.Arrays.stream(aSum).noneMatch(q -> q == dd)) aFree.add(d); }
        for (int d = 0; d < bn; d++) { final int dd = d; if (java.util.Arrays.stream(bSum).noneMatch(q -> q == dd)) bFree.add(d); }
        long[] free = new long[aFree.size() + bFree.size()];
        for (int i = 0; i < aFree.size(); i++) free[i] = a.shape(aFree.get(i));
        for (int i = 0; i < bFree.size(); i++) free[aFree.size() + i] = b.shape(bFree.get(i));
        long[] summed = new long[aSum.length];
        for (int i = 0; i < aSum.length; i++) summed[i] = a.shape(aSum[i]);
        int nOut = (int) org.theanojvm.engine.ndarray.Strided.size(free), nSum = (int) org.theanojvm.engine.ndarray.Strided.size(summed);
        double[] out = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            long[] fi = unravel(o, free);
            for (int q = 0; q < nSum; q++) {
                long[] si = unravel(q, summed);
                long[] ai = new long[an], bi = new long[bn];
                for (int i = 0; i < aFree.size(); i++) ai[aFree.get(i)] = fi[i];
                for (int i = 0; i < bFree.size(); i++) bi[bFree.get(i)] = fi[aFree.size() + i];
                for (int i = 0; i < aSum.length; i++) {
                    ai[aSum[i]] = si[i];
                    bi[bSum[i]] = si[i];
                }
                out[o] += a.getDouble(ai) * b.getDouble(bi);
            }
        }
        return out;
    }

    static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    @Test
    void tensordotAndDotBeyondMatrices() {
        NdArray a = seq(s(2, 3, 4), 0.7, 0.1), b = seq(s(4, 3, 2), 0.3, 0.5), c = seq(s(4, 5), 0.9, 0.2), d = seq(s(2, 4, 5), 0.4, 0.3);
        Variable va = T.tensor3("a", DType.FLOAT64), vb = T.tensor3("b", DType.FLOAT64), vc = T.dmatrix("c"), vd = T.tensor3("d", DType.FLOAT64);
        assertArray(eval(T.tensordot(va, vb, 1), List.of(va, vb), a, b), DType.FLOAT64, s(2, 3, 3, 2), tensordotRef(a, new int[] {2}, b, new int[] {0}));
        assertArray(eval(T.tensordot(va, vb, new int[][] {{1, 2}, {1, 0}}), List.of(va, vb), a, b), DType.FLOAT64, s(2, 2),
                tensordotRef(a, new int[] {1, 2}, b, new int[] {1, 0}));
        assertArray(eval(T.tensordot(va, vb, 0), List.of(va, vb), a, b), DType.FLOAT64, s(2, 3, 4, 4, 3, 2), tensordotRef(a, new int[0], b, new int[0]));
        // numpy.dot: last axis of a with the second-to-last of b
        assertArray(eval(T.dot(va, vc), List.of(va, vc), a, c), DType.FLOAT64, s(2, 3, 5), tensordotRef(a, new int[] {2}, c, new int[] {0}));
        assertArray(eval(T.dot(va, vd), List.of(va, vd), a, d), DType.FLOAT64, s(2, 3, 2, 5), tensordotRef(a, new int[] {2}, d, new int[] {1}));
        TheanoValueError e = assertThrows(TheanoValueError.class, () -> T.tensordot(va, vc, 4));
        assertEquals("axes can not be larger than the dimension of a (a.ndim=3, axes=4)", e.getMessage());
        verifyGrad(w -> T.tensordot(w.get(0), w.get(1), new int[][] {{1, 2}, {1, 0}}), new NdArray[] {a, b}, 41);
        verifyGrad(w -> T.dot(w.get(0), w.get(1)), new NdArray[] {a, d}, 42);
    }

    @Test
    void batchedDotAllRankCombinations() {
        NdArray x3 = seq(s(2, 3, 4), 0.7, 0.1), y3 = seq(s(2, 4, 5), 0.3, 0.5), x2 = seq(s(2, 4), 0.8, 0.2), y2 = seq(s(2, 4), 0.6, 0.9);
        Variable a = T.tensor3("a", DType.FLOAT64), b = T.tensor3("b", DType.FLOAT64), p = T.dmatrix("p"), q = T.dmatrix("q");
        Variable bd = T.batchedDot(a, b);
        assertEquals("BatchedDot", bd.owner().op().toString());
        double[] e = new double[2 * 3 * 5];
        for (int n = 0; n < 2; n++) for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 4; k++)
            e[n * 15 + i * 5 + j] += x3.getDouble(n, i, k) * y3.getDouble(n, k, j);
        assertArray(eval(bd, List.of(a, b), x3, y3), DType.FLOAT64, s(2, 3, 5), e);
        double[] e2 = new double[2 * 5];
        for (int n = 0; n < 2; n++) for (int j = 0; j < 5; j++) for (int k = 0; k < 4; k++) e2[n * 5 + j] += x2.getDouble(n, k) * y3.getDouble(n, k, j);
        assertArray(eval(T.batchedDot(p, b), List.of(p, b), x2, y3), DType.FLOAT64, s(2, 5), e2);
        double[] e3 = new double[2 * 3];
        for (int n = 0; n < 2; n++) for (int i = 0; i < 3; i++) for (int k = 0; k < 4; k++) e3[n * 3 + i] += x3.getDouble(n, i, k) * x2.getDouble(n, k);
        assertArray(eval(T.batchedDot(a, p), List.of(a, p), x3, x2), DType.FLOAT64, s(2, 3), e3);
        double[] e4 = new double[2];
        for (int n = 0; n < 2; n++) for (int k = 0; k < 4; k++) e4[n] += x2.getDouble(n, k) * y2.getDouble(n, k);
        assertArray(eval(T.batchedDot(p, q), List.of(p, q), x2, y2), DType.FLOAT64, s(2), e4);
        // four dimensions go through batched_tensordot
        NdArray x4 = seq(s(2, 2, 3, 4), 0.35, 0.05);
        Variable f4 = T.tensor4("f", DType.FLOAT64);
        NdArray r4 = eval(T.batchedDot(f4, b), List.of(f4, b), x4, y3);
        assertEquals("[2, 2, 3, 5]", java.util.Arrays.toString(r4.shape()));
        double acc = 0;
        for (int k = 0; k < 4; k++) acc += x4.getDouble(1, 0, 2, k) * y3.getDouble(1, k, 3);
        assertEquals(acc, r4.getDouble(1, 0, 2, 3), 1e-12);
        verifyGrad(w -> T.batchedDot(w.get(0), w.get(1)), new NdArray[] {x3, y3}, 51);
        verifyGrad(w -> T.batchedDot(w.get(0), w.get(1)), new NdArray[] {x2, y3}, 52);
        verifyGrad(w -> T.batchedDot(w.get(0), w.get(1)), new NdArray[] {x3, x2}, 53);
        verifyGrad(w -> T.batchedDot(w.get(0), w.get(1)), new NdArray[] {x2, y2}, 54);
        TheanoException ex = assertThrows(TheanoException.class, () -> eval(T.batchedDot(p, b), List.of(p, b), seq(s(3, 4), 1, 0), y3));
        assertEquals("TypeError", ex.pythonExceptionType());
    }

    @Test
    void outerFlattensMatrices() {
        Variable m = T.dmatrix("m"), v = T.dvector("v");
        NdArray mv = NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 1, 2, 3, 4);
        assertArray(eval(T.outer(m, v), List.of(m, v), mv, NdArray.vector(1, -1)), DType.FLOAT64, s(4, 2), 1, -1, 2, -2, 3, -3, 4, -4);
        verifyGrad(w -> T.outer(w.get(0), w.get(1)), new NdArray[] {NdArray.vector(0.5, 1.5, -2), NdArray.vector(3, 0.25)}, 61);
    }
}
