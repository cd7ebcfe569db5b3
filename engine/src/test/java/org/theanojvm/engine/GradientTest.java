package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.DisconnectedInputError;
import org.theanojvm.engine.errors.NullTypeGradError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.gradient.GradOps;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.printing.PP;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

class GradientTest {
    static final NdArray A = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 0.3, -1.2, 0.7, 1.9, -0.4, 0.55);
    static final NdArray B = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1.1, 0.6, -0.8, 0.45, 1.3, -1.7);
    static final NdArray P = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 0.3, 1.2, 0.7, 1.9, 0.4, 0.55); // positive
    static final NdArray U = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 0.3, -0.2, 0.7, -0.9, 0.4, 0.55); // |u| < 1

    private static void g1(Function<Variable, Variable> f, NdArray at) { verifyGrad(v -> f.apply(v.get(0)), new NdArray[] {at}, 42); }

    private static void g2(java.util.function.BiFunction<Variable, Variable, Variable> f, NdArray a, NdArray b) {
        verifyGrad(v -> f.apply(v.get(0), v.get(1)), new NdArray[] {a, b}, 7);
    }

    @Test
    void elementwiseGradients() {
        g1(T::exp, A);
        g1(T::exp2, A);
        g1(T::expm1, A);
        g1(T::log, P);
        g1(T::log2, P);
        g1(T::log10, P);
        g1(T::log1p, P);
        g1(T::sqrt, P);
        g1(T::sin, A);
        g1(T::cos, A);
        g1(T::tan, A);
        g1(T::arcsin, U);
        g1(T::arccos, U);
        g1(T::arctan, A);
        g1(T::tanh, A);
        g1(T::sinh, A);
        g1(T::cosh, A);
        g1(T::sigmoid, A);
        g1(T::softplus, A);
        g1(T::neg, A);
        g1(T::sqr, A);
        g1(T::abs, A);
        g1(x -> T.pow(x, 3L), A);
        g1(x -> T.clip(x, -0.5, 0.6), A);
        g1(x -> T.cast(T.cast(x, DType.COMPLEX128), DType.FLOAT64), A);
        g2(T::add, A, B);
        g2(T::sub, A, B);
        g2(T::mul, A, B);
        g2(T::trueDiv, A, B);
        g2(T::pow, P, B);
        g2(T::maximum, A, B);
        g2(T::minimum, A, B);
        g2(T::mod, P, NdArray.full(DType.FLOAT64, 0.25, 2, 3));
        g2((x, y) -> T.switch_(T.gt(x, y), T.mul(x, y), T.sqr(y)), A, B);
        g2((x, y) -> T.mul(T.add(x, y, x), x), A, B); // a variable used several times
    }

    @Test
    void broadcastingGradientsSumOverStretchedAxes() {
        NdArray row = NdArray.fromDoubles(DType.FLOAT64, s(3), 0.5, -1, 2);
        verifyGrad(v -> T.mul(v.get(0), v.get(1)), new NdArray[] {A, row}, 3);
        verifyGrad(v -> T.add(v.get(0), T.dimshuffle(v.get(1), "x", 0)), new NdArray[] {A, row}, 4);
        verifyGrad(v -> T.mul(v.get(0), T.dimshuffle(T.sum(v.get(0), new int[] {1}, false, null, null), 0, "x")), new NdArray[] {A}, 5);
    }

    @Test
    void structuralGradients() {
        NdArray v3 = NdArray.vector(0.2, -0.7, 1.3);
        NdArray m32 = NdArray.fromDoubles(DType.FLOAT64, s(3, 2), 0.1, 0.2, -0.3, 0.4, 0.5, -0.6);
        g1(x -> T.sum(x), A);
        g1(x -> T.sum(x, new int[] {0}, false, null, null), A);
        g1(x -> T.sum(x, new int[] {1}, true, null, null), A);
        g1(x -> T.prod(x, new int[] {1}, false, null, null), A);
        g1(x -> T.max(x, new int[] {1}, false), A);
        g1(x -> T.max(x, null, false), A);
        g1(x -> T.min(x, new int[] {0}, false), A);
        g1(x -> T.mean(x, new int[] {0}, false, null, null), A);
        g1(x -> T.mean(x, null, false, null, null), A);
        g1(T::transpose, A);
        g1(x -> T.dimshuffle(x, 1, "x", 0), A);
        g1(x -> T.reshape(x, new long[] {3, -1}), A);
        g1(x -> T.flatten(x, 1), A);
        g1(T::softmax, A);
        g1(T::softmax, v3);
        g1(x -> T.subtensor(x, SubtensorOps.idx(1L)), A);
        g1(x -> T.subtensor(x, SubtensorOps.all(), SubtensorOps.slice(null, null, -2L)), A);
        g1(x -> T.advancedSubtensor1(x, T.constant(NdArray.fromLongs(DType.INT64, s(3), 1, 0, 1))), A);
        g1(x -> T.alloc(x, 4L, 3L), v3);
        g1(x -> T.fill(T.zeros(new Object[] {2L, 3L}, null), x), v3);
        g2((x, y) -> T.setSubtensor(T.subtensor(x, SubtensorOps.idx(0L)), y), A, v3);
        g2((x, y) -> T.incSubtensor(T.subtensor(x, SubtensorOps.slice(1L, null, null)), y), A, v3);
        g2((x, y) -> T.incSubtensor(T.advancedSubtensor1(x, T.constant(NdArray.fromLongs(DType.INT64, s(2), 1, 1))), y), A, v3);
        g2(T::dot, A, m32);
        g2(T::dot, NdArray.vector(0.3, -0.9), A);
        g2(T::dot, A, v3);
        g2(T::dot, v3, v3);
        g2(T::outer, v3, NdArray.vector(1.5, -2));
    }

    @Test
    void gradOfSquareEvaluatesAndPrintsAsTheano() {
        Variable x = T.dscalar("x");
        Variable gy = Gradient.grad(T.pow(x, 2L), x);
        assertEquals("((fill((x ** TensorConstant{2}), TensorConstant{1.0}) * TensorConstant{2}) * (x ** (TensorConstant{2} - TensorConstant{1})))",
                PP.pp(gy));
        assertArray(eval(gy, List.of(x), 4.0), DType.FLOAT64, s(), 8);
        // seed 001: bar.grad evaluated at 10
        assertArray(eval(gy, List.of(x), NdArray.scalar(10)), DType.FLOAT64, s(), 20);
    }

    @Test
    void gradErrorsAndOptions() {
        Variable x = T.dvector("x"), y = T.dvector("y"), c = T.dscalar("c");
        TheanoTypeError e = assertThrows(TheanoTypeError.class, () -> Gradient.grad(T.mul(x, 2L), List.of(x)));
        assertEquals("cost must be a scalar.", e.getMessage());
        DisconnectedInputError d = assertThrows(DisconnectedInputError.class, () -> Gradient.grad(T.sum(x), List.of(y)));
        assertEquals("grad method was asked to compute the gradient with respect to a variable that is not part of the computational graph "
                + "of the cost, or is used only by a non-differentiable operator: y", d.getMessage());
        List<Variable> g = Gradient.grad(T.sum(x), List.of(x, y), null, "ignore", true, null, "zero", "raise");
        assertArray(eval(g.get(1), List.of(y), NdArray.vector(1, 2)), DType.FLOAT64, s(2), 0, 0);
        assertNull(Gradient.grad(T.sum(x), List.of(y), null, "ignore", true, null, "None", "raise").get(0));
        // argmax is not connected to its input (MaxAndArgmax's connection pattern), as in Theano
        Variable viaArgmax = T.sum(T.cast(T.argmax(x, null, false), DType.FLOAT64));
        assertThrows(DisconnectedInputError.class, () -> Gradient.grad(viaArgmax, x));
        // through a comparison (connected, bool output) the gradient is zero
        Variable viaCmp = T.sum(T.mul(T.gt(x, 0L), 3.0));
        assertArray(eval(Gradient.grad(viaCmp, x), List.of(x), NdArray.vector(1, 3)), DType.FLOAT64, s(2), 0, 0);
        // zero_grad / disconnected_grad / consider_constant
        Variable cost = T.sum(T.mul(x, GradOps.zeroGrad(x)));
        assertArray(eval(Gradient.grad(cost, x), List.of(x), NdArray.vector(2, 3)), DType.FLOAT64, s(2), 2, 3);
        Variable cost2 = T.sum(T.mul(x, GradOps.disconnectedGrad(x)));
        assertArray(eval(Gradient.grad(cost2, x), List.of(x), NdArray.vector(2, 3)), DType.FLOAT64, s(2), 2, 3);
        assertThrows(DisconnectedInputError.class, () -> Gradient.grad(T.sum(GradOps.disconnectedGrad(x)), List.of(x)));
        Variable h = T.mul(x, x);
        Variable cost3 = T.sum(T.mul(h, x));
        List<Variable> gc = Gradient.grad(cost3, List.of(x), List.of(h), "raise", true, null, "zero", "raise");
        assertArray(eval(gc.get(0), List.of(x), NdArray.vector(2, 3)), DType.FLOAT64, s(2), 4, 9);
        // known_grads
        Map<Variable, Variable> known = Map.of(h, T.onesLike(h));
        List<Variable> gk = Gradient.grad(null, List.of(x), null, "raise", true, known, "zero", "raise");
        assertArray(eval(gk.get(0), List.of(x), NdArray.vector(2, 3)), DType.FLOAT64, s(2), 4, 6);
        // named cost and wrt name the gradient
        Variable named = T.sum(T.sqr(x)).setName("cost");
        assertEquals("(dcost/dx)", Gradient.grad(named, x).name());
        // integer division has no useful gradient: zero
        assertArray(eval(Gradient.grad(T.sum(T.intDiv(x, 2L)), x), List.of(x), NdArray.vector(3, 5)), DType.FLOAT64, s(2), 0, 0);
        // gradient of a float32 graph stays float32
        Variable f = T.fvector("f");
        assertEquals(DType.FLOAT32, Gradient.grad(T.sum(T.sqr(f)), f).dtype());
        assertEquals(c, c);
    }

    @Test
    void nullGradientRaises() {
        Variable x = T.dvector("x");
        Variable undefined = new org.theanojvm.engine.types.NullType("because").makeVariable(null);
        Map<Variable, Variable> known = Map.of(x, undefined);
        Variable y = T.dvector("y");
        Variable z = T.mul(x, y);
        NullTypeGradError e = assertThrows(NullTypeGradError.class,
                () -> Gradient.grad(null, List.of(y), null, "raise", true, Map.of(z, undefined), "zero", "raise"));
        assertEquals("tensor.grad encountered a NaN. because", e.getMessage());
        assertEquals(1, known.size());
    }

    @Test
    void ropAndLop() {
        // seed 002: y = dot(x, W); JV = Rop(y, W, V); f([[1,1],[1,1]], [[2,2],[2,2]], [0,1]) == [2, 2]
        Variable w = T.dmatrix("W"), v = T.dmatrix("V"), x = T.dvector("x");
        Variable y = T.dot(x, w);
        Variable jv = Gradient.rop(List.of(y), List.of(w), List.of(v)).get(0);
        NdArray ones = NdArray.full(DType.FLOAT64, 1, 2, 2), twos = NdArray.full(DType.FLOAT64, 2, 2, 2);
        assertArray(eval(jv, List.of(w, v, x), ones, twos, NdArray.vector(0, 1)), DType.FLOAT64, s(2), 2, 2);
        // Rop through elementwise and reductions equals a finite-difference directional derivative
        Variable a = T.dvector("a"), e = T.dvector("e");
        Variable out = T.sum(T.mul(T.exp(a), T.sin(a)));
        Variable r = Gradient.rop(List.of(out), List.of(a), List.of(e)).get(0);
        double[] av = {0.3, -0.5}, ev = {1.0, 2.0};
        double h = 1e-6, fp = 0, fm = 0;
        for (int i = 0; i < 2; i++) {
            fp += Math.exp(av[i] + h * ev[i]) * Math.sin(av[i] + h * ev[i]);
            fm += Math.exp(av[i] - h * ev[i]) * Math.sin(av[i] - h * ev[i]);
        }
        NdArray rv = eval(r, List.of(a, e), NdArray.vector(av), NdArray.vector(ev));
        assertEquals((fp - fm) / (2 * h), rv.item(), 1e-6);
        // Lop: v^T J for y = W x
        Variable lv = T.dvector("lv");
        Variable lop = Gradient.lop(List.of(T.dot(w, x)), List.of(x), List.of(lv), null, "raise").get(0);
        NdArray wv = NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 1, 2, 3, 4);
        assertArray(eval(lop, List.of(w, lv), wv, NdArray.vector(1, -1)), DType.FLOAT64, s(2), -2, -2);
    }
}
