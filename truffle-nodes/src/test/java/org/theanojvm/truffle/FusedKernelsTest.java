package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.nodes.NodeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.rewrite.RewriteDB;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.elemwise.ElemwiseNode;
import org.theanojvm.truffle.elemwise.scalar.GenericScalarOpNode;
import org.theanojvm.truffle.elemwise.scalar.LetNode;
import org.theanojvm.truffle.graph.ApplyNode;

/**
 * Fused elementwise kernels: a Composite (what the fusion rewrite builds) must run as ONE kernel whose
 * scalar tree is the Composite's inner graph, with the Composite's per-node domains and rounding, and
 * agree with the reference executor. Random Composites are built directly (shared inner results, dead
 * nodes, integer/float domain changes, casts, narrow ints that wrap) and random tensor graphs go
 * through the real FAST_RUN rewrites; both over dtypes x broadcast patterns x shapes (0-d and empty too).
 */
class FusedKernelsTest {
    static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32, DType.FLOAT16, DType.INT64, DType.INT32, DType.INT16, DType.INT8,
            DType.UINT64, DType.UINT16, DType.UINT8, DType.BOOL};
    static final ScalarOp[] UNARY = {ArithmeticOps.NEG, ArithmeticOps.SQR, ArithmeticOps.ABS, TranscendentalOps.EXP, TranscendentalOps.TANH,
            TranscendentalOps.SIGMOID, TranscendentalOps.LOG1P, TranscendentalOps.COS, TranscendentalOps.FLOOR, LogicOps.INVERT,
            new Cast(DType.INT8), new Cast(DType.FLOAT32), new Cast(DType.UINT8), new Cast(DType.INT64), new Cast(DType.BOOL)};
    static final ScalarOp[] BINARY = {ArithmeticOps.ADD, ArithmeticOps.SUB, ArithmeticOps.MUL, ArithmeticOps.TRUE_DIV, ArithmeticOps.INT_DIV,
            ArithmeticOps.MOD, ArithmeticOps.MAXIMUM, ArithmeticOps.MINIMUM, LogicOps.LT, LogicOps.GE, LogicOps.EQ, LogicOps.AND, LogicOps.XOR};

    /** A random Composite over the given input dtypes: each node picks an op and operands among all earlier refs. */
    static Composite randomComposite(Random rnd, DType[] in, int size) {
        List<Composite.Node> nodes = new ArrayList<>();
        List<DType> refTypes = new ArrayList<>(List.of(in));
        int attempts = 0;
        while (nodes.size() < size && attempts++ < size * 20) {
            int refs = refTypes.size();
            ScalarOp op;
            int[] operands;
            int pick = rnd.nextInt(10);
            if (pick < 4) {
                op = UNARY[rnd.nextInt(UNARY.length)];
                operands = new int[] {rnd.nextInt(refs)};
            } else if (pick < 9) {
                op = BINARY[rnd.nextInt(BINARY.length)];
                operands = new int[] {rnd.nextInt(refs), rnd.nextInt(refs)};
            } else {
                op = LogicOps.SWITCH;
                operands = new int[] {rnd.nextInt(refs), rnd.nextInt(refs), rnd.nextInt(refs)};
            }
            // prefer recent refs so the graph is deep, but keep reusing old ones (shared inner results)
            if (rnd.nextBoolean()) operands[0] = refs - 1;
            DType[] ds = new DType[operands.length];
            for (int j = 0; j < ds.length; j++) ds[j] = refTypes.get(operands[j]);
            DType od;
            try {
                od = op.outputDType(ds);
            } catch (TheanoException unsupported) {
                continue;
            }
            nodes.add(new Composite.Node(op, operands));
            refTypes.add(od);
        }
        return new Composite(in, nodes, new int[] {refTypes.size() - 1});
    }

    @Test
    void randomCompositesAreOneTreeAndMatchTheReference() {
        Random rnd = new Random(2024);
        int checked = 0, shared = 0;
        for (int trial = 0; trial < 300; trial++) {
            int nin = 1 + rnd.nextInt(3);
            int rank = rnd.nextInt(4);
            long[] shape = randomShape(rnd, rank);
            DType[] dts = new DType[nin];
            List<Variable> ins = new ArrayList<>();
            List<NdArray> vals = new ArrayList<>();
            for (int k = 0; k < nin; k++) {
                dts[k] = DTYPES[rnd.nextInt(DTYPES.length)];
                boolean[] b = new boolean[rank];
                long[] s = shape.clone();
                for (int d = 0; d < rank; d++) if (rnd.nextInt(3) == 0) { b[d] = true; s[d] = 1; }
                ins.add(T.tensor(dts[k], b, "x" + k));
                vals.add(Check.random(rnd, dts[k], s));
            }
            Composite c = randomComposite(rnd, dts, 2 + rnd.nextInt(8));
            if (c.nodes().isEmpty()) continue;
            Variable out;
            try {
                out = new Elemwise(c, null).call(ins.toArray(new Variable[0]));
            } catch (TheanoException unsupported) {
                continue;
            }
            if (out.dtype().isComplex()) continue;
            FunctionGraph fg = new FunctionGraph(ins, List.of(out));
            if (Check.agree(fg, vals.toArray(new NdArray[0])) == null) continue; // both failed alike (e.g. an op without a float domain)
            TruffleExecutor ex = new TruffleExecutor(fg);
            ex.run(vals);
            assertNoCompositeInterpreter(ex);
            shared += NodeUtil.findAllNodeInstances(ex.root(), LetNode.class).size();
            checked++;
        }
        assertTrue(checked > 150, "only " + checked + " random composites were valid");
        assertTrue(shared > 10, "shared inner results exercised only " + shared + " times");
    }

    private static long[] randomShape(Random rnd, int rank) {
        long[] s = new long[rank];
        for (int d = 0; d < rank; d++) s[d] = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(5);
        return s;
    }

    /** Fails when a kernel evaluates a Composite through its generic per-element evalDouble/evalLong. */
    private static void assertNoCompositeInterpreter(TruffleExecutor ex) {
        for (GenericScalarOpNode g : NodeUtil.findAllNodeInstances(ex.root(), GenericScalarOpNode.class)) {
            assertFalse(g.op() instanceof Composite, "a Composite ran through the generic node: " + g.op());
        }
    }

    @Test
    void randomTensorGraphsAfterTheFastRunRewritesMatchTheReference() {
        Random rnd = new Random(99);
        DType[] dts = {DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.INT8, DType.UINT8, DType.BOOL};
        int fusedKernels = 0;
        for (int trial = 0; trial < 80; trial++) {
            int rank = rnd.nextInt(4);
            long[] shape = randomShape(rnd, rank);
            List<Variable> ins = new ArrayList<>();
            List<NdArray> vals = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                DType d = dts[rnd.nextInt(dts.length)];
                boolean[] b = new boolean[rank];
                long[] s = shape.clone();
                for (int i = 0; i < rank; i++) if (rnd.nextInt(3) == 0) { b[i] = true; s[i] = 1; }
                ins.add(T.tensor(d, b, "x" + k));
                vals.add(Check.random(rnd, d, s));
            }
            Variable e1 = GraphsTest.randomExpr(rnd, ins, 5), e2 = GraphsTest.randomExpr(rnd, ins, 3);
            var anc = Graphs.ancestors(List.of(e1, e2), null);
            List<Variable> used = new ArrayList<>();
            List<NdArray> usedVals = new ArrayList<>();
            for (int k = 0; k < ins.size(); k++) if (anc.contains(ins.get(k))) { used.add(ins.get(k)); usedVals.add(vals.get(k)); }
            FunctionGraph fg = new FunctionGraph(used, List.of(e1, e2));
            RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
            if (Check.agree(fg, usedVals.toArray(new NdArray[0])) == null) continue;
            TruffleExecutor ex = new TruffleExecutor(fg);
            ex.run(usedVals);
            assertNoCompositeInterpreter(ex);
            for (Apply a : fg.applyNodes()) if (a.op() instanceof Elemwise e && e.scalarOp() instanceof Composite) fusedKernels++;
        }
        assertTrue(fusedKernels > 40, "the rewrites fused only " + fusedKernels + " kernels");
    }

    @Test
    void theBenchmarkExpressionIsOneKernel() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable e = T.sub(T.mul(T.exp(T.add(T.mul(x, 2.0), 1.0)), T.sigmoid(y)), T.tanh(T.mul(x, y)));
        FunctionGraph fg = new FunctionGraph(List.of(x, y), List.of(e));
        RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
        TruffleExecutor ex = new TruffleExecutor(fg);
        List<Class<?>> kinds = new ArrayList<>();
        for (ApplyNode n : ex.root().schedule()) kinds.add(n.getClass());
        assertEquals(List.of(ElemwiseNode.class), kinds, "schedule of " + fg.applyNodes());
        Random rnd = new Random(3);
        NdArray xv = Check.random(rnd, DType.FLOAT64, 10_000), yv = Check.random(rnd, DType.FLOAT64, 10_000);
        NdArray out = ex.run(List.of(xv, yv))[0];
        for (int i = 0; i < 10_000; i += 997) {
            double a = xv.getDouble(i), b = yv.getDouble(i);
            double expect = Math.exp(a * 2 + 1) * (1 / (1 + Math.exp(-b))) - Math.tanh(a * b);
            assertEquals(expect, out.getDouble(i), 1e-12 * Math.max(1, Math.abs(expect)));
        }
        assertNoCompositeInterpreter(ex);
    }

    @Test
    void narrowIntegersWrapInsideTheFusedKernelAsSeparateNodesWould() {
        // int8 (x * 100) wraps before the cast to float64: fusing must not widen the intermediate
        Variable x = T.tensor(DType.INT8, new boolean[] {false}, "x");
        Variable e = T.add(T.cast(T.mul(x, T.cast(T.asTensorVariable(100), DType.INT8)), DType.FLOAT64), 0.5);
        FunctionGraph fg = new FunctionGraph(List.of(x), List.of(e));
        RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
        NdArray xv = NdArray.empty(DType.INT8, 3);
        xv.writeLong(xv.offsetOf(0), 3);
        xv.writeLong(xv.offsetOf(1), -2);
        xv.writeLong(xv.offsetOf(2), 1);
        NdArray out = Check.agree(fg, xv)[0];
        assertEquals((byte) 300 + 0.5, out.getDouble(0));
        assertEquals(-200 + 256 + 0.5, out.getDouble(1));
        assertEquals(100.5, out.getDouble(2));
    }

    /**
     * 64-bit integers inside a fused kernel over float operands stay exact, as in the reference's separate
     * nodes (found by the differential fuzzer: sqr(uint64(-x)) gave 1 for x = 2 through doubles).
     */
    @Test
    void sixtyFourBitIntegersStayExactInAFloatKernel() {
        Variable x = T.dvector("x"), big = T.tensor(DType.UINT64, new boolean[] {false}, "big");
        Variable sqrOfCast = T.sqr(T.cast(T.neg(x), DType.UINT64));
        Variable addCast = T.add(big, T.cast(x, DType.UINT64));
        org.theanojvm.engine.function.Function f = org.theanojvm.engine.function.Function.compile(List.of(x, big), List.of(sqrOfCast, addCast));
        String graph = f.fgraph().toposort().toString();
        assertTrue(graph.contains("Composite{sqr(Cast{uint64}((-i0)))}"), graph);
        NdArray[] r = f.call(NdArray.vector(2.0, -3.0, 0.5), NdArray.fromLongs(DType.UINT64, new long[] {3}, -3L, -3L, Long.MIN_VALUE));
        assertEquals(List.of(4L, 9L, 0L), List.of(r[0].getLong(0), r[0].getLong(1), r[0].getLong(2)));
        assertEquals(List.of(-1L, -6L, Long.MIN_VALUE), List.of(r[1].getLong(0), r[1].getLong(1), r[1].getLong(2)));
    }
}
