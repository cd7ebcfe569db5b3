package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.function.OutputTolerance;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.rewrite.RewriteDB;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.elemwise.KernelPlan;
import org.theanojvm.truffle.elemwise.NativeOperand;
import org.theanojvm.truffle.elemwise.vector.VectorKernel;
import org.theanojvm.truffle.elemwise.vector.VectorProgram;

/**
 * The SIMD elementwise path (elemwise/vector) against the reference executor: kernels with a
 * VectorProgram over flat layouts of at least MIN_ELEMENTS elements run block by block, so the sizes
 * here straddle the vector length and the block size, operands are full or single broadcast elements,
 * and the values include NaN, infinities, signed zeros and the sigmoid cut-offs.
 */
class SimdKernelsTest {
    static final DType[] FLOATS = {DType.FLOAT64, DType.FLOAT32};
    static final ScalarOp[] UNARY = {ArithmeticOps.NEG, ArithmeticOps.SQR, ArithmeticOps.ABS, TranscendentalOps.EXP, TranscendentalOps.LOG,
            TranscendentalOps.SQRT, TranscendentalOps.TANH, TranscendentalOps.SIGMOID};
    static final ScalarOp[] BINARY = {ArithmeticOps.ADD, ArithmeticOps.SUB, ArithmeticOps.MUL, ArithmeticOps.TRUE_DIV, ArithmeticOps.MAXIMUM,
            ArithmeticOps.MINIMUM, LogicOps.LT, LogicOps.GT, LogicOps.LE, LogicOps.GE, LogicOps.EQ, LogicOps.NEQ};
    static final int[] SIZES = {64, 67, 511, 512, 513, 1000, 1537};
    static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1e300, -1e300,
            800, -800, 30.5, -30.5, 29.5, -29.5, -1, 1e-310};

    @Test
    void everyOpMatchesTheReferenceOnSpecialAndRandomValues() {
        Random rnd = new Random(7);
        for (DType d : FLOATS) {
            for (ScalarOp op : UNARY) check(rnd, op, new DType[] {d}, 513, false);
            for (ScalarOp op : BINARY) check(rnd, op, new DType[] {d, d}, 513, false);
            check(rnd, LogicOps.SWITCH, new DType[] {DType.BOOL, d, d}, 513, false);
        }
    }

    @Test
    void scalarOperandsBroadcastAndMixedDtypesConvertLikeTheScalarKernel() {
        Random rnd = new Random(8);
        DType[] mixed = {DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.UINT8, DType.BOOL, DType.INT16};
        for (int size : SIZES) {
            for (ScalarOp op : BINARY) {
                check(rnd, op, new DType[] {mixed[rnd.nextInt(mixed.length)], FLOATS[rnd.nextInt(2)]}, size, true);
            }
        }
    }

    @Test
    void randomFloatCompositesCompileToSimdProgramsAndMatchTheReference() {
        Random rnd = new Random(2025);
        int simd = 0;
        for (int trial = 0; trial < 200; trial++) {
            int nin = 1 + rnd.nextInt(3);
            DType[] dts = new DType[nin];
            for (int k = 0; k < nin; k++) dts[k] = FLOATS[rnd.nextInt(2)];
            Composite c = randomComposite(rnd, dts, 2 + rnd.nextInt(10));
            if (c.nodes().isEmpty() || VectorProgram.compile(c, dts) == null) continue;
            if (run(rnd, c, dts, SIZES[rnd.nextInt(SIZES.length)], rnd.nextBoolean())) simd++;
        }
        assertTrue(simd > 120, "only " + simd + " random composites ran as SIMD programs");
    }

    @Test
    void rowsOfAMatrixWithABroadcastRowOrColumnRunBlockByBlock() {
        Random rnd = new Random(9);
        Composite biasTanh = new Composite(new DType[] {DType.FLOAT32, DType.FLOAT32}, List.of(
                new Composite.Node(ArithmeticOps.ADD, new int[] {0, 1}),
                new Composite.Node(TranscendentalOps.TANH, new int[] {2})), new int[] {3});
        for (int cols : new int[] {64, 500, 1100}) {
            for (boolean[] b : new boolean[][] {{true, false}, {false, true}, {false, false}}) {
                Variable x = T.tensor(DType.FLOAT32, new boolean[] {false, false}, "x");
                Variable bias = T.tensor(DType.FLOAT32, b, "b");
                Variable out = new Elemwise(biasTanh, null).call(x, bias);
                NdArray xv = values(rnd, DType.FLOAT32, 7 * cols).reshape(7, cols);
                NdArray bv = values(rnd, DType.FLOAT32, (b[0] ? 1 : 7) * (b[1] ? 1 : cols)).reshape(b[0] ? 1 : 7, b[1] ? 1 : cols);
                Check.agree(new FunctionGraph(List.of(x, bias), List.of(out)), xv, bv);
                KernelPlan plan = KernelPlan.of(new NdArray[] {xv, bv}, NdArray.empty(DType.FLOAT32, 7, cols));
                assertTrue(VectorKernel.accepts(plan), plan.toString());
            }
        }
        // a transposed operand moves by more than one element along a row: the scalar loop's layout
        NdArray t = values(rnd, DType.FLOAT64, 100 * 100).reshape(100, 100).transpose();
        NdArray u = values(rnd, DType.FLOAT64, 100 * 100).reshape(100, 100);
        assertFalse(VectorKernel.accepts(KernelPlan.of(new NdArray[] {t, u}, NdArray.empty(DType.FLOAT64, 100, 100))));
        Variable a = T.dmatrix("a"), c = T.dmatrix("c");
        Check.agree(List.of(a, c), List.of(T.tanh(T.add(a, c))), t, u);
    }

    @Test
    void floatInputsInNativeMemoryAreReadInPlaceWithTheReferenceValues() {
        Random rnd = new Random(10);
        for (DType d : FLOATS) {
            // the bench expression, a bias row broadcast over a matrix, a 0-d operand, and a transposed view (the scalar loop's)
            Variable x = T.vector("x", d), y = T.vector("y", d), m = T.matrix("m", d), row = T.row("row", d), s = T.scalar("s", d);
            Variable bench = T.sub(T.mul(T.exp(T.add(T.mul(x, 2.0), 1.0)), T.sigmoid(y)), T.tanh(T.mul(x, y)));
            List<Variable> outs = List.of(bench, T.tanh(T.add(m, row)), T.mul(x, s), T.exp(T.transpose(m)));
            NdArray xv = Check.nativeCopy(values(rnd, d, 1537)), yv = Check.nativeCopy(values(rnd, d, 1537));
            NdArray mv = Check.nativeCopy(values(rnd, d, 5 * 300).reshape(5, 300)), rv = Check.nativeCopy(values(rnd, d, 300).reshape(1, 300));
            NdArray sv = Check.nativeCopy(NdArray.scalar(d, -1.5));
            NdArray xBefore = xv.copy();
            FunctionGraph fg = new FunctionGraph(List.of(x, y, m, row, s), outs);
            RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN); // fused kernels, as theano.function runs them
            Check.agree(fg, xv, yv, mv, rv, sv);
            assertNull(OutputTolerance.mismatch(xBefore, xv), "an input in native memory was written");
            if (!VectorKernel.AVAILABLE) continue;
            KernelPlan plan = KernelPlan.of(new NdArray[] {xv, yv}, NdArray.empty(d, 1537), true);
            assertTrue(plan.nativeInputs && plan.bases[0] instanceof NativeOperand && VectorKernel.accepts(plan), plan.toString());
            KernelPlan rows = KernelPlan.of(new NdArray[] {mv, rv.broadcastTo(new long[] {5, 300})}, NdArray.empty(d, 5, 300), true);
            assertTrue(rows.bases[1] instanceof NativeOperand && VectorKernel.accepts(rows), rows.toString());
            // the scalar loop's plan keeps heap copies
            assertFalse(KernelPlan.of(new NdArray[] {xv, yv}, NdArray.empty(d, 1537)).nativeInputs);
        }
    }

    /** Composite of float ops (comparisons and switch included), operands among earlier refs. */
    private static Composite randomComposite(Random rnd, DType[] in, int size) {
        List<Composite.Node> nodes = new ArrayList<>();
        List<DType> refTypes = new ArrayList<>(List.of(in));
        while (nodes.size() < size) {
            int refs = refTypes.size();
            int pick = rnd.nextInt(10);
            ScalarOp op;
            int[] operands;
            if (pick < 4) {
                op = UNARY[rnd.nextInt(UNARY.length)];
                operands = new int[] {refs - 1};
            } else if (pick < 9) {
                op = BINARY[rnd.nextInt(BINARY.length)];
                operands = new int[] {refs - 1, rnd.nextInt(refs)};
            } else {
                op = LogicOps.SWITCH;
                operands = new int[] {rnd.nextInt(refs), rnd.nextInt(refs), rnd.nextInt(refs)};
            }
            DType[] ds = new DType[operands.length];
            for (int j = 0; j < ds.length; j++) ds[j] = refTypes.get(operands[j]);
            nodes.add(new Composite.Node(op, operands));
            refTypes.add(op.outputDType(ds));
        }
        // end on a float value (a comparison's bool output would be exact anyway, but less telling)
        int last = refTypes.size() - 1;
        if (refTypes.get(last) == DType.BOOL) {
            nodes.add(new Composite.Node(ArithmeticOps.MUL, new int[] {last, 0}));
            refTypes.add(ArithmeticOps.MUL.outputDType(new DType[] {DType.BOOL, in[0]}));
        }
        return new Composite(in, nodes, new int[] {refTypes.size() - 1});
    }

    private static void check(Random rnd, ScalarOp op, DType[] dts, int size, boolean broadcastOne) {
        assertTrue(VectorProgram.compile(op, dts) != null, op + " on " + List.of(dts) + " has no SIMD program");
        assertTrue(run(rnd, op, dts, size, broadcastOne), op + " did not take the SIMD path");
    }

    /**
     * Runs op on both executors; with broadcastOne, the first operand is a single broadcast element.
     * True when the layout is one the SIMD path takes.
     */
    private static boolean run(Random rnd, ScalarOp op, DType[] dts, int size, boolean broadcastOne) {
        List<Variable> ins = new ArrayList<>();
        List<NdArray> vals = new ArrayList<>();
        for (int k = 0; k < dts.length; k++) {
            boolean one = broadcastOne && k == 0;
            ins.add(T.tensor(dts[k], new boolean[] {one}, "x" + k));
            vals.add(values(rnd, dts[k], one ? 1 : size));
        }
        Variable out;
        try {
            out = new Elemwise(op, null).call(ins.toArray(new Variable[0]));
        } catch (TheanoException unsupported) {
            return false;
        }
        NdArray[] v = vals.toArray(new NdArray[0]);
        Check.agree(new FunctionGraph(ins, List.of(out)), v);
        return VectorKernel.AVAILABLE && VectorKernel.accepts(KernelPlan.of(v, NdArray.empty(out.dtype(), size)));
    }

    /** Random values with every special value somewhere (floats), or small random integers. */
    private static NdArray values(Random rnd, DType d, int size) {
        NdArray a = Check.random(rnd, d, size);
        if (!d.isFloat()) return a;
        for (int i = 0; i < size; i++) {
            if (rnd.nextInt(4) == 0) a.setDouble(new long[] {i}, SPECIAL[rnd.nextInt(SPECIAL.length)]);
        }
        return a;
    }
}
