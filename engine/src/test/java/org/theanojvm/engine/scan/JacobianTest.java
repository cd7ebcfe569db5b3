package org.theanojvm.engine.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.DisconnectedInputError;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Jacobian;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** jacobian / hessian built on scan, checked against closed forms and central differences. */
class JacobianTest {
    static final Random RNG = new Random(11);

    static double[] rand(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = RNG.nextDouble() * 2 - 1;
        return d;
    }

    static void assertClose(double[] expected, NdArray actual, double tol) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length, "size");
        for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], tol, "element " + i);
    }

    @Test
    void jacobianOfAffineMapIsTheMatrix() {
        // seed 002: y = dot(A, x) + b, theano.gradient.jacobian(y, x) == A
        Variable A = T.dmatrix("A"), x = T.dvector("x"), b = T.dvector("b");
        Variable y = T.add(T.dot(A, x), b);
        Variable J = Jacobian.jacobian(y, x);
        double[] av = rand(12);
        NdArray out = Function.compile(List.of(A, x, b), List.of(J)).call(NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 4}, av),
                NdArray.vector(rand(4)), NdArray.vector(rand(3)))[0];
        assertArrayEquals(new long[] {3, 4}, out.shape());
        assertClose(av, out, 1e-12);
        assertEquals("for{cpu,scan_fn}", J.owner().op().toString());
    }

    @Test
    void jacobianOfSquareIsDiagonalTwiceX() {
        Variable x = T.dvector("x");
        Variable J = Jacobian.jacobian(T.sqr(x), x);
        double[] xv = rand(4);
        double[] expected = new double[16];
        for (int i = 0; i < 4; i++) expected[i * 4 + i] = 2 * xv[i];
        assertClose(expected, Function.compile(List.of(x), List.of(J)).call(NdArray.vector(xv))[0], 1e-12);
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        // a nonlinear map with a matrix wrt: result shape (len(y),) + W.shape, compared element by element
        Variable W = T.dmatrix("W"), x = T.dvector("x");
        Variable y = T.tanh(T.dot(W, x));
        Variable J = Jacobian.jacobian(y, List.of(W, x), null, "raise").get(0);
        double[] wv = rand(6), xv = rand(3);
        Function fy = Function.compile(List.of(W, x), List.of(y));
        NdArray jv = Function.compile(List.of(W, x), List.of(J)).call(NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, wv), NdArray.vector(xv))[0];
        assertArrayEquals(new long[] {2, 2, 3}, jv.shape());
        double eps = 1e-6;
        for (int k = 0; k < 6; k++) {
            double[] p = wv.clone(), m = wv.clone();
            p[k] += eps;
            m[k] -= eps;
            double[] yp = fy.call(NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, p), NdArray.vector(xv))[0].toDoubleArray();
            double[] ym = fy.call(NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, m), NdArray.vector(xv))[0].toDoubleArray();
            for (int i = 0; i < 2; i++) assertEquals((yp[i] - ym[i]) / (2 * eps), jv.getDouble(i, k / 3, k % 3), 1e-7, "J[" + i + "][" + k + "]");
        }
    }

    @Test
    void hessianOfSumOfCubesIsDiagonalSixX() {
        Variable x = T.dvector("x");
        Variable H = Jacobian.hessian(T.sum(T.pow(x, 3)), x);
        double[] xv = rand(5);
        double[] expected = new double[25];
        for (int i = 0; i < 5; i++) expected[i * 5 + i] = 6 * xv[i];
        NdArray h = Function.compile(List.of(x), List.of(H)).call(NdArray.vector(xv))[0];
        assertArrayEquals(new long[] {5, 5}, h.shape());
        assertClose(expected, h, 1e-12);
    }

    @Test
    void hessianOfQuadraticFormIsSymmetrizedMatrix() {
        // cost = x^T A x: H = A + A^T, a non-diagonal check; the linear term b.x has zero second derivative
        Variable A = T.dmatrix("A"), x = T.dvector("x"), b = T.dvector("b");
        Variable cost = T.add(T.dot(x, T.dot(A, x)), T.dot(b, x));
        Variable H = Jacobian.hessian(cost, x);
        double[] av = rand(9);
        double[] expected = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) expected[i * 3 + j] = av[i * 3 + j] + av[j * 3 + i];
        NdArray h = Function.compile(List.of(A, x, b), List.of(H)).call(NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 3}, av),
                NdArray.vector(rand(3)), NdArray.vector(rand(3)))[0];
        assertClose(expected, h, 1e-12);
    }

    @Test
    void considerConstantAndDisconnectedInputs() {
        Variable x = T.dvector("x"), z = T.dvector("z");
        Variable c = T.mul(x, 2.0);
        // y = x * c with c held constant: J = diag(c) = diag(2x) instead of diag(4x)
        Variable J = Jacobian.jacobian(T.mul(x, c), List.of(x), List.of(c), "raise").get(0);
        double[] xv = rand(3);
        double[] expected = new double[9];
        for (int i = 0; i < 3; i++) expected[i * 3 + i] = 2 * xv[i];
        assertClose(expected, Function.compile(List.of(x), List.of(J)).call(NdArray.vector(xv))[0], 1e-12);
        // z does not influence y: raise by default, zeros with 'ignore'
        assertThrows(DisconnectedInputError.class, () -> Jacobian.jacobian(T.sqr(x), List.of(x, z), null, "raise"));
        Variable Jz = Jacobian.jacobian(T.sqr(x), List.of(x, z), null, "ignore").get(1);
        NdArray jz = Function.compile(List.of(x, z), List.of(Jz)).call(NdArray.vector(xv), NdArray.vector(rand(2)))[0];
        assertArrayEquals(new long[] {3, 2}, jz.shape());
        assertClose(new double[6], jz, 0);
    }

    @Test
    void scalarExpressionIsItsGradientAndBadRanksFail() {
        Variable x = T.dvector("x");
        Variable g = Jacobian.jacobian(T.sum(T.sqr(x)), List.of(x), null, null).get(0);
        double[] xv = rand(3);
        assertClose(new double[] {2 * xv[0], 2 * xv[1], 2 * xv[2]}, Function.compile(List.of(x), List.of(g)).call(NdArray.vector(xv))[0], 1e-12);
        assertThrows(TheanoAssertionError.class, () -> Jacobian.jacobian(T.dmatrix("m"), x));
        assertThrows(TheanoAssertionError.class, () -> Jacobian.hessian(T.sqr(x), x));
        assertThrows(TheanoAssertionError.class, () -> Jacobian.hessian(T.sum(T.dmatrix("m")), T.dmatrix("m2")));
    }
}
