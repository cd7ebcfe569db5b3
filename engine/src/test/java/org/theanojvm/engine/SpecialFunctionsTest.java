package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The special functions of theano.scalar.basic_scipy (erf, gamma, psi, ...), the inverse hyperbolics and
 * arctan2: values against published tables (Abramowitz and Stegun, DLMF) and closed forms, dtypes, and
 * gradients against finite differences.
 */
class SpecialFunctionsTest {
    private static final double EULER = 0.5772156649015329;

    private static double at(Function<Variable, Variable> f, double x) {
        Variable v = T.dscalar("x");
        return eval(f.apply(v), List.of(v), NdArray.scalar(DType.FLOAT64, x)).item();
    }

    private static void close(double expected, double actual, double rel) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual);
            return;
        }
        assertEquals(expected, actual, rel * Math.max(1e-300, Math.abs(expected)), "expected " + expected + ", got " + actual);
    }

    @Test
    void errorFunctionsAgainstTables() {
        close(0.5204998778130465, at(T::erf, 0.5), 1e-14);
        close(-0.8427007929497149, at(T::erf, -1.0), 1e-14);
        close(0.15729920705028513, at(T::erfc, 1.0), 1e-13);
        close(2.088487583762545e-45, at(T::erfc, 10.0), 1e-12); // no cancellation in the tail
        close(0.4769362762044699, at(T::erfinv, 0.5), 1e-13);
        close(Double.POSITIVE_INFINITY, at(T::erfinv, 1.0), 0);
        close(Double.NaN, at(T::erfinv, 1.5), 0);
        close(0.4769362762044699, at(T::erfcinv, 0.5), 1e-13);
        close(-0.4769362762044699, at(T::erfcinv, 1.5), 1e-13);
        // erfcinv inverts erfc far in the tail, where 1 - x rounds to 1
        double y = at(T::erfcinv, 1e-20);
        close(1e-20, at(T::erfc, y), 1e-12);
    }

    @Test
    void gammaFamilyAgainstClosedForms() {
        close(362880, at(T::gamma, 10.0), 1e-14);
        close(Math.sqrt(Math.PI), at(T::gamma, 0.5), 1e-14);
        close(-2 * Math.sqrt(Math.PI), at(T::gamma, -0.5), 1e-14);
        close(Double.NaN, at(T::gamma, -2.0), 0);
        close(Math.log(362880), at(T::gammaln, 10.0), 1e-14);
        close(Math.log(2 * Math.sqrt(Math.PI)), at(T::gammaln, -0.5), 1e-14); // log |gamma(-0.5)|
        close(Double.POSITIVE_INFINITY, at(T::gammaln, -3.0), 0);
        close(-EULER, at(T::psi, 1.0), 1e-14);
        close(-EULER - 2 * Math.log(2), at(T::psi, 0.5), 1e-14);
        close(1 + 0.5 + 1.0 / 3 - EULER, at(T::psi, 4.0), 1e-14);
        close(-EULER - 2 * Math.log(2) + 2, at(T::psi, -0.5), 1e-13); // psi(x + 1) = psi(x) + 1/x
        close(Math.PI * Math.PI / 6, at(T::triGamma, 1.0), 1e-12);
        close(Math.PI * Math.PI / 2, at(T::triGamma, 0.5), 1e-12);
    }

    @Test
    void inverseHyperbolicsAndArctan2() {
        for (double v : new double[] {-3, -0.5, 0.25, 2, 1e10}) close(v, at(x -> T.sinh(T.arcsinh(x)), v), 1e-12);
        for (double v : new double[] {1, 1.5, 4, 1e10}) close(v, at(x -> T.cosh(T.arccosh(x)), v), 1e-12);
        for (double v : new double[] {-0.9, -0.2, 0.6}) close(v, at(x -> T.tanh(T.arctanh(x)), v), 1e-13);
        close(Double.NaN, at(T::arccosh, 0.5), 0);
        close(1e-20, at(T::arcsinh, 1e-20), 1e-15); // no cancellation near 0
        close(-1e-20, at(T::arctanh, -1e-20), 1e-15);
        close(Math.log(2e200), at(T::arcsinh, 1e200), 1e-15); // no overflow of x^2
        close(Double.POSITIVE_INFINITY, at(T::arctanh, 1.0), 0);
        Variable y = T.dscalar("y"), x = T.dscalar("x");
        NdArray r = eval(T.arctan2(y, x), List.of(y, x), NdArray.scalar(DType.FLOAT64, 1), NdArray.scalar(DType.FLOAT64, -1));
        close(3 * Math.PI / 4, r.item(), 1e-15);
    }

    @Test
    void dtypesFollowUpgradeToFloat() {
        assertEquals(DType.FLOAT32, T.erf(T.vector("b", DType.INT8)).dtype());
        assertEquals(DType.FLOAT64, T.gammaln(T.ivector("i")).dtype());
        assertEquals(DType.FLOAT32, T.psi(T.fvector("f")).dtype());
        assertEquals(DType.FLOAT32, T.arctan2(T.fvector("f"), T.vector("b", DType.INT8)).dtype());
        assertEquals(DType.FLOAT64, T.arctan2(T.fvector("f"), T.ivector("i")).dtype());
        // upgrade_to_float_no_complex
        assertThrows(TheanoTypeError.class, () -> T.erfinv(T.vector("z", DType.COMPLEX128)));
        assertEquals("Elemwise{erf,no_inplace}", T.erf(T.dvector("x")).owner().op().toString());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        NdArray a = NdArray.fromDoubles(DType.FLOAT64, new long[] {4}, -1.2, -0.3, 0.4, 1.1);
        NdArray unit = NdArray.fromDoubles(DType.FLOAT64, new long[] {4}, -0.7, -0.2, 0.3, 0.8);
        NdArray pos = NdArray.fromDoubles(DType.FLOAT64, new long[] {4}, 0.3, 1.2, 2.5, 4.0);
        NdArray big = NdArray.fromDoubles(DType.FLOAT64, new long[] {4}, 1.3, 1.9, 2.5, 4.0);
        verifyGrad(v -> T.erf(v.get(0)), new NdArray[] {a}, 1);
        verifyGrad(v -> T.erfc(v.get(0)), new NdArray[] {a}, 2);
        verifyGrad(v -> T.erfinv(v.get(0)), new NdArray[] {unit}, 3);
        verifyGrad(v -> T.erfcinv(v.get(0)), new NdArray[] {NdArray.fromDoubles(DType.FLOAT64, new long[] {3}, 0.3, 1.0, 1.7)}, 4);
        verifyGrad(v -> T.gamma(v.get(0)), new NdArray[] {pos}, 5);
        verifyGrad(v -> T.gammaln(v.get(0)), new NdArray[] {pos}, 6);
        verifyGrad(v -> T.psi(v.get(0)), new NdArray[] {pos}, 7);
        verifyGrad(v -> T.arcsinh(v.get(0)), new NdArray[] {a}, 8);
        verifyGrad(v -> T.arccosh(v.get(0)), new NdArray[] {big}, 9);
        verifyGrad(v -> T.arctanh(v.get(0)), new NdArray[] {unit}, 10);
        verifyGrad(v -> T.arctan2(v.get(0), v.get(1)), new NdArray[] {a, pos}, 11);
    }

    @Test
    void triGammaHasNoGradientAsInTheano() {
        Variable x = T.dscalar("x");
        assertThrows(TheanoNotImplementedError.class, () -> Gradient.grad(T.triGamma(x), List.of(x)));
    }
}
