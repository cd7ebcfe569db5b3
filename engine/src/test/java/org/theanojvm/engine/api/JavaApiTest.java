package org.theanojvm.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.NNet;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The engine's Java API as a Java program uses it: Java arrays in and out, the function builder with
 * updates and givens, gradients. Expected values come from plain Java arithmetic written here, or from
 * finite differences of the compiled cost, never from the engine's own gradient.
 */
class JavaApiTest {
    // 8 examples of 3 features, labels 0/1 (not linearly separable: the cost stays away from 0)
    private static final double[] X = {0.5, -1.0, 2.0, 1.5, 0.2, -0.3, -0.7, 0.8, 1.1, 0.0, -1.2, 0.4,
        2.2, 1.0, -0.5, -1.5, -0.4, 0.9, 0.3, 0.3, 0.3, 1.0, -2.0, 0.1};
    private static final double[] Y = {1, 0, 1, 0, 1, 0, 0, 1};
    private static final int N = 8, D = 3;

    @Test
    void logisticRegressionTrainsLikeHandWrittenGradientDescent() {
        Variable x = T.dmatrix("x"), y = T.dvector("y");
        SharedVariable w = T.shared(NdArray.zeros(DType.FLOAT64, D), "w");
        SharedVariable b = T.shared(NdArray.scalar(0.0), "b");
        Variable p = T.sigmoid(T.add(T.dot(x, w), b));
        Variable cost = T.mean(NNet.binaryCrossentropy(p, y));
        List<Variable> g = Gradient.grad(cost, List.of(w, b));
        double lr = 0.5;
        Function train = Function.builder()
                .inputs(x, y)
                .outputs(cost)
                .update(w, T.sub(w, T.mul(lr, g.get(0))))
                .update(b, T.sub(b, T.mul(lr, g.get(1))))
                .name("train")
                .compile();

        double[] hw = new double[D];
        double hb = 0;
        NdArray xs = NdArray.wrap(X, N, D), ys = NdArray.wrap(Y);
        for (int step = 0; step < 25; step++) {
            // plain Java: cost at the current parameters, then one gradient step
            double c = 0, gb = 0;
            double[] gw = new double[D];
            for (int i = 0; i < N; i++) {
                double z = hb;
                for (int j = 0; j < D; j++) z += X[i * D + j] * hw[j];
                double pi = 1 / (1 + Math.exp(-z));
                c -= (Y[i] * Math.log(pi) + (1 - Y[i]) * Math.log(1 - pi)) / N;
                for (int j = 0; j < D; j++) gw[j] += (pi - Y[i]) * X[i * D + j] / N;
                gb += (pi - Y[i]) / N;
            }
            for (int j = 0; j < D; j++) hw[j] -= lr * gw[j];
            hb -= lr * gb;

            NdArray out = train.call(xs, ys)[0];
            assertEquals(0, out.ndim());
            assertEquals(c, out.item(), 1e-12, "cost at step " + step);
        }
        assertArrayEquals(hw, w.getValue().toDoubleArray(), 1e-12);
        assertEquals(hb, b.getValue().item(), 1e-12);
        assertEquals(Math.log(2), firstCostOf(x, y, cost), 1e-15); // sanity of the data: p = 0.5 at w = 0
    }

    private static double firstCostOf(Variable x, Variable y, Variable cost) {
        SharedVariable w0 = T.shared(NdArray.zeros(DType.FLOAT64, D), "w0");
        SharedVariable b0 = T.shared(NdArray.scalar(0.0), "b0");
        Variable p = T.sigmoid(T.add(T.dot(x, w0), b0));
        Function f = Function.compile(List.of(x, y), List.of(T.mean(NNet.binaryCrossentropy(p, y))));
        return f.call(NdArray.wrap(X, N, D), NdArray.wrap(Y))[0].item();
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Variable x = T.dmatrix("x");
        double[] w0 = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25};
        SharedVariable w = T.shared(NdArray.wrap(w0.clone(), 3, 2), "W");
        // a cost with a matrix product, a nonlinearity, a reduction and a product of w with itself
        Variable cost = T.add(T.sum(T.sqr(T.tanh(T.dot(x, w)))), T.mul(0.5, T.sum(T.mul(w, w))));
        Function costF = Function.builder().inputs(x).outputs(cost).compile();
        Function gradF = Function.builder().inputs(x).outputs(Gradient.grad(cost, w)).compile();
        NdArray xs = NdArray.wrap(X, N, D);
        double[] analytic = gradF.call(xs)[0].toDoubleArray();
        double h = 1e-6;
        for (int k = 0; k < w0.length; k++) {
            double[] plus = w0.clone(), minus = w0.clone();
            plus[k] += h;
            minus[k] -= h;
            w.setValue(NdArray.wrap(plus, 3, 2), false);
            double cp = costF.call(xs)[0].item();
            w.setValue(NdArray.wrap(minus, 3, 2), false);
            double cm = costF.call(xs)[0].item();
            assertEquals((cp - cm) / (2 * h), analytic[k], 1e-6, "d cost / d W[" + k + "]");
        }
    }

    @Test
    void wrappedJavaArraysAreReadInPlaceAndKeepTheirDtype() {
        double[] data = {1, 2, 3, 4, 5, 6};
        NdArray a = NdArray.wrap(data, 2, 3);
        assertEquals(DType.FLOAT64, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        data[4] = 50; // no copy: the array sees the change
        assertEquals(50, a.getDouble(1, 1));
        assertEquals(DType.FLOAT32, NdArray.wrap(new float[] {1f}).dtype());
        assertEquals(DType.INT32, NdArray.wrap(new int[] {1, 2}).dtype());
        assertEquals(DType.INT64, NdArray.wrap(new long[] {1, 2}).dtype());
        assertThrows(TheanoValueError.class, () -> NdArray.wrap(data, 4, 2));

        // float32 in, float32 out: 2 * x + 1 computed by hand
        Variable x = T.fvector("x");
        Function f = Function.compile(List.of(x), List.of(T.add(T.mul(x, T.constant(2.0f, null, DType.FLOAT32)), T.constant(1.0f, null, DType.FLOAT32))));
        float[] in = {0.5f, -3f, 1e3f};
        NdArray out = f.call(in)[0]; // a float[] argument is wrapped, not converted to float64
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(new float[] {2f, -5f, 2001f}, out.toFloatArray());
        assertArrayEquals(new float[] {0.5f, -3f, 1000f}, in); // arguments are never written
    }

    @Test
    void updatesAsAMapAndGivensReplaceVariables() {
        SharedVariable count = T.shared(NdArray.scalar(0.0), "count");
        SharedVariable total = T.shared(NdArray.scalar(0.0), "total");
        Variable step = T.dscalar("step");
        Map<SharedVariable, Variable> updates = new LinkedHashMap<>();
        updates.put(count, T.add(count, 1.0));
        updates.put(total, T.add(total, step));
        Function acc = Function.compile(List.of(step), List.of(T.add(total, step)), updates);
        double expectTotal = 0;
        for (double s : new double[] {1.5, -0.25, 4}) {
            assertEquals(expectTotal + s, acc.call(s)[0].item());
            expectTotal += s;
        }
        assertEquals(3.0, count.getValue().item());
        assertEquals(expectTotal, total.getValue().item());

        // givens: the function reads a shared dataset in place of x, selected by an index input
        SharedVariable data = T.shared(NdArray.wrap(new double[] {10, 20, 30, 40}, 2, 2), "data");
        Variable x = T.dvector("x");
        Variable row = T.lscalar("row");
        Function pick = Function.builder()
                .inputs(row)
                .outputs(T.sum(T.mul(x, x)))
                .given(x, T.getitem(data, row))
                .compile();
        assertEquals(30.0 * 30 + 40 * 40, pick.call(1L)[0].item());
        assertEquals(10.0 * 10 + 20 * 20, pick.call(0L)[0].item());
    }

    @Test
    void inputDefaultsAndModes() {
        Variable x = T.dscalar("x"), y = T.dscalar("y");
        Function f = Function.builder()
                .inputs(In.of(x), In.of(y).withValue(NdArray.scalar(10.0)))
                .outputs(T.sub(x, y))
                .mode("FAST_COMPILE")
                .compile();
        assertEquals("reference", f.executor().name());
        assertEquals(-7.0, f.call(3.0)[0].item());
        assertEquals(1.0, f.call(3.0, 2.0)[0].item());
        assertEquals(-4.0, f.call(List.of(6.0), Map.of("y", 10.0))[0].item());
    }
}
