package org.theanojvm.engine.nnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.arr;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/** Elementwise nnet functions, cross-entropies and confusion_matrix against formulas evaluated here. */
class NNetFunctionsTest {
    // Points away from the kinks of relu/elu/hard_sigmoid so finite differences are valid.
    static final double[] XS = {-3.7, -1.2, -0.4, 0.3, 0.9, 2.2, 4.1};

    static NdArray xs() { return NdArray.vector(XS); }

    static void checkUnary(java.util.function.Function<Variable, Variable> f, DoubleUnaryOperator expected) {
        Variable x = T.dvector("x");
        double[] got = eval(f.apply(x), List.of(x), xs()).toDoubleArray();
        for (int i = 0; i < XS.length; i++) assertEquals(expected.applyAsDouble(XS[i]), got[i], 1e-12, "at " + XS[i]);
    }

    @Test
    void activationValues() {
        checkUnary(NNet::softsign, v -> v / (1 + Math.abs(v)));
        checkUnary(NNet::hardSigmoid, v -> Math.min(1, Math.max(0, 0.2 * v + 0.5)));
        checkUnary(NNet::relu, v -> Math.max(0, v));
        checkUnary(x -> NNet.relu(x, 0.1), v -> v > 0 ? v : 0.1 * v); // leaky relu
        checkUnary(NNet::elu, v -> v > 0 ? v : Math.expm1(v));
        checkUnary(x -> NNet.elu(x, 0.5), v -> v > 0 ? v : 0.5 * Math.expm1(v));
        double a = 1.6732632423543772, sc = 1.0507009873554805;
        checkUnary(NNet::selu, v -> sc * (v > 0 ? v : a * Math.expm1(v)));
        // ultra_fast_sigmoid: hand values of Theano's piecewise approximation at x = 2 (x/2 = 1 < 1.7),
        // x = 4 (x/2 = 2 in [1.7, 3)), x = 8 (saturated) and the odd symmetry around 0.5.
        Variable x = T.dvector("x");
        double[] u = eval(NNet.ultraFastSigmoid(x), List.of(x), NdArray.vector(0, 2, 4, 8, -4)).toDoubleArray();
        assertEquals(0.5, u[0], 1e-15);
        assertEquals(0.5 * (1.5 * 1 / 2 + 1), u[1], 1e-15);
        assertEquals(0.5 * (0.935409070603099 + 0.0458812946797165 * 0.3 + 1), u[2], 1e-15);
        assertEquals(0.5 * (0.99505475368673 + 1), u[3], 1e-15);
        assertEquals(1 - u[2], u[4], 1e-15);
        for (int i = 0; i < XS.length; i++) assertEquals(1 / (1 + Math.exp(-XS[i])), eval(NNet.ultraFastSigmoid(x), List.of(x), xs()).toDoubleArray()[i], 0.03);
    }

    @Test
    void activationGradients() {
        NdArray[] p = {xs()};
        verifyGrad(v -> NNet.softsign(v.get(0)), p, 1);
        verifyGrad(v -> NNet.hardSigmoid(v.get(0)), p, 2);
        verifyGrad(v -> NNet.relu(v.get(0)), p, 3);
        verifyGrad(v -> NNet.relu(v.get(0), 0.3), p, 4);
        verifyGrad(v -> NNet.elu(v.get(0)), p, 5);
        verifyGrad(v -> NNet.selu(v.get(0)), p, 6);
        // ultra_fast_sigmoid's gradient is Theano's y * (1 - y) of the approximation, not its exact slope.
        Variable x = T.dvector("x");
        Variable g = Gradient.grad(T.sum(NNet.ultraFastSigmoid(x)), List.of(x)).get(0);
        double[] gv = eval(g, List.of(x), xs()).toDoubleArray(), y = eval(NNet.ultraFastSigmoid(x), List.of(x), xs()).toDoubleArray();
        for (int i = 0; i < XS.length; i++) assertEquals(y[i] * (1 - y[i]), gv[i], 1e-15);
    }

    @Test
    void printingAndTypes() {
        Variable x = T.fvector("x");
        Variable u = NNet.ultraFastSigmoid(x);
        assertEquals("ultra_fast_sigmoid", u.owner().op().toString());
        assertEquals(DType.FLOAT32, u.dtype());
        assertEquals("softsign", NNet.softsign(x).owner().op().toString());
        assertEquals(DType.FLOAT64, NNet.softsign(T.ivector("i")).dtype()); // upgrade_to_float
        assertEquals(DType.FLOAT32, NNet.hardSigmoid(x).dtype());
    }

    @Test
    void binaryCrossentropies() {
        double[] o = {0.1, 0.4, 0.75, 0.95}, t = {0, 1, 0.3, 1};
        double[] z = {-2.5, -0.2, 0.0, 3.1}; // includes 0, where sigmoid_binary_crossentropy's gradient override matters
        Variable ov = T.dvector("o"), tv = T.dvector("t");
        double[] bce = eval(NNet.binaryCrossentropy(ov, tv), List.of(ov, tv), NdArray.vector(o), NdArray.vector(t)).toDoubleArray();
        for (int i = 0; i < 4; i++) assertEquals(-(t[i] * Math.log(o[i]) + (1 - t[i]) * Math.log(1 - o[i])), bce[i], 1e-12);
        double[] sbce = eval(NNet.sigmoidBinaryCrossentropy(ov, tv), List.of(ov, tv), NdArray.vector(z), NdArray.vector(t)).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            double s = 1 / (1 + Math.exp(-z[i]));
            assertEquals(-(t[i] * Math.log(s) + (1 - t[i]) * Math.log(1 - s)), sbce[i], 1e-12);
        }
        // Stable for large logits where the naive form overflows to inf/nan.
        assertEquals(100.0, eval(NNet.sigmoidBinaryCrossentropy(ov, tv), List.of(ov, tv), NdArray.vector(-100), NdArray.vector(1)).item(), 1e-12);
        List<Variable> g = Gradient.grad(T.sum(NNet.sigmoidBinaryCrossentropy(ov, tv)), List.of(ov, tv));
        double[] go = eval(g.get(0), List.of(ov, tv), NdArray.vector(z), NdArray.vector(t)).toDoubleArray();
        double[] gt = eval(g.get(1), List.of(ov, tv), NdArray.vector(z), NdArray.vector(t)).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])) - t[i], go[i], 1e-12);
            assertEquals(-z[i], gt[i], 1e-12);
        }
        verifyGrad(v -> NNet.binaryCrossentropy(v.get(0), v.get(1)), new NdArray[] {NdArray.vector(o), NdArray.vector(t)}, 7);
        verifyGrad(v -> NNet.sigmoidBinaryCrossentropy(v.get(0), v.get(1)), new NdArray[] {NdArray.vector(-2.5, -0.2, 0.7, 3.1), NdArray.vector(t)}, 8);
    }

    static final double[] CODING = {0.2, 0.5, 0.3, 0.6, 0.1, 0.3, 0.25, 0.25, 0.5};

    @Test
    void categoricalCrossentropyBothForms() {
        Variable c = T.dmatrix("c"), oneHot = T.dmatrix("t"), idx = T.ivector("y");
        NdArray cv = arr(s(3, 3), CODING);
        NdArray yv = NdArray.fromLongs(DType.INT32, s(3), 1, 0, 2);
        NdArray hv = arr(s(3, 3), 0, 1, 0, 1, 0, 0, 0, 0, 1);
        double[] expect = {-Math.log(0.5), -Math.log(0.6), -Math.log(0.5)};
        Variable byIdx = NNet.categoricalCrossentropy(c, idx);
        assertEquals("CrossentropyCategorical1Hot", byIdx.owner().op().toString());
        assertEquals(new TensorType(DType.FLOAT64, false), byIdx.type());
        assertArrayEquals(expect, eval(byIdx, List.of(c, idx), cv, yv).toDoubleArray(), 1e-12);
        assertArrayEquals(expect, eval(NNet.categoricalCrossentropy(c, oneHot), List.of(c, oneHot), cv, hv).toDoubleArray(), 1e-12);
        Variable g = Gradient.grad(T.sum(byIdx), List.of(c)).get(0);
        assertEquals("CrossentropyCategorical1HotGrad", g.owner().op().toString());
        double[] gv = eval(g, List.of(c, idx), cv, yv).toDoubleArray();
        assertArrayEquals(new double[] {0, -1 / 0.5, 0, -1 / 0.6, 0, 0, 0, 0, -1 / 0.5}, gv, 1e-12);
        Variable yc = T.constant(yv);
        verifyGrad(v -> NNet.categoricalCrossentropy(v.get(0), yc), new NdArray[] {cv}, 9);
        verifyGrad(v -> NNet.categoricalCrossentropy(v.get(0), v.get(1)), new NdArray[] {cv, hv}, 10);
        assertThrows(TheanoTypeError.class, () -> NNet.categoricalCrossentropy(c, T.dvector("f")));
        assertThrows(TheanoTypeError.class, () -> NNet.categoricalCrossentropy(c, T.dscalar("f")));
        TheanoException e = assertThrows(TheanoException.class, () -> eval(byIdx, List.of(c, idx), cv, NdArray.fromLongs(DType.INT32, s(3), 1, 3, 0)));
        assertEquals("ValueError", e.pythonExceptionType());
    }

    @Test
    void crossentropySoftmax1Hot() {
        double[] xv = {0.5, -1.0, 2.0, 0.0, 3.0, 3.0};
        double[] bv = {0.1, -0.2, 0.3};
        Variable x = T.dmatrix("x"), b = T.dvector("b"), y = T.lvector("y");
        NdArray ya = NdArray.fromLongs(DType.INT64, s(2), 2, 0);
        List<Variable> outs = NNet.crossentropySoftmaxArgmax1HotWithBias(x, b, y);
        assertEquals("CrossentropySoftmaxArgmax1HotWithBias", outs.get(0).owner().op().toString());
        assertEquals(DType.INT64, outs.get(2).dtype());
        var f = org.theanojvm.engine.function.Function.compile(List.of(x, b, y), outs);
        NdArray[] r = f.call(arr(s(2, 3), xv), NdArray.vector(bv), ya);
        long[] yy = {2, 0};
        for (int i = 0; i < 2; i++) {
            double[] row = new double[3];
            double z = 0;
            for (int j = 0; j < 3; j++) z += Math.exp(row[j] = xv[i * 3 + j] + bv[j]);
            for (int j = 0; j < 3; j++) assertEquals(Math.exp(row[j]) / z, r[1].getDouble(i, j), 1e-12);
            int am = 0;
            for (int j = 1; j < 3; j++) if (row[j] > row[am]) am = j;
            assertEquals(am, r[2].toLongArray()[i]);
            assertEquals(-Math.log(Math.exp(row[(int) yy[i]]) / z), r[0].getDouble(i), 1e-12);
        }
        // crossentropy_softmax_1hot uses a zero bias.
        List<Variable> nb = NNet.crossentropySoftmax1Hot(x, y);
        double[] nll = eval(nb.get(0), List.of(x, y), arr(s(2, 3), xv), ya).toDoubleArray();
        assertEquals(-Math.log(Math.exp(2.0) / (Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0))), nll[0], 1e-12);
        Variable yc = T.constant(ya);
        NdArray xa = arr(s(2, 3), xv);
        verifyGrad(v -> NNet.crossentropySoftmax1HotWithBias(v.get(0), v.get(1), yc).get(0), new NdArray[] {xa, NdArray.vector(bv)}, 11);
        verifyGrad(v -> NNet.crossentropySoftmax1HotWithBias(v.get(0), v.get(1), yc).get(1), new NdArray[] {xa, NdArray.vector(bv)}, 12);
        // Both outputs at once (the gradient sums the nll and softmax terms).
        verifyGrad(v -> {
            List<Variable> o = NNet.crossentropySoftmax1HotWithBias(v.get(0), v.get(1), yc);
            return T.add(o.get(1), T.dimshuffle(o.get(0), new int[] {0, -1}));
        }, new NdArray[] {xa, NdArray.vector(bv)}, 13);
        Variable g = Gradient.grad(T.sum(nb.get(0)), List.of(x)).get(0);
        assertEquals("CrossentropySoftmax1HotWithBiasDx", findOp(g, "CrossentropySoftmax1HotWithBiasDx"));
        // Dx's own gradient (second order) wrt dy and sm.
        NdArray sm = arr(s(2, 3), 0.2, 0.3, 0.5, 0.6, 0.3, 0.1);
        verifyGrad(v -> NNet.crossentropySoftmax1HotWithBiasDx(v.get(0), v.get(1), yc), new NdArray[] {NdArray.vector(0.7, -1.3), sm}, 14);
    }

    /** Name of the first op with this name found walking up from v, or "" (graph shape checks without hard-coding structure). */
    static String findOp(Variable v, String name) {
        java.util.ArrayDeque<Variable> q = new java.util.ArrayDeque<>(List.of(v));
        java.util.Set<Variable> seen = new java.util.HashSet<>();
        while (!q.isEmpty()) {
            Variable c = q.poll();
            if (!seen.add(c) || c.owner() == null) continue;
            if (c.owner().op().toString().equals(name)) return name;
            q.addAll(c.owner().inputs());
        }
        return "";
    }

    @Test
    void confusionMatrix() {
        Variable a = T.lvector("a"), p = T.lvector("p");
        List<Variable> cm = NNet.confusionMatrix(a, p);
        var f = org.theanojvm.engine.function.Function.compile(List.of(a, p), cm);
        NdArray[] r = f.call(NdArray.fromLongs(DType.INT64, s(6), 0, 1, 2, 2, 5, 1), NdArray.fromLongs(DType.INT64, s(6), 0, 2, 2, 1, 5, 1));
        assertArrayEquals(new long[] {0, 1, 2, 5}, r[1].toLongArray());
        assertEquals(DType.INT64, r[0].dtype());
        // rows = actual, columns = predicted over the labels (0, 1, 2, 5)
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1}, r[0].toLongArray());
        assertThrows(org.theanojvm.engine.errors.TheanoValueError.class, () -> NNet.confusionMatrix(T.matrix("m", DType.INT64), p));
    }
}
