package org.theanojvm.truffle.elemwise.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void float32InnerValuesOfADoubleProgramAreRoundedAndSharedValuesKeepTheirRegister() {
        // t = x * y (float32, read twice); s = t + exp(t) (float32); out = s + z (float64, so a double program)
        DType[] in = {DType.FLOAT32, DType.FLOAT32, DType.FLOAT64};
        Composite c = new Composite(in, List.of(
                new Composite.Node(ArithmeticOps.MUL, new int[] {0, 1}),
                new Composite.Node(TranscendentalOps.EXP, new int[] {3}),
                new Composite.Node(ArithmeticOps.ADD, new int[] {3, 4}),
                new Composite.Node(ArithmeticOps.ADD, new int[] {5, 2})), new int[] {6});
        VectorProgram p = VectorProgram.compile(c, in);
        assertNotNull(p);
        assertFalse(p.singlePrecision);
        assertEquals(List.of(VectorOp.MUL, VectorOp.ROUND_FLOAT32, VectorOp.EXP, VectorOp.ROUND_FLOAT32, VectorOp.ADD, VectorOp.ROUND_FLOAT32,
                VectorOp.ADD), ops(p));
        int t = p.code[1].dst();
        assertEquals(t, p.code[2].src()[0]);
        assertEquals(t, p.code[4].src()[0], "the shared product is still in its register when the add reads it");
    }

    @Test
    void allFloat32ProgramsAreSinglePrecisionWithoutRoundingInstructions() {
        // the MLP's tanh gradient: gz * (1 - sqr(h)), the constant 1 an int8 operand
        DType[] in = {DType.FLOAT32, DType.INT8, DType.FLOAT32};
        Composite grad = new Composite(in, List.of(
                new Composite.Node(ArithmeticOps.SQR, new int[] {2}),
                new Composite.Node(ArithmeticOps.SUB, new int[] {1, 3}),
                new Composite.Node(ArithmeticOps.MUL, new int[] {0, 4})), new int[] {5});
        VectorProgram p = VectorProgram.compile(grad, in);
        assertTrue(p.singlePrecision, p.toString());
        assertEquals(List.of(VectorOp.SQR, VectorOp.SUB, VectorOp.MUL), ops(p));
        assertTrue(VectorProgram.compile(TranscendentalOps.TANH, new DType[] {DType.FLOAT32}).singlePrecision);
        // not single: an int32 operand (beyond 2^24 floats are not exact), a float64 result, a bool inner value
        assertFalse(VectorProgram.compile(ArithmeticOps.MUL, new DType[] {DType.FLOAT32, DType.INT32}).singlePrecision);
        assertFalse(VectorProgram.compile(ArithmeticOps.MUL, new DType[] {DType.FLOAT32, DType.FLOAT64}).singlePrecision);
        DType[] ff = {DType.FLOAT32, DType.FLOAT32};
        Composite masked = new Composite(ff, List.of(
                new Composite.Node(LogicOps.LT, new int[] {0, 1}),
                new Composite.Node(ArithmeticOps.MUL, new int[] {2, 0})), new int[] {3});
        VectorProgram m = VectorProgram.compile(masked, ff);
        assertNotNull(m, "the double program still takes it");
        assertFalse(m.singlePrecision);
    }

    private static List<VectorOp> ops(VectorProgram p) {
        List<VectorOp> ops = new ArrayList<>();
        for (VectorProgram.Instruction in : p.code) ops.add(in.op());
        return ops;
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

    @Test
    void singlePrecisionTranscendentalsStayWithinFourFloatUlpsWithExactSpecialValues() {
        int n = VectorKernel.BLOCK;
        float[][] r = new float[2][n];
        for (VectorOp op : new VectorOp[] {VectorOp.TANH, VectorOp.EXP, VectorOp.LOG, VectorOp.SIGMOID}) {
            double worst = 0;
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < n; i++) {
                    double mag = Math.pow(10, -12 + 13.9 * ((round * n + i) % 4001) / 4000); // 1e-12 .. ~80
                    r[0][i] = (float) ((i % 2 == 0 || op == VectorOp.LOG ? 1 : -1) * mag);
                }
                FloatLoops.run(op, r, 1, new int[] {0}, n - 3); // n - 3: the scalar tail too
                for (int i = 0; i < n - 3; i++) {
                    float expect = (float) reference(op, r[0][i]);
                    if (expect == 0 && r[1][i] == 0) continue;
                    worst = Math.max(worst, Math.abs(r[1][i] - expect) / Math.ulp(expect));
                }
            }
            assertTrue(worst <= 4, op + ": worst error " + worst + " float ulps");
            float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, 800, -800, 30.5f, -30.5f};
            float[][] s = {special.clone(), new float[special.length]};
            FloatLoops.run(op, s, 1, new int[] {0}, special.length);
            for (int i = 0; i < special.length; i++) {
                assertEquals(Float.floatToIntBits((float) reference(op, special[i])), Float.floatToIntBits(s[1][i]), op + "(" + special[i] + ")");
            }
        }
    }

    private static double reference(VectorOp op, double x) {
        return switch (op) {
            case TANH -> Math.tanh(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIGMOID -> TranscendentalOps.sigmoid(x);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }
}
