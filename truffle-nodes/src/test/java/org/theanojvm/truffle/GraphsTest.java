package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.blas.DotNode;
import org.theanojvm.truffle.elemwise.ElemwiseNode;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.graph.BufferPool;
import org.theanojvm.truffle.graph.PerformNode;
import org.theanojvm.truffle.reduce.ReduceNode;

/** Multi-node graphs: random elementwise expressions over dtypes x broadcast patterns x shapes, views, errors, node choice. */
class GraphsTest {
    private static final String[] UNARY = {"exp", "tanh", "sigmoid", "neg", "sqr", "abs", "log1p_abs", "cos"};
    private static final String[] BINARY = {"add", "sub", "mul", "div", "max", "lt_switch", "pow_small"};

    /** A random expression over the inputs, built with the tensor API (so broadcasting/upcasting are the engine's). */
    static Variable randomExpr(Random rnd, List<Variable> leaves, int depth) {
        if (depth == 0 || rnd.nextInt(4) == 0) return leaves.get(rnd.nextInt(leaves.size()));
        if (rnd.nextBoolean()) {
            Variable x = randomExpr(rnd, leaves, depth - 1);
            return switch (UNARY[rnd.nextInt(UNARY.length)]) {
                case "exp" -> T.exp(T.mul(x, 0.1));
                case "tanh" -> T.tanh(x);
                case "sigmoid" -> T.sigmoid(x);
                case "neg" -> T.neg(x);
                case "sqr" -> T.sqr(x);
                case "abs" -> T.abs(x);
                case "log1p_abs" -> T.log1p(T.abs(x));
                default -> T.cos(x);
            };
        }
        Variable a = randomExpr(rnd, leaves, depth - 1), b = randomExpr(rnd, leaves, depth - 1);
        return switch (BINARY[rnd.nextInt(BINARY.length)]) {
            case "add" -> T.add(a, b);
            case "sub" -> T.sub(a, b);
            case "mul" -> T.mul(a, b);
            case "div" -> T.trueDiv(a, T.add(T.abs(b), 1.0));
            case "max" -> T.maximum(a, b);
            case "lt_switch" -> T.switch_(T.lt(a, b), a, b);
            default -> T.pow(T.abs(a), 1.5);
        };
    }

    @Test
    void randomFusedGraphsOverDtypesBroadcastsAndShapes() {
        Random rnd = new Random(42);
        DType[] dts = {DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.INT64, DType.UINT8, DType.BOOL};
        long[][] shapes = {{4, 5}, {0, 5}, {1, 1}, {7, 3}, {2, 0}};
        boolean[][] patterns = {{false, false}, {true, false}, {false, true}, {true, true}};
        for (int trial = 0; trial < 120; trial++) {
            long[] shape = shapes[trial % shapes.length];
            List<Variable> ins = new ArrayList<>();
            List<NdArray> vals = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                DType d = dts[rnd.nextInt(dts.length)];
                boolean[] b = patterns[rnd.nextInt(patterns.length)];
                ins.add(T.tensor(d, b, "x" + k));
                vals.add(Check.random(rnd, d, b[0] ? 1 : shape[0], b[1] ? 1 : shape[1]));
            }
            Variable e1 = randomExpr(rnd, ins, 4), e2 = randomExpr(rnd, ins, 3);
            List<Variable> used = usedInputs(ins, List.of(e1, e2));
            List<NdArray> usedVals = new ArrayList<>();
            for (Variable v : used) usedVals.add(vals.get(ins.indexOf(v)));
            Check.agree(used, List.of(e1, e2), usedVals.toArray(new NdArray[0]));
        }
    }

    private static List<Variable> usedInputs(List<Variable> ins, List<Variable> outs) {
        var anc = org.theanojvm.engine.graph.Graphs.ancestors(outs, null);
        List<Variable> r = new ArrayList<>();
        for (Variable v : ins) if (anc.contains(v)) r.add(v);
        return r;
    }

    @Test
    void zeroDimensionalAndRank3AndStridedViews() {
        Random rnd = new Random(7);
        Variable s = T.scalar("s", DType.FLOAT64);
        Variable c = T.tensor3("c", DType.FLOAT32);
        Check.agree(List.of(s), List.of(T.exp(T.add(T.mul(s, 2.0), 1.0))), NdArray.scalar(0.3));
        Check.agree(List.of(s, c), List.of(T.mul(T.tanh(c), s)), NdArray.scalar(1.5), Check.random(rnd, DType.FLOAT32, 2, 3, 4));
        // transposed and sliced inputs: the strided loop
        Variable x = T.dmatrix("x"), y = T.dmatrix("y");
        NdArray big = Check.random(rnd, DType.FLOAT64, 8, 6);
        NdArray xt = big.transpose(1, 0); // (6, 8), column-major
        NdArray ysl = Check.random(rnd, DType.FLOAT64, 12, 8).slice(0, 0, 12, 2); // every other row
        Check.agree(List.of(x, y), List.of(T.sub(T.mul(x, y), T.sigmoid(x))), xt, ysl);
    }

    @Test
    void shapeMismatchRaisesTheReferenceErrorWithOpContext() {
        Variable x = T.dmatrix("x"), y = T.dmatrix("y");
        FunctionGraph fg = new FunctionGraph(List.of(x, y), List.of(T.add(x, y)));
        TheanoException e = assertThrows(TheanoException.class,
                () -> new TruffleExecutor(fg).run(List.of(NdArray.empty(DType.FLOAT64, 2, 3), NdArray.empty(DType.FLOAT64, 3, 2))));
        assertEquals("ValueError", e.pythonExceptionType());
        assertTrue(e.getMessage().startsWith("Input dimension mis-match"), e.getMessage());
        assertTrue(e.getMessage().contains("Apply node that caused the error: Elemwise{add,no_inplace}(x, y)"), e.getMessage());
    }

    @Test
    void opsMapToTheirTruffleNodesAndTheRestFallsBack() {
        Variable x = T.dmatrix("x"), y = T.dmatrix("y");
        Variable out = T.sum(T.dot(T.exp(x), T.transpose(y)));
        TruffleExecutor ex = new TruffleExecutor(new FunctionGraph(List.of(x, y), List.of(out)));
        List<Class<?>> kinds = new ArrayList<>();
        for (ApplyNode n : ex.root().schedule()) kinds.add(n.getClass());
        assertTrue(kinds.contains(ElemwiseNode.class), kinds.toString());
        assertTrue(kinds.contains(DotNode.class), kinds.toString());
        assertTrue(kinds.contains(ReduceNode.class), kinds.toString());
        assertTrue(kinds.contains(PerformNode.class), kinds.toString()); // the transpose (DimShuffle)
        assertInstanceOf(NdArray.class, ex.run(List.of(NdArray.full(DType.FLOAT64, 1, 2, 3), NdArray.full(DType.FLOAT64, 1, 4, 3)))[0]);
    }

    @Test
    void longChainsReuseIntermediateBuffersWithoutCorruptingResults() {
        Variable x = T.dvector("x");
        Variable e = x;
        for (int i = 0; i < 12; i++) e = i % 2 == 0 ? T.add(T.mul(e, 0.5), x) : T.tanh(e);
        Variable side = T.mul(e, 3.0); // e stays alive as an output while side reads it
        NdArray[] r = Check.agree(List.of(x), List.of(e, side), Check.random(new Random(1), DType.FLOAT64, 1000));
        assertEquals(2, r.length);
        BufferPool pool = new BufferPool();
        NdArray a = pool.take(DType.FLOAT64, new long[] {4, 5});
        pool.release(a);
        assertTrue(pool.take(DType.FLOAT64, new long[] {20}).segment() == a.segment(), "a released buffer is handed out again");
        assertEquals(0, pool.freeCount());
    }
}
