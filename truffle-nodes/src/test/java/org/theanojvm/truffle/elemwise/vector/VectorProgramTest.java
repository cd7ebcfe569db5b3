package org.theanojvm.truffle.elemwise.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.types.DType;

/** What compiles to a SIMD program, how registers are reused, and the SIMD tanh's accuracy. */
class VectorProgramTest {
    @Test
    void theTestJvmResolvesTheVectorApiSoTheSimdKernelsAreTheOnesTested() {
        assertTrue(VectorKernel.AVAILABLE, "surefire's argLine must add jdk.incubator.vector");
    }

    @Test
    void aLongChainReusesTwoRegistersBesidesItsInputs() {
        List<Composite.Node> nodes = new ArrayList<>();
        nodes.add(new Composite.Node(ArithmeticOps.MUL, new int[] {0, 1}));
        for (int k = 1; k < 50; k++) nodes.add(new Composite.Node(k % 2 == 0 ? TranscendentalOps.EXP : ArithmeticOps.NEG, new int[] {1 + k}));
        Composite c = new Composite(new DType[] {DType.FLOAT64, DType.FLOAT64}, nodes, new int[] {51});
        VectorProgram p = VectorProgram.compile(c, new DType[] {DType.FLOAT64, DType.FLOAT64});
        assertNotNull(p);
        assertEquals(50, p.code.length);
        assertTrue(p.registers <= 4, "registers: " + p.registers + " in " + p);
    }

    @Test
    void float32InnerValuesAreRoundedAndSharedValuesKeepTheirRegister() {
        // t = x * y (float32, read twice); out = t + exp(t)
        Composite c = new Composite(new DType[] {DType.FLOAT32, DType.FLOAT32}, List.of(
                new Composite.Node(ArithmeticOps.MUL, new int[] {0, 1}),
                new Composite.Node(TranscendentalOps.EXP, new int[] {2}),
                new Composite.Node(ArithmeticOps.ADD, new int[] {2, 3})), new int[] {4});
        VectorProgram p = VectorProgram.compile(c, new DType[] {DType.FLOAT32, DType.FLOAT32});
        assertNotNull(p);
        List<VectorOp> ops = new ArrayList<>();
        for (VectorProgram.Instruction in : p.code) ops.add(in.op());
        assertEquals(List.of(VectorOp.MUL, VectorOp.ROUND_FLOAT32, VectorOp.EXP, VectorOp.ROUND_FLOAT32, VectorOp.ADD, VectorOp.ROUND_FLOAT32), ops);
        int t = p.code[1].dst();
        assertEquals(t, p.code[2].src()[0]);
        assertEquals(t, p.code[4].src()[0], "the shared product is still in its register when the add reads it");
    }

    @Test
    void integerInnerValuesAndOpsWithoutAnInstructionKeepTheScalarLoop() {
        DType[] ints = {DType.INT32, DType.INT32};
        Composite intAdd = new Composite(ints, List.of(new Composite.Node(ArithmeticOps.ADD, new int[] {0, 1})), new int[] {2});
        assertNull(VectorProgram.compile(intAdd, ints), "int32 addition wraps around in the reference");
        DType[] f = {DType.FLOAT64};
        assertNull(VectorProgram.compile(TranscendentalOps.COS, f));
        assertNull(VectorProgram.compile(TranscendentalOps.EXP, new DType[] {DType.INT64}),
                "int64 values beyond 2^53 are not exact doubles");
        assertNotNull(VectorProgram.compile(LogicOps.SWITCH, new DType[] {DType.BOOL, DType.FLOAT64, DType.FLOAT32}));
    }

    @Test
    void simdTanhStaysWithinFourUlpsOfMathTanhWithExactSpecialValues() {
        int n = VectorKernel.BLOCK;
        double[][] r = new double[2][n];
        double worst = 0;
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < n; i++) {
                double mag = Math.pow(10, -12 + 14.0 * ((round * n + i) % 4001) / 4000); // 1e-12 .. 1e2
                r[0][i] = (i % 2 == 0 ? 1 : -1) * mag;
            }
            VectorLoops.run(VectorOp.TANH, r, 1, new int[] {0}, n - 3); // n - 3: the scalar tail too
            for (int i = 0; i < n - 3; i++) {
                double expect = Math.tanh(r[0][i]);
                worst = Math.max(worst, Math.abs(r[1][i] - expect) / Math.ulp(expect));
            }
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulps");
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 800, -800, 19.5, -19.5};
        double[][] s = new double[2][special.length];
        s[0] = special.clone();
        VectorLoops.run(VectorOp.TANH, s, 1, new int[] {0}, special.length);
        for (int i = 0; i < special.length; i++) {
            assertEquals(Double.doubleToLongBits(Math.tanh(special[i])), Double.doubleToLongBits(s[1][i]), "tanh(" + special[i] + ")");
        }
    }
}
