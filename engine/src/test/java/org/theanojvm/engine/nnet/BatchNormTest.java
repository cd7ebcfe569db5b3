package org.theanojvm.engine.nnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.arr;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** theano.tensor.nnet.bn functions against statistics computed with plain loops. */
class BatchNormTest {
    static NdArray rand(Random r, long... shape) { return ConvTest.rand(r, shape); }

    @Test
    void batchNormalizationFormula() {
        Random r = new Random(31);
        NdArray x = rand(r, 3, 2), g = rand(r, 2), b = rand(r, 2), m = rand(r, 2), sd = NdArray.vector(0.5, 2.0);
        Variable xv = T.dmatrix("x"), gv = T.dvector("g"), bv = T.dvector("b"), mv = T.dvector("m"), sv = T.dvector("s");
        for (String mode : new String[] {"low_mem", "high_mem"}) {
            NdArray got = eval(NNet.batchNormalization(xv, gv, bv, mv, sv, mode), List.of(xv, gv, bv, mv, sv), x, g, b, m, sd);
            for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) {
                double e = (x.getDouble(i, j) - m.getDouble(j)) / sd.getDouble(j) * g.getDouble(j) + b.getDouble(j);
                assertEquals(e, got.getDouble(i, j), 1e-12);
            }
        }
        assertThrows(TheanoValueError.class, () -> NNet.batchNormalization(xv, gv, bv, mv, sv, "other"));
    }

    @Test
    void trainPerActivationWithRunningAverages() {
        Random r = new Random(32);
        int n = 4, f = 3;
        NdArray x = rand(r, n, f), g = rand(r, f), b = rand(r, f), rm = rand(r, f), rv = NdArray.vector(0.5, 1.0, 1.5);
        Variable xv = T.dmatrix("x"), gv = T.dvector("g"), bv = T.dvector("b"), rmv = T.dvector("rm"), rvv = T.dvector("rv");
        double eps = 1e-3, fac = 0.2;
        List<Variable> outs = NNet.batchNormalizationTrain(xv, gv, bv, "per-activation", eps, fac, rmv, rvv);
        assertEquals(5, outs.size());
        assertEquals(1, outs.get(1).ndim()); // parameters given without the batch axis: statistics lose it too
        NdArray[] res = Function.compile(List.of(xv, gv, bv, rmv, rvv), outs).call(x, g, b, rm, rv);
        for (int j = 0; j < f; j++) {
            double mean = 0, var = 0;
            for (int i = 0; i < n; i++) mean += x.getDouble(i, j) / n;
            for (int i = 0; i < n; i++) var += Math.pow(x.getDouble(i, j) - mean, 2) / n;
            double invstd = 1 / Math.sqrt(var + eps);
            assertEquals(mean, res[1].getDouble(j), 1e-12);
            assertEquals(invstd, res[2].getDouble(j), 1e-10);
            for (int i = 0; i < n; i++) assertEquals((x.getDouble(i, j) - mean) * invstd * g.getDouble(j) + b.getDouble(j), res[0].getDouble(i, j), 1e-10);
            assertEquals(rm.getDouble(j) * (1 - fac) + mean * fac, res[3].getDouble(j), 1e-12);
            assertEquals(rv.getDouble(j) * (1 - fac) + var * n / (n - 1.0) * fac, res[4].getDouble(j), 1e-12);
        }
    }

    @Test
    void trainSpatialAndTest() {
        Random r = new Random(33);
        NdArray x = rand(r, 2, 3, 2, 2), g = rand(r, 1, 3, 1, 1), b = rand(r, 1, 3, 1, 1);
        Variable xv = T.tensor4("x", DType.FLOAT64), gv = T.tensor4("g", DType.FLOAT64), bv = T.tensor4("b", DType.FLOAT64);
        List<Variable> outs = NNet.batchNormalizationTrain(xv, gv, bv, "spatial", 1e-4, 0.1, null, null);
        assertEquals(3, outs.size());
        assertArrayEquals(new boolean[] {true, false, true, true}, outs.get(1).broadcastable()); // full-rank params keep the axes
        NdArray[] res = Function.compile(List.of(xv, gv, bv), outs).call(x, g, b);
        for (int c = 0; c < 3; c++) {
            double mean = 0, var = 0;
            for (int i = 0; i < 2; i++) for (int h = 0; h < 2; h++) for (int w = 0; w < 2; w++) mean += x.getDouble(i, c, h, w) / 8;
            for (int i = 0; i < 2; i++) for (int h = 0; h < 2; h++) for (int w = 0; w < 2; w++) var += Math.pow(x.getDouble(i, c, h, w) - mean, 2) / 8;
            assertEquals(mean, res[1].getDouble(0, c, 0, 0), 1e-12);
            assertEquals(1 / Math.sqrt(var + 1e-4), res[2].getDouble(0, c, 0, 0), 1e-10);
            double e = (x.getDouble(1, c, 0, 1) - mean) / Math.sqrt(var + 1e-4) * g.getDouble(0, c, 0, 0) + b.getDouble(0, c, 0, 0);
            assertEquals(e, res[0].getDouble(1, c, 0, 1), 1e-10);
        }
        // batch_normalization_test with an explicit axes tuple (0, 2, 3) = spatial, parameters without those axes.
        Variable g1 = T.dvector("g1"), b1 = T.dvector("b1"), m1 = T.dvector("m1"), v1 = T.dvector("v1");
        NdArray gg = rand(r, 3), bb = rand(r, 3), mm = rand(r, 3), vv = NdArray.vector(0.3, 0.8, 2.0);
        NdArray t = eval(NNet.batchNormalizationTest(xv, g1, b1, m1, v1, new int[] {0, 2, 3}, 1e-4), List.of(xv, g1, b1, m1, v1), x, gg, bb, mm, vv);
        for (int c = 0; c < 3; c++) {
            double e = (x.getDouble(0, c, 1, 0) - mm.getDouble(c)) * (gg.getDouble(c) / Math.sqrt(vv.getDouble(c) + 1e-4)) + bb.getDouble(c);
            assertEquals(e, t.getDouble(0, c, 1, 0), 1e-12);
        }
        assertThrows(TheanoValueError.class, () -> NNet.batchNormalizationTrain(xv, gv, bv, "spatial", 1e-6, 0.1, null, null));
        assertThrows(TheanoValueError.class, () -> NNet.batchNormalizationTrain(xv, gv, bv, new int[] {0, 4}, 1e-4, 0.1, null, null));
    }

    @Test
    void gradients() {
        Random r = new Random(34);
        NdArray x = rand(r, 4, 3), g = rand(r, 3), b = rand(r, 3);
        verifyGrad(v -> NNet.batchNormalizationTrain(v.get(0), v.get(1), v.get(2)).get(0), new NdArray[] {x, g, b}, 41);
        // The gradient through the returned statistics as well (Theano's L_op handles mean and invstd outputs).
        verifyGrad(v -> {
            List<Variable> o = NNet.batchNormalizationTrain(v.get(0), v.get(1), v.get(2));
            return T.add(T.sum(o.get(0), new int[] {0}, false, null, null), T.mul(o.get(1), o.get(2)));
        }, new NdArray[] {x, g, b}, 42);
        NdArray x4 = rand(r, 2, 2, 2, 2), g4 = rand(r, 2), b4 = rand(r, 2);
        verifyGrad(v -> NNet.batchNormalizationTrain(v.get(0), v.get(1), v.get(2), "spatial", 1e-4, 0.1, null, null).get(0),
                new NdArray[] {x4, g4, b4}, 43);
        verifyGrad(v -> NNet.batchNormalizationTest(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), "spatial", 1e-4),
                new NdArray[] {x4, g4, b4, rand(r, 2), NdArray.vector(0.5, 1.5)}, 44);
    }
}
