package org.theanojvm.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** The linalg ops on the engine alone: no LAPACK backend is on the engine's test class path, so Hipparchus computes. */
class LinalgOpsTest {
    static final double[] SPD = {4, 1, 2, 1, 3, 0.5, 2, 0.5, 5};

    static NdArray m(double... v) {
        int n = (int) Math.round(Math.sqrt(v.length));
        return NdArray.fromDoubles(DType.FLOAT64, new long[] {n, n}, v);
    }

    static void close(double[] expected, NdArray got, double tol) {
        double[] g = got.toDoubleArray();
        assertEquals(expected.length, g.length);
        for (int i = 0; i < g.length; i++) assertEquals(expected[i], g[i], tol, "element " + i);
    }

    @Test
    void theEngineAloneUsesHipparchus() { assertEquals("Hipparchus", Linalg.backend().name()); }

    @Test
    void inverseDeterminantCholesky() {
        Variable x = T.constant(m(SPD));
        NdArray inv = eval(MatrixInverse.INSTANCE.call(x));
        // the inverse times the matrix is the identity
        NdArray prod = eval(T.dot(MatrixInverse.INSTANCE.call(x), x));
        close(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, prod, 1e-12);
        assertEquals(DType.FLOAT64, inv.dtype());
        assertEquals(44.0, eval(Det.INSTANCE.call(x)).item(), 1e-12);
        close(new double[] {2, 0, 0, 0.5, Math.sqrt(2.75), 0, 1, 0, 2}, eval(new Cholesky(true, "raise").call(x)), 1e-12);
    }

    @Test
    void float32StaysFloat32() {
        Variable x = T.constant(NdArray.fromDoubles(DType.FLOAT32, new long[] {2, 2}, 2, 0, 0, 4));
        NdArray inv = eval(MatrixInverse.INSTANCE.call(x));
        assertEquals(DType.FLOAT32, inv.dtype());
        close(new double[] {0.5, 0, 0, 0.25}, inv, 0);
        assertEquals(DType.FLOAT32, new Eigh("L").callAll(x).get(0).dtype());
    }

    @Test
    void eighAscendingAndReadsOneTriangle() {
        // the upper triangle is garbage: Eigh{UPLO='L'} must ignore it
        Variable x = T.constant(m(2, 99, 1, 2));
        List<Variable> wv = new Eigh("L").callAll(x);
        close(new double[] {1, 3}, eval(wv.get(0)), 1e-12);
        List<Variable> wu = new Eigh("U").callAll(T.constant(m(2, 1, 99, 2)));
        close(new double[] {1, 3}, eval(wu.get(0)), 1e-12);
    }

    @Test
    void eigOfAComplexPairKeepsRealParts() {
        // eigenvalues +-i: Theano keeps the real parts, 0 and 0
        List<Variable> wv = Eig.INSTANCE.callAll(T.constant(m(0, -1, 1, 0)));
        close(new double[] {0, 0}, eval(wv.get(0)), 1e-12);
        // numpy: [[0.7071, 0.7071], [-0.7071j, 0.7071j]] -> real parts
        double[] v = eval(wv.get(1)).toDoubleArray();
        assertEquals(Math.sqrt(0.5), Math.abs(v[0]), 1e-12);
        assertEquals(0, v[2], 1e-12);
    }

    @Test
    void svdAndQrReconstruct() {
        NdArray a = NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 2}, 1, 2, 3, 4, 5, 6);
        List<Variable> usv = new SVD(false, true).callAll(T.constant(a));
        NdArray u = eval(usv.get(0)), s = eval(usv.get(1)), vt = eval(usv.get(2));
        assertArrayEquals(new long[] {3, 2}, u.shape());
        close(new double[] {9.525518091565107, 0.5143005806586441}, s, 1e-12);
        List<Variable> full = new SVD(true, true).callAll(T.constant(a));
        assertArrayEquals(new long[] {3, 3}, eval(full.get(0)).shape());
        Variable us = T.mul(usv.get(0), usv.get(1));
        close(a.toDoubleArray(), eval(T.dot(us, usv.get(2))), 1e-12);
        List<Variable> qr = new QRFull("reduced").callAll(T.constant(a));
        close(a.toDoubleArray(), eval(T.dot(qr.get(0), qr.get(1))), 1e-12);
        assertArrayEquals(new long[] {3, 3}, eval(new QRFull("complete").callAll(T.constant(a)).get(0)).shape());
        assertEquals(2, vt.shape(0));
    }

    @Test
    void solveGeneralAndTriangular() {
        Variable a = T.constant(m(SPD));
        Variable b = T.constant(NdArray.vector(1, 2, 3));
        // a x = b checked by multiplying back
        close(new double[] {1, 2, 3}, eval(T.dot(a, new Solve("general", false, false, false).call(a, b))), 1e-12);
        // the lower triangle of SPD: [[4,0,0],[1,3,0],[2,0.5,5]]
        NdArray x = eval(new Solve("lower_triangular", true, false, false).call(a, b));
        close(new double[] {0.25, 7.0 / 12, (3 - 0.5 - 7.0 / 24) / 5}, x, 1e-12);
    }

    @Test
    void expmAndItsGradient() {
        double t = 0.3;
        NdArray e = eval(Expm.INSTANCE.call(T.constant(m(0, -t, t, 0))));
        close(new double[] {Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)}, e, 1e-12);
        verifyGrad(in -> T.sum(T.mul(Expm.INSTANCE.call(in.get(0)), T.constant(m(1, 2, 3, 4)))),
                new NdArray[] {m(0.1, 0.4, -0.3, 0.2)}, 7);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        NdArray a = m(SPD), general = m(3, 1, -1, 0.5, 2, 0.25, 1, -2, 4);
        // a non-symmetric point: a gradient missing a transpose would pass on a symmetric one
        verifyGrad(in -> MatrixInverse.INSTANCE.call(in.get(0)), new NdArray[] {general}, 1);
        verifyGrad(in -> Det.INSTANCE.call(in.get(0)), new NdArray[] {general}, 2);
        verifyGrad(in -> new Cholesky(true, "raise").call(in.get(0)), new NdArray[] {a}, 3);
        verifyGrad(in -> new Eigh("L").callAll(in.get(0)).get(0), new NdArray[] {a}, 4);
        verifyGrad(in -> new Solve("general", false, false, false).call(in.get(0), in.get(1)),
                new NdArray[] {general, NdArray.vector(1, -2, 0.5)}, 5);
        verifyGrad(in -> new Eigvalsh(true).call(in.get(0)), new NdArray[] {a}, 6);
        verifyGrad(in -> MatrixPinv.INSTANCE.call(in.get(0)), new NdArray[] {NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 2}, 1, 2, 3, 4, 5, 7)}, 8);
    }

    @Test
    void badInput() {
        assertThrows(TheanoAssertionError.class, () -> MatrixInverse.INSTANCE.call(T.dvector("v")));
        // the executor adds the node's context and keeps the Python exception type
        TheanoException e = assertThrows(TheanoException.class, () -> eval(MatrixInverse.INSTANCE.call(T.constant(m(1, 2, 2, 4)))));
        assertEquals("numpy.linalg.LinAlgError", e.pythonExceptionType());
        assertTrue(e.getMessage().startsWith("Singular matrix"), e.getMessage());
        e = assertThrows(TheanoException.class, () -> eval(new Cholesky(true, "raise").call(T.constant(m(-1, 0, 0, -1)))));
        assertEquals("numpy.linalg.LinAlgError", e.pythonExceptionType());
        assertEquals(0.0, eval(Det.INSTANCE.call(T.constant(m(1, 2, 2, 4)))).item(), 1e-12);
    }
}
