package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

class ElemwiseTest {
    static final double[] XS = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.3, -0.7};

    private static void unary(Function<Variable, Variable> op, DoubleUnaryOperator ref, double[] xs) {
        Variable x = T.dvector("x");
        NdArray r = eval(op.apply(x), List.of(x), NdArray.vector(xs));
        double[] exp = new double[xs.length];
        for (int i = 0; i < xs.length; i++) exp[i] = ref.applyAsDouble(xs[i]);
        assertArray(r, DType.FLOAT64, s(xs.length), exp);
    }

    @Test
    void unaryFloatOpsAgainstJavaMath() {
        double[] pos = {0.1, 0.5, 1.0, 2.0, 3.7};
        double[] unit = {-0.9, -0.3, 0.0, 0.4, 0.8};
        unary(T::exp, Math::exp, XS);
        unary(T::expm1, Math::expm1, XS);
        unary(T::exp2, v -> Math.pow(2, v), XS);
        unary(T::log, Math::log, pos);
        unary(T::log1p, Math::log1p, pos);
        unary(T::log2, v -> Math.log(v) / Math.log(2), pos);
        unary(T::log10, Math::log10, pos);
        unary(T::sqrt, Math::sqrt, pos);
        unary(T::sin, Math::sin, XS);
        unary(T::cos, Math::cos, XS);
        unary(T::tan, Math::tan, XS);
        unary(T::arcsin, Math::asin, unit);
        unary(T::arccos, Math::acos, unit);
        unary(T::arctan, Math::atan, XS);
        unary(T::tanh, Math::tanh, XS);
        unary(T::sinh, Math::sinh, XS);
        unary(T::cosh, Math::cosh, XS);
        unary(T::sigmoid, v -> 1 / (1 + Math.exp(-v)), XS);
        unary(T::softplus, v -> Math.log(1 + Math.exp(v)), XS);
        unary(T::neg, v -> -v, XS);
        unary(T::sqr, v -> v * v, XS);
        unary(T::abs, Math::abs, XS);
        unary(T::sgn, Math::signum, XS);
        unary(T::floor, Math::floor, XS);
        unary(T::ceil, Math::ceil, XS);
        // NumPy round: halves to even; Theano 1.0's default T.round: halves away from zero
        assertArray(eval(T.round(T.constant(NdArray.vector(XS)), "half_to_even")), DType.FLOAT64, s(8), -2, -2, -0.0, 0, 2, 2, 0, -1);
        assertArray(eval(T.round(T.constant(NdArray.vector(XS)), null)), DType.FLOAT64, s(8), -3, -2, -1, 1, 2, 3, 0, -1);
        // softplus saturation as Theano: exactly x above 30, 0 below -30
        assertArray(eval(T.softplus(T.constant(NdArray.vector(40, -40)))), DType.FLOAT64, s(2), 40, 0);
    }

    private static void binary(BiFunction<Variable, Variable, Variable> op, DoubleBinaryOperator ref, double[] a, double[] b) {
        Variable x = T.dvector("x"), y = T.dvector("y");
        NdArray r = eval(op.apply(x, y), List.of(x, y), NdArray.vector(a), NdArray.vector(b));
        double[] exp = new double[a.length];
        for (int i = 0; i < a.length; i++) exp[i] = ref.applyAsDouble(a[i], b[i]);
        assertArray(r, r.dtype(), s(a.length), exp);
    }

    @Test
    void binaryFloatOps() {
        double[] a = {7, -7, 7, -7, 2.5, 0};
        double[] b = {2, 2, -2, -2, 0.5, 3};
        binary(T::add, Double::sum, a, b);
        binary(T::sub, (p, q) -> p - q, a, b);
        binary(T::mul, (p, q) -> p * q, a, b);
        binary(T::trueDiv, (p, q) -> p / q, a, b);
        binary(T::intDiv, (p, q) -> Math.floor(p / q), a, b);
        binary(T::mod, (p, q) -> p - Math.floor(p / q) * q, a, b); // Python: 7 % -2 == -1
        binary(T::pow, Math::pow, new double[] {2, 9, 1.5}, new double[] {10, 0.5, 2});
        binary(T::maximum, Math::max, a, b);
        binary(T::minimum, Math::min, a, b);
        binary(T::lt, (p, q) -> p < q ? 1 : 0, a, b);
        binary(T::ge, (p, q) -> p >= q ? 1 : 0, a, b);
        binary(T::eq, (p, q) -> p == q ? 1 : 0, new double[] {1, 2}, new double[] {1, 3});
        binary(T::neq, (p, q) -> p != q ? 1 : 0, new double[] {1, 2}, new double[] {1, 3});
    }

    @Test
    void integerSemanticsFollowNumpy() {
        NdArray a = NdArray.fromLongs(DType.INT32, s(4), 7, -7, 7, -7);
        NdArray b = NdArray.fromLongs(DType.INT32, s(4), 2, 2, -2, -2);
        Variable x = T.ivector("x"), y = T.ivector("y");
        assertArray(eval(T.intDiv(x, y), List.of(x, y), a, b), DType.INT32, s(4), 3, -4, -4, 3);
        assertArray(eval(T.mod(x, y), List.of(x, y), a, b), DType.INT32, s(4), 1, 1, -1, -1);
        // int / int is floatX (true_div)
        assertArray(eval(T.trueDiv(x, y), List.of(x, y), a, b), DType.FLOAT64, s(4), 3.5, -3.5, -3.5, 3.5);
        assertArray(eval(T.pow(x, y), List.of(x, y), NdArray.fromLongs(DType.INT32, s(2), 3, -2), NdArray.fromLongs(DType.INT32, s(2), 3, 2)),
                DType.INT32, s(2), 27, 4);
        TheanoException e = assertThrows(TheanoException.class, () -> eval(T.pow(x, y), List.of(x, y),
                NdArray.fromLongs(DType.INT32, s(1), 2), NdArray.fromLongs(DType.INT32, s(1), -1)));
        assertEquals("ValueError", e.pythonExceptionType());
        assertEquals(DType.FLOAT64, T.exp(x).dtype());
        assertEquals(DType.FLOAT32, T.exp(T.vector("b", DType.INT8)).dtype());
        assertEquals(DType.BOOL, T.lt(x, y).dtype());
        assertEquals(DType.INT8, T.and_(T.vector("b", DType.INT8), T.vector("c", DType.BOOL)).dtype());
        Variable p = T.vector("p", DType.BOOL), q = T.vector("q", DType.BOOL);
        NdArray tf = NdArray.fromBooleans(s(4), true, true, false, false), ft = NdArray.fromBooleans(s(4), true, false, true, false);
        assertArray(eval(T.and_(p, q), List.of(p, q), tf, ft), DType.BOOL, s(4), 1, 0, 0, 0);
        assertArray(eval(T.or_(p, q), List.of(p, q), tf, ft), DType.BOOL, s(4), 1, 1, 1, 0);
        assertArray(eval(T.xor(p, q), List.of(p, q), tf, ft), DType.BOOL, s(4), 0, 1, 1, 0);
        assertArray(eval(T.invert(p), List.of(p), tf), DType.BOOL, s(4), 0, 0, 1, 1);
        assertArray(eval(T.invert(x), List.of(x), a), DType.INT32, s(4), -8, 6, -8, 6);
    }

    @Test
    void switchClipCastNan() {
        Variable x = T.dvector("x");
        NdArray v = NdArray.vector(-2, 0.5, 3, Double.NaN, Double.POSITIVE_INFINITY);
        assertArray(eval(T.switch_(T.gt(x, 0), x, T.neg(x)), List.of(x), v), DType.FLOAT64, s(5), 2, 0.5, 3, Double.NaN, Double.POSITIVE_INFINITY);
        assertArray(eval(T.clip(x, -1, 1), List.of(x), v), DType.FLOAT64, s(5), -1, 0.5, 1, Double.NaN, 1);
        assertArray(eval(T.isnan(x), List.of(x), v), DType.BOOL, s(5), 0, 0, 0, 1, 0);
        assertArray(eval(T.isinf(x), List.of(x), v), DType.BOOL, s(5), 0, 0, 0, 0, 1);
        Variable c = T.cast(x, DType.INT32);
        assertEquals("Elemwise{Cast{int32}}", c.owner().op().toString());
        assertArray(eval(c, List.of(x), NdArray.vector(-2.7, 2.7)), DType.INT32, s(2), -2, 2);
        assertEquals(x, T.cast(x, DType.FLOAT64));
        assertArray(eval(T.maximum(x, 0), List.of(x), NdArray.vector(Double.NaN, -1)), DType.FLOAT64, s(2), Double.NaN, 0);
    }

    @Test
    void broadcastingAndTypes() {
        Variable m = T.dmatrix("m"), r = T.row("r", DType.FLOAT64), v = T.dvector("v");
        Variable sum = T.add(m, r);
        assertEquals("TensorType(float64, matrix)", sum.type().toString());
        assertEquals("TensorType(float64, row)", T.add(r, T.dscalar("s")).type().toString());
        // a vector is padded on the left: (n,) -> (1, n)
        Variable mv = T.mul(m, v);
        assertEquals("DimShuffle{x,0}", mv.owner().inputs().get(1).owner().op().toString());
        NdArray mval = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        assertArray(eval(mv, List.of(m, v), mval, NdArray.vector(10, 100, 1000)), DType.FLOAT64, s(2, 3), 10, 200, 3000, 40, 500, 6000);
        Variable c = T.col("c", DType.FLOAT64);
        assertArray(eval(T.sub(c, r), List.of(c, r), NdArray.fromDoubles(DType.FLOAT64, s(2, 1), 1, 2),
                NdArray.fromDoubles(DType.FLOAT64, s(1, 3), 1, 2, 3)), DType.FLOAT64, s(2, 3), 0, -1, -2, 1, 0, -1);
        // float32 stays float32 with float32-exact literals; int8 literal keeps float32
        Variable f = T.fvector("f");
        assertEquals(DType.FLOAT32, T.mul(f, 2L).dtype());
        assertEquals(DType.FLOAT64, T.mul(f, T.dvector("d")).dtype());
        assertEquals(DType.FLOAT64, T.add(T.ivector("i"), f).dtype());
        assertEquals(DType.FLOAT32, T.add(T.vector("w", DType.INT16), f).dtype());
    }

    @Test
    void shapeMismatchCarriesTheanoContext() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        TheanoException e = assertThrows(TheanoException.class,
                () -> eval(T.add(x, y), List.of(x, y), NdArray.vector(1, 2), NdArray.vector(1, 2, 3)));
        assertEquals(TheanoValueError.PYTHON_TYPE, e.pythonExceptionType());
        String expected = "Input dimension mis-match. (input[0].shape[0] = 2, input[1].shape[0] = 3)\n"
                + "Apply node that caused the error: Elemwise{add,no_inplace}(x, y)\n"
                + "Toposort index: 0\n"
                + "Inputs types: [TensorType(float64, vector), TensorType(float64, vector)]\n"
                + "Inputs shapes: [(2,), (3,)]\n"
                + "Inputs strides: [(8,), (8,)]\n"
                + "Inputs values: [array([1., 2.]), array([1., 2., 3.])]\n"
                + "Outputs clients: [['output']]\n"
                + "\n"
                + "HINT: Re-running with most Theano optimization disabled could give you a back-trace of when this node was created. This can be "
                + "done with by setting the Theano flag 'optimizer=fast_compile'. If that does not work, Theano optimizations can be disabled with "
                + "'optimizer=None'.\n"
                + "HINT: Use the Theano flag 'exception_verbosity=high' for a debugprint and storage map footprint of this apply node.";
        assertEquals(expected, e.getMessage());
        Variable z = T.dvector("z");
        TheanoException e2 = assertThrows(TheanoException.class, () -> eval(T.mul(T.add(x, y), z), List.of(x, y, z),
                NdArray.vector(1, 2, 3, 4, 5, 6), NdArray.vector(1, 2, 3, 4, 5, 7), NdArray.vector(1)));
        assertEquals(TheanoValueError.PYTHON_TYPE, e2.pythonExceptionType());
        // z has length 1 but is not broadcastable: still a mismatch in Theano (with FAST_RUN the add and mul
        // are fused into one Elemwise{Composite{...}}, as in Theano, so x, y and z are all inputs of the failing node)
        assertEquals(true, e2.getMessage().contains("'not shown', array([1.])]"), e2.getMessage());
    }

    /**
     * fill(model, value) copies the value: a float model must not send a 64-bit integer through a double
     * (found by the differential fuzzer: fill(0.0f, cast(x, uint64)) gave 2**64 - 1 for 2**64 - 3).
     */
    @Test
    void fillWithAFloatModelKeepsLargeIntegersExact() {
        Variable model = T.fscalar("m");
        Variable big = T.scalar("v", DType.INT64), ubig = T.scalar("u", DType.UINT64);
        NdArray r = eval(T.fill(model, big), List.of(model, big), NdArray.scalar(DType.FLOAT32, 0.5), NdArray.scalarLong(DType.INT64, (1L << 62) + 1));
        assertEquals(DType.INT64, r.dtype());
        assertEquals((1L << 62) + 1, r.itemLong());
        NdArray u = eval(T.fill(model, ubig), List.of(model, ubig), NdArray.scalar(DType.FLOAT32, Float.NaN), NdArray.scalarLong(DType.UINT64, -3L));
        assertEquals(-3L, u.itemLong()); // 2**64 - 3 as the bits of a long
    }

    /** A bitwise op over uint64 and int64 has a float64 output (found by the differential fuzzer: it raised NotImplementedError). */
    @Test
    void bitwiseOpsWithAFloatOutputComputeOnIntegers() {
        Variable u = T.vector("u", DType.UINT64), i = T.vector("i", DType.INT64);
        NdArray u0 = NdArray.fromLongs(DType.UINT64, new long[] {3}, 5, 12, 0), i0 = NdArray.fromLongs(DType.INT64, new long[] {3}, 3, 10, 7);
        NdArray x = eval(T.xor(u, i), List.of(u, i), u0, i0);
        assertArray(x, DType.FLOAT64, s(3), 6, 6, 7);
        assertArray(eval(T.and_(u, i), List.of(u, i), u0, i0), DType.FLOAT64, s(3), 1, 8, 0);
        assertArray(eval(T.or_(u, i), List.of(u, i), u0, i0), DType.FLOAT64, s(3), 7, 14, 7);
    }

    /** -0.0 + -0.0 is -0.0, so gamma(x + x) of x = -0.0 is -inf (found by the differential fuzzer: the sum started from +0.0). */
    @Test
    void addingNegativeZerosKeepsTheSign() {
        Variable x = T.dvector("x");
        NdArray r = eval(T.add(x, x), List.of(x), NdArray.vector(-0.0, 0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.getDouble(0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(r.getDouble(1)));
        assertEquals(Double.NEGATIVE_INFINITY, eval(T.gamma(T.add(x, x)), List.of(x), NdArray.vector(-0.0)).getDouble(0));
    }
}
