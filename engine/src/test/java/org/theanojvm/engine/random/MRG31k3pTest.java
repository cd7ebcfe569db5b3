package org.theanojvm.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * MRG31k3p against the generator's published definition (L'Ecuyer and Touzin 2000): the recurrences
 * x1[n] = (2^22 x1[n-2] + (2^7+1) x1[n-3]) mod (2^31-1), x2[n] = (2^15 x2[n-1] + (2^15+1) x2[n-3]) mod
 * (2^31-21069), output (x1 - x2) mod m1 (m1 when zero) over 2^31, computed here independently with
 * BigInteger; and the stream jump matrices against the one-step matrices raised to 2^72 and 2^134.
 */
class MRG31k3pTest {
    static final BigInteger M1 = BigInteger.valueOf(2147483647L), M2 = BigInteger.valueOf(2147462579L);

    /** The textbook recurrence on the history {x1[n-3..n-1]}, {x2[n-3..n-1]} (oldest first). */
    static long[] reference(long[] x1, long[] x2, int n) {
        long[] out = new long[n];
        long[] a = x1.clone(), b = x2.clone();
        for (int i = 0; i < n; i++) {
            BigInteger n1 = BigInteger.valueOf(a[1]).shiftLeft(22).add(BigInteger.valueOf(a[0]).multiply(BigInteger.valueOf(129))).mod(M1);
            BigInteger n2 = BigInteger.valueOf(b[2]).shiftLeft(15).add(BigInteger.valueOf(b[0]).multiply(BigInteger.valueOf(32769))).mod(M2);
            a = new long[] {a[1], a[2], n1.longValue()};
            b = new long[] {b[1], b[2], n2.longValue()};
            long d = BigInteger.valueOf(a[2] - b[2]).mod(M1).longValue();
            out[i] = d == 0 ? M1.longValue() : d;
        }
        return out;
    }

    @Test
    void stepFollowsThePublishedRecurrence() {
        for (int[] seed : new int[][] {{12345, 12345, 12345, 12345, 12345, 12345}, {1, 2, 3, 4, 5, 6},
                {2147483646, 2147483000, 1999999999, 2147462578, 1, 2147000000}}) {
            int[] s = seed.clone();
            // Theano's state is [x1[n], x1[n-1], x1[n-2], x2[n], x2[n-1], x2[n-2]]
            long[] ref = reference(new long[] {seed[2], seed[1], seed[0]}, new long[] {seed[5], seed[4], seed[3]}, 5000);
            for (int i = 0; i < ref.length; i++) assertEquals(ref[i], MRG31k3p.step(s, 0), "draw " + i);
        }
    }

    static long[][] matPow(long[][] a, int log2Power, BigInteger m) {
        BigInteger[][] r = new BigInteger[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = BigInteger.valueOf(a[i][j]);
        for (int k = 0; k < log2Power; k++) {
            BigInteger[][] sq = new BigInteger[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    BigInteger acc = BigInteger.ZERO;
                    for (int l = 0; l < 3; l++) acc = acc.add(r[i][l].multiply(r[l][j]));
                    sq[i][j] = acc.mod(m);
                }
            }
            r = sq;
        }
        long[][] out = new long[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) out[i][j] = r[i][j].longValue();
        return out;
    }

    @Test
    void jumpMatricesAreTheRecurrenceToThePowersTwo72And134() {
        assertArrayEquals(MRG31k3p.A1P72, matPow(MRG31k3p.A1P0, 72, M1));
        assertArrayEquals(MRG31k3p.A2P72, matPow(MRG31k3p.A2P0, 72, M2));
        assertArrayEquals(MRG31k3p.A1P134, matPow(MRG31k3p.A1P0, 134, M1));
        assertArrayEquals(MRG31k3p.A2P134, matPow(MRG31k3p.A2P0, 134, M2));
    }

    @Test
    void oneStepMatrixMatchesTheStepFunction() {
        // multMatVect with the one-step matrices advances the state exactly like step()
        int[] s = {12345, 12345, 12345, 12345, 12345, 12345};
        int[] viaMatrix = MRG31k3p.multMatVect(s, MRG31k3p.A1P0, MRG31k3p.A2P0);
        int[] viaStep = s.clone();
        MRG31k3p.step(viaStep, 0);
        assertArrayEquals(viaStep, viaMatrix);
    }

    @Test
    void samplesInDtype() {
        int[] s = {12345, 12345, 12345, 12345, 12345, 12345};
        int raw = MRG31k3p.step(s.clone(), 0);
        assertEquals(raw * 4.656612873077392578125e-10, MRG31k3p.toDouble(raw));
        assertEquals((float) raw * 4.6566126e-10f, MRG31k3p.toFloat(raw));
        // the extremes stay inside (0, 1) in both dtypes
        assertTrue(MRG31k3p.toFloat(MRG31k3p.M1) < 1.0f);
        assertTrue(MRG31k3p.toDouble(MRG31k3p.M1) < 1.0);
        assertTrue(MRG31k3p.toFloat(1) > 0f);
    }

    @Test
    void uniformOpDrawsRoundRobinOverStreamsAndReturnsTheNewStates() {
        int[] seed = MRG31k3p.seedState(new long[] {12345});
        int[] states = MRG31k3p.substreamStates(seed, 3);
        long[] init = new long[18];
        for (int i = 0; i < 18; i++) init[i] = states[i];
        SharedVariable rs = SharedVariable.create(NdArray.fromLongs(DType.INT32, new long[] {3, 6}, init), "rstate");
        List<Variable> outs = MrgUniform.sample(rs, T.constant(NdArray.fromLongs(DType.INT64, new long[] {2}, 2, 4)), DType.FLOAT64, -1);
        NdArray[] r = Function.compile(List.of(), outs).call();
        int[] expectState = states.clone();
        double[] expect = new double[8];
        for (int i = 0; i < 8; i++) expect[i] = MRG31k3p.toDouble(MRG31k3p.step(expectState, (i % 3) * 6));
        assertArrayEquals(expect, r[1].toDoubleArray());
        assertArrayEquals(new long[] {2, 4}, r[1].shape());
        long[] gotState = r[0].toLongArray();
        for (int i = 0; i < 18; i++) assertEquals(expectState[i], gotState[i]);
        assertEquals("mrg_uniform{TensorType(float64, matrix),no_inplace}", outs.get(1).owner().op().toString());
    }

    @Test
    void streamsAreSpacedBy2To72() {
        int[] seed = MRG31k3p.seedState(new long[] {42});
        int[] rows = MRG31k3p.substreamStates(seed, 2);
        int[] second = java.util.Arrays.copyOfRange(rows, 6, 12);
        assertArrayEquals(MRG31k3p.jump72(seed), second);
        // jumping by 2^72 twice is jumping by the square of the 2^72 matrix
        long[][] a1p73 = matPow(MRG31k3p.A1P0, 73, M1), a2p73 = matPow(MRG31k3p.A2P0, 73, M2);
        assertArrayEquals(MRG31k3p.multMatVect(seed, a1p73, a2p73), MRG31k3p.jump72(second));
    }

    @Test
    void seedsAreCheckedAsTheanoChecksThem() {
        assertThrows(TheanoValueError.class, () -> MRG31k3p.seedState(new long[] {0}));
        assertThrows(TheanoValueError.class, () -> MRG31k3p.seedState(new long[] {MRG31k3p.M2}));
        assertThrows(TheanoValueError.class, () -> MRG31k3p.seedState(new long[] {0, 0, 0, 1, 1, 1}));
        assertArrayEquals(new int[] {7, 7, 7, 7, 7, 7}, MRG31k3p.seedState(new long[] {7}));
    }

    @Test
    void multinomialFromUniformPicksByCumulativeProbability() {
        Variable p = T.constant(NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, 0.2, 0.3, 0.5, 0.6, 0.4, 0.0));
        Variable u = T.constant(NdArray.vector(0.1, 0.7, 0.45, 0.99));
        Variable n = T.constant(NdArray.scalarLong(DType.INT64, 2));
        Variable z = new MultinomialFromUniform(DType.INT64).makeNode(p, u, n).outputs().get(0);
        NdArray r = Function.compile(List.of(), List.of(z)).call()[0];
        // row 0 draws 0.1 and 0.45 -> outcomes 0 and 1; row 1 draws 0.7 and 0.99 -> outcome 1 twice
        assertArrayEquals(new long[] {1, 1, 0, 0, 2, 0}, r.toLongArray());
    }
}
