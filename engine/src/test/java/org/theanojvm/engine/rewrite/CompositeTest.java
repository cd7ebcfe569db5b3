package org.theanojvm.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.TestUtil;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

class CompositeTest {
    private static final DType D = DType.FLOAT64;

    /** ((i0 * i1) + i2) */
    private static Composite fma() {
        return new Composite(new DType[] {D, D, D},
                List.of(new Composite.Node(ArithmeticOps.MUL, new int[] {0, 1}), new Composite.Node(ArithmeticOps.ADD, new int[] {3, 2})), new int[] {4});
    }

    @Test
    void printsLikeTheano() {
        Composite c = fma();
        assertEquals("Composite{((i0 * i1) + i2)}", c.toString());
        assertEquals("Elemwise{Composite{((i0 * i1) + i2)}}", new Elemwise(c, null).toString());
        Composite e = new Composite(new DType[] {D}, List.of(new Composite.Node(ArithmeticOps.NEG, new int[] {0}),
                new Composite.Node(TranscendentalOps.SIGMOID, new int[] {1})), new int[] {2});
        assertEquals("Composite{scalar_sigmoid((-i0))}", e.toString());
    }

    @Test
    void evaluatesLikeTheSeparateNodes() {
        Variable x = T.dmatrix("x"), y = T.dmatrix("y"), z = T.row("z", DType.FLOAT64);
        Variable fused = new Elemwise(fma(), null).call(x, y, z);
        Variable separate = T.add(T.mul(x, y), z);
        NdArray a = TestUtil.arr(TestUtil.s(2, 3), 1, -2, 3, 4.5, 5, 6), b = TestUtil.arr(TestUtil.s(2, 3), .5, 2, -1, 0, 3, 1),
                c = TestUtil.arr(TestUtil.s(1, 3), 10, 20, 30);
        RewriteTestSupport.assertClose(TestUtil.eval(separate, List.of(x, y, z), a, b, c), TestUtil.eval(fused, List.of(x, y, z), a, b, c));
    }

    @Test
    void roundsIntermediatesToTheirDtype() {
        // uint8: (i0 + i1) wraps at 256 before the float division, as two separate Elemwise nodes would
        DType u8 = DType.UINT8;
        Composite c = new Composite(new DType[] {u8, u8}, List.of(new Composite.Node(ArithmeticOps.ADD, new int[] {0, 1}),
                new Composite.Node(ArithmeticOps.TRUE_DIV, new int[] {2, 1})), new int[] {3});
        assertEquals(DType.FLOAT64, c.refDType(3));
        assertEquals(DType.UINT8, c.refDType(2));
        assertEquals((double) ((200 + 100) % 256) / 100, c.evalDouble(new double[] {200, 100}), 1e-15);
        // float32 rounding of an intermediate
        Composite f = new Composite(new DType[] {DType.FLOAT32}, List.of(new Composite.Node(new Cast(DType.FLOAT64), new int[] {0}),
                new Composite.Node(ArithmeticOps.MUL, new int[] {0, 0})), new int[] {2});
        double v = 1.1;
        assertEquals((double) (float) ((float) v * (float) v), f.evalDouble(new double[] {(float) v}), 0);
    }

    @Test
    void integerCompositeUsesExactLongDomain() {
        DType i64 = DType.INT64;
        Composite c = new Composite(new DType[] {i64, i64}, List.of(new Composite.Node(ArithmeticOps.MUL, new int[] {0, 1}),
                new Composite.Node(ArithmeticOps.INT_DIV, new int[] {2, 1})), new int[] {3});
        assertEquals(true, c.hasLongImpl());
        long big = (1L << 60) + 1;
        assertEquals(big, c.evalLong(new long[] {big, 1}, i64));
    }

    @Test
    void gradientExpandsTheInnerGraph() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Composite c = new Composite(new DType[] {D, D}, List.of(new Composite.Node(TranscendentalOps.EXP, new int[] {0}),
                new Composite.Node(ArithmeticOps.MUL, new int[] {2, 1})), new int[] {3});
        Variable fused = new Elemwise(c, null).call(x, y);
        Variable sep = T.mul(T.exp(x), y);
        List<Variable> gf = Gradient.grad(T.sum(fused), List.of(x, y)), gs = Gradient.grad(T.sum(sep), List.of(x, y));
        NdArray a = NdArray.vector(0.5, -1, 2), b = NdArray.vector(3, 4, -5);
        for (int i = 0; i < 2; i++) {
            RewriteTestSupport.assertClose(TestUtil.eval(gs.get(i), List.of(x, y), a, b), TestUtil.eval(gf.get(i), List.of(x, y), a, b));
        }
    }

    @Test
    void equalityByStructureAndValidation() {
        assertEquals(fma(), fma());
        assertEquals(new Elemwise(fma(), null), new Elemwise(fma(), null));
        Composite other = new Composite(new DType[] {D, D, D},
                List.of(new Composite.Node(ArithmeticOps.MUL, new int[] {0, 2}), new Composite.Node(ArithmeticOps.ADD, new int[] {3, 1})), new int[] {4});
        assertNotEquals(fma(), other);
        assertThrows(IllegalArgumentException.class, () -> new Composite(new DType[] {D}, List.of(new Composite.Node(ArithmeticOps.NEG, new int[] {1})), new int[] {1}));
    }

    /**
     * 64-bit integers inside a Composite stay exact, as in the separate nodes (found by the differential
     * fuzzer): sqr(uint64(-x)) of x = 2.0 is (2**64 - 2)**2 mod 2**64 = 4, and a uint64 input above 2**63
     * added to a cast float keeps every bit. Through doubles the first gave 1 and the second 2**64 - 1.
     */
    @Test
    void sixtyFourBitIntegersStayExactInAFloatComposite() {
        DType u64 = DType.UINT64;
        Composite sqrOfCast = new Composite(new DType[] {D}, List.of(new Composite.Node(ArithmeticOps.NEG, new int[] {0}),
                new Composite.Node(new Cast(u64), new int[] {1}), new Composite.Node(ArithmeticOps.SQR, new int[] {2})), new int[] {3});
        Variable x = T.dvector("x");
        NdArray r = TestUtil.eval(new Elemwise(sqrOfCast, null).call(x), List.of(x), NdArray.vector(2.0, -3.0, 0.5));
        assertEquals(u64, r.dtype());
        assertEquals(4L, r.getLong(0));
        assertEquals(9L, r.getLong(1));
        assertEquals(0L, r.getLong(2));
        Composite addCast = new Composite(new DType[] {u64, D}, List.of(new Composite.Node(new Cast(u64), new int[] {1}),
                new Composite.Node(ArithmeticOps.ADD, new int[] {0, 2})), new int[] {3});
        Variable big = T.tensor(u64, new boolean[] {false}, "big");
        NdArray s = TestUtil.eval(new Elemwise(addCast, null).call(big, x), List.of(big, x), NdArray.fromLongs(u64, new long[] {3}, -3L, -3L, Long.MIN_VALUE),
                NdArray.vector(2.0, 1.0, 3.0));
        assertEquals(-1L, s.getLong(0)); // 2**64 - 3 + 2
        assertEquals(-2L, s.getLong(1));
        assertEquals(Long.MIN_VALUE + 3, s.getLong(2));
    }
}
