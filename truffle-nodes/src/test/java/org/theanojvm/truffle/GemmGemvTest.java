package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.rewrite.RewriteDB;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.blas.GemmNode;
import org.theanojvm.truffle.graph.ApplyNode;

/** gemm/gemv (what the rewrites make of dot + scaled sums) on OpenBLAS vs the reference loops. */
class GemmGemvTest {
    private static NdArray scalar(DType d, double v) { return NdArray.scalar(d, v); }

    @Test
    void gemmOverDtypesLayoutsShapesAndBetas() {
        Random rnd = new Random(5);
        long[][] mkn = {{3, 4, 5}, {1, 7, 1}, {0, 3, 2}, {4, 0, 3}, {5, 6, 0}, {17, 33, 9}};
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Gemm op : new Gemm[] {Gemm.NO_INPLACE, Gemm.INPLACE}) {
                for (long[] s : mkn) {
                    for (double beta : new double[] {0.0, 1.0, -0.5}) {
                        for (boolean transX : new boolean[] {false, true}) {
                            Variable z = T.matrix("z", d), a = T.scalar("a", d), x = T.matrix("x", d), y = T.matrix("y", d), b = T.scalar("b", d);
                            NdArray zv = Check.random(rnd, d, s[0], s[2]);
                            if (beta == 0 && zv.size() > 0) zv.writeDouble(zv.offset(), Double.NaN); // b == 0 must not read Z
                            NdArray xv = transX ? Check.random(rnd, d, s[1], s[0]).transpose(1, 0) : Check.random(rnd, d, s[0], s[1]);
                            NdArray yv = Check.random(rnd, d, s[1], s[2]);
                            // Z as an intermediate (z * 1 is not rewritten here) so the in-place variant may overwrite it
                            Variable out = op.call(T.mul(z, T.cast(T.asTensorVariable(1.0), d)), a, x, y, b);
                            Check.agree(List.of(z, a, x, y, b), List.of(out), zv, scalar(d, 1.5), xv, yv, scalar(d, beta));
                        }
                    }
                }
            }
        }
    }

    @Test
    void anSgdStepUpdatesItsWeightsInTheirOwnBufferWithTheReferencesValues() {
        // the MLP pattern: W is read by the forward product and through W.T, and updated by gemm in place
        Random rnd = new Random(11);
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NdArray w0 = Check.random(rnd, d, 6, 5), xv = Check.random(rnd, d, 8, 6);
            List<NdArray> results = new ArrayList<>();
            for (String mode : new String[] {"FAST_COMPILE", "FAST_RUN"}) { // the reference executor, then Truffle
                org.theanojvm.engine.graph.SharedVariable w = T.shared(w0.copy(), "W");
                Variable x = T.matrix("x", d);
                Variable h = T.tanh(T.dot(x, w));
                Variable cost = T.add(T.sum(h), T.sum(T.dot(h, T.transpose(w))));
                Variable lr = T.cast(T.asTensorVariable(0.1), d);
                Variable upd = T.sub(w, T.mul(lr, T.dot(T.transpose(x), h)));
                org.theanojvm.engine.function.Function f = org.theanojvm.engine.function.Function.compile(
                        List.of(org.theanojvm.engine.function.In.of(x)), List.of(cost), List.<Variable[]>of(new Variable[] {w, upd}), List.of(), null, null,
                        null, mode.equals("FAST_RUN") ? RewriteConfig.FAST_RUN : RewriteConfig.FAST_COMPILE);
                NdArray buf = w.getValue(true);
                for (int step = 0; step < 3; step++) results.add(f.call(xv)[0]);
                results.add(w.getValue());
                if (mode.equals("FAST_RUN")) {
                    assertEquals(Gemm.INPLACE, f.fgraph().outputs().get(1).owner().op());
                    assertTrue(f.executor() instanceof org.theanojvm.truffle.TruffleExecutor, f.executor().name());
                    assertSame(buf, w.getValue(true), "W updated in its own buffer");
                }
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(null, org.theanojvm.engine.function.OutputTolerance.mismatch(results.get(i), results.get(4 + i)), d + " result " + i);
            }
        }
    }

    @Test
    void operandsInNativeMemoryAndTheirTransposedViewsGiveTheReferenceValues() {
        Random rnd = new Random(12);
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Variable x = T.matrix("x", d), w = T.matrix("w", d), v = T.vector("v", d);
            // dot(x, w), x.T . (x . w) (a gemm-like product on a transposed native view), gemv, an elementwise kernel on x.T
            List<Variable> outs = List.of(T.dot(x, w), T.dot(T.transpose(x), T.dot(x, w)), T.dot(x, v), T.tanh(T.transpose(x)));
            NdArray xv = Check.nativeCopy(Check.random(rnd, d, 37, 70)), wv = Check.nativeCopy(Check.random(rnd, d, 70, 9)), vv = Check.nativeCopy(Check.random(rnd, d, 70));
            assertTrue(xv.segment().isNative());
            Check.agree(List.of(x, w, v), outs, xv, wv, vv);
            FunctionGraph fg = new FunctionGraph(List.of(x, w, v), outs);
            RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
            Check.agree(fg, xv, wv, vv);
        }
    }

    @Test
    void gemvOverDtypesLayoutsAndBetas() {
        Random rnd = new Random(6);
        long[][] mk = {{3, 4}, {1, 1}, {0, 3}, {4, 0}, {40, 21}};
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Gemv op : new Gemv[] {Gemv.NO_INPLACE, Gemv.INPLACE}) {
                for (long[] s : mk) {
                    for (double beta : new double[] {0.0, 2.0}) {
                        for (boolean transA : new boolean[] {false, true}) {
                            Variable y = T.vector("y", d), a = T.scalar("a", d), m = T.matrix("m", d), x = T.vector("x", d), b = T.scalar("b", d);
                            NdArray mv = transA ? Check.random(rnd, d, s[1], s[0]).transpose(1, 0) : Check.random(rnd, d, s[0], s[1]);
                            NdArray xv = Check.random(rnd, d, s[1] * 2).slice(0, 0, s[1] * 2, 2); // strided vector
                            Variable out = op.call(T.mul(y, T.cast(T.asTensorVariable(1.0), d)), a, m, x, b);
                            Check.agree(List.of(y, a, m, x, b), List.of(out), Check.random(rnd, d, s[0]), scalar(d, -0.75), mv, xv, scalar(d, beta));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rewrittenDotPlusBiasRunsOnOneGemmNode() {
        Random rnd = new Random(7);
        Variable x = T.matrix("x", DType.FLOAT32), w = T.matrix("w", DType.FLOAT32), c = T.matrix("c", DType.FLOAT32);
        Variable out = T.sub(c, T.mul(T.dot(x, w), T.cast(T.asTensorVariable(0.1), DType.FLOAT32)));
        FunctionGraph fg = new FunctionGraph(List.of(x, w, c), List.of(out));
        RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
        TruffleExecutor ex = new TruffleExecutor(fg);
        List<Class<?>> kinds = new ArrayList<>();
        for (ApplyNode n : ex.root().schedule()) kinds.add(n.getClass());
        assertTrue(kinds.contains(GemmNode.class), kinds + " for " + fg.applyNodes());
        NdArray xv = Check.random(rnd, DType.FLOAT32, 8, 5), wv = Check.random(rnd, DType.FLOAT32, 5, 6), cv = Check.random(rnd, DType.FLOAT32, 8, 6);
        NdArray r = Check.agree(fg, xv, wv, cv)[0];
        double dot = 0;
        for (int p = 0; p < 5; p++) dot += xv.getDouble(2, p) * wv.getDouble(p, 3);
        assertEquals(cv.getDouble(2, 3) - 0.1 * dot, r.getDouble(2, 3), 1e-4);
        assertEquals(cv.getDouble(2, 3), cv.getDouble(2, 3)); // the caller's C is never overwritten
        NdArray cBefore = cv.copy();
        ex.run(List.of(xv, wv, cv));
        assertTrue(cv.sameAs(cBefore), "a graph input was written in place");
        assertSame(DType.FLOAT32, r.dtype());
    }
}
