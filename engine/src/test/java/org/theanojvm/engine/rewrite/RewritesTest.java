package org.theanojvm.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.rewrite.RewriteTestSupport.checkSame;
import static org.theanojvm.engine.rewrite.RewriteTestSupport.compile;
import static org.theanojvm.engine.rewrite.RewriteTestSupport.count;
import static org.theanojvm.engine.rewrite.RewriteTestSupport.ops;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.ReferenceExecutor;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.ops.LogSoftmax;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

class RewritesTest {
    /** Only the named rewrites (plus nothing else): optimizer=None with the names included is empty, so use requiring on a fresh query. */
    private static RewriteConfig only(String... names) { return new RewriteConfig("Mode", "nothing_tagged_so", null, null, null).including(names); }

    private static boolean elemwise(Apply a, ScalarOp s) { return a.op() instanceof Elemwise e && e.scalarOp().equals(s); }

    @Test
    void mergeRemovesCommonSubexpressionsAndEqualConstants() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable a = T.mul(T.exp(x), y), b = T.mul(T.exp(x), y);
        Variable out = T.add(T.add(a, T.constant(2.0)), T.add(b, T.constant(2.0)));
        Function f = checkSame(List.of(x, y), List.of(out), only("merge"), -2, 2);
        assertEquals(1, count(f, n -> elemwise(n, TranscendentalOps.EXP)), ops(f));
        assertEquals(1, count(f, n -> elemwise(n, ArithmeticOps.MUL)), ops(f));
        assertEquals(2, count(f, n -> elemwise(n, ArithmeticOps.ADD)), ops(f)); // the two (... + 2) merged too
        assertTrue(f.rewriteResult().count("merge") >= 3);
    }

    @Test
    void constantFoldingComputesConstantSubgraphsButNotBigAllocs() {
        Variable x = T.dvector("x");
        Variable c = T.mul(T.exp(T.constant(1.0)), T.constant(3.0));
        Variable big = T.alloc(T.constant(0.5), T.constant(2000L));
        Function f = checkSame(List.of(x), List.of(T.add(x, c)), only("constant_folding"), -2, 2);
        assertEquals(0, count(f, n -> elemwise(n, TranscendentalOps.EXP)), ops(f));
        Apply add = f.fgraph().outputs().get(0).owner();
        assertTrue(add.inputs().stream().anyMatch(v -> v instanceof Constant k && Math.abs(k.data().toDoubleArray()[0] - 3 * Math.E) < 1e-5), ops(f));
        Function g = compile(List.of(), List.of(big), only("constant_folding"));
        assertEquals(1, g.fgraph().toposort().size(), "a 2000-element alloc stays a node");
    }

    @Test
    void uselessElemwiseRemoved() {
        Variable x = T.dmatrix("x"), y = T.dmatrix("y");
        Variable e = T.neg(T.neg(T.pow(T.trueDiv(T.sub(T.mul(T.add(x, 0.0), 1.0), 0.0), 1.0), 1.0)));
        Variable out = T.add(T.cast(e, DType.FLOAT64), T.fill(x, y));
        Function f = checkSame(List.of(x, y), List.of(out), only("local_useless_elemwise", "constant_folding"), -2, 2);
        Apply top = f.fgraph().outputs().get(0).owner();
        assertEquals(1, f.fgraph().toposort().size(), ops(f));
        assertEquals(List.of(x, y), top.inputs());
    }

    @Test
    void neutralConstantThatDecidesTheTypeStays() {
        Variable i = T.ivector("i");
        Variable out = T.add(i, 0.0); // int32 + float64 -> float64: the 0.0 decides the dtype
        Function f = checkSame(List.of(i), List.of(out), RewriteConfig.FAST_RUN, -5, 5);
        assertEquals(DType.FLOAT64, f.fgraph().outputs().get(0).dtype());
        assertEquals(1, f.fgraph().toposort().size());
    }

    @Test
    void uselessDimShuffleReshapeAndReduce() {
        Variable x = T.dmatrix("x");
        Variable ds = T.dimshuffle(T.dimshuffle(x, new int[] {1, 0}), new int[] {1, 0});
        Variable rs = T.reshape(T.reshape(ds, T.shape(ds), null), T.shape(x), null);
        Variable out = T.sum(rs, new int[0], false, null, null);
        Function f = checkSame(List.of(x), List.of(out), only("local_useless_dimshuffle", "local_useless_reshape", "local_useless_reduce"), -2, 2);
        assertTrue(f.fgraph().outputs().get(0) == x || f.fgraph().toposort().stream().allMatch(a -> a.op() instanceof org.theanojvm.engine.ops.ShapeOps.Reshape
                || a.op() instanceof org.theanojvm.engine.ops.ShapeOps.Shape), ops(f));
        assertEquals(0, count(f, a -> a.op() instanceof org.theanojvm.engine.ops.DimShuffle), ops(f));
        assertEquals(0, count(f, a -> a.op() instanceof org.theanojvm.engine.ops.CAReduce), ops(f));
    }

    @Test
    void addMulChainsFlattenAndConstantsCollect() {
        Variable x = T.dvector("x"), y = T.dvector("y"), z = T.dvector("z");
        Variable out = T.add(T.add(T.add(x, 1.0), y), T.add(z, 2.0));
        Variable prod = T.mul(T.mul(x, 3.0), T.mul(y, 0.5));
        Function f = checkSame(List.of(x, y, z), List.of(out, prod), only("local_add_mul_canonizer", "constant_folding"), -2, 2);
        Apply add = f.fgraph().outputs().get(0).owner();
        assertTrue(elemwise(add, ArithmeticOps.ADD));
        assertEquals(4, add.inputs().size(), ops(f)); // x, y, z, 3.0
        assertEquals(1, count(f, a -> elemwise(a, ArithmeticOps.ADD)), ops(f));
        Apply mul = f.fgraph().outputs().get(1).owner();
        assertEquals(3, mul.inputs().size(), ops(f)); // x, y, 1.5
    }

    @Test
    void stabilizationRewrites() {
        Variable m = T.dmatrix("m"), x = T.dvector("x");
        Variable ls = T.log(T.softmax(m));
        Variable l1p = T.log(T.add(1.0, x));
        Variable lsig = T.log(T.sigmoid(x));
        Variable l1ms = T.log(T.sub(1.0, T.sigmoid(x)));
        Function f = checkSame(List.of(m, x), List.of(ls, l1p, lsig, l1ms), RewriteConfig.FAST_RUN.excluding("fusion"), -0.9, 3);
        assertEquals(1, count(f, a -> a.op() instanceof LogSoftmax), ops(f));
        assertEquals(0, count(f, a -> a.op() instanceof Softmax), ops(f));
        assertEquals(0, count(f, a -> elemwise(a, TranscendentalOps.LOG)), ops(f));
        assertEquals(1, count(f, a -> elemwise(a, TranscendentalOps.LOG1P)), ops(f));
        assertEquals(2, count(f, a -> elemwise(a, TranscendentalOps.SOFTPLUS)), ops(f));
        // the point of stabilizing: finite where the naive graph underflows
        Variable big = T.dvector("b");
        Function g = compile(List.of(big), List.of(T.log(T.sigmoid(big))), RewriteConfig.FAST_RUN);
        double v = g.call(NdArray.vector(-800))[0].toDoubleArray()[0];
        assertEquals(-800, v, 1e-9);
        Function raw = compile(List.of(big), List.of(T.log(T.sigmoid(big))), RewriteConfig.NONE);
        assertTrue(Double.isInfinite(raw.call(NdArray.vector(-800))[0].toDoubleArray()[0]));
    }

    /** log(sigmoid(x)) of bool and unsigned x: the rewrite negates x as a float (found by the differential fuzzer: -True is True). */
    @Test
    void logSigmoidOfIntegersIsNotNegatedInTheirOwnDtype() {
        Variable b = T.vector("b", DType.BOOL), u = T.vector("u", DType.UINT8);
        Function f = compile(List.of(b, u), List.of(T.log(T.sigmoid(b)), T.log(T.sigmoid(u))), RewriteConfig.FAST_RUN);
        assertEquals(2, count(f, a -> a.op() instanceof Elemwise e && e.scalarOp().toString().contains("softplus")), ops(f));
        NdArray[] r = f.call(NdArray.fromLongs(DType.BOOL, new long[] {2}, 1, 0), NdArray.fromLongs(DType.UINT8, new long[] {2}, 1, 3));
        double[] sb = r[0].toDoubleArray(), su = r[1].toDoubleArray();
        assertEquals(Math.log(1 / (1 + Math.exp(-1))), sb[0], 1e-6);
        assertEquals(Math.log(0.5), sb[1], 1e-6);
        assertEquals(Math.log(1 / (1 + Math.exp(-1))), su[0], 1e-6);
        assertEquals(Math.log(1 / (1 + Math.exp(-3))), su[1], 1e-6);
    }

    @Test
    void crossentropyOfSoftmaxIsComputedStably() {
        Variable x = T.dmatrix("x"), y = T.lvector("y");
        Variable nll = T.neg(T.advancedSubtensor(T.log(T.softmax(x)), T.arange(T.shapeOf(y, 0)), y));
        Function f = compile(List.of(x, y), List.of(nll), RewriteConfig.FAST_RUN);
        assertEquals(1, count(f, a -> a.op() instanceof LogSoftmax), ops(f));
        NdArray xs = NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, 1000, 0, -1000, 0, 1, 2);
        NdArray ys = NdArray.fromDoubles(DType.INT64, new long[] {2}, 2, 1);
        double[] r = f.call(xs, ys)[0].toDoubleArray();
        assertEquals(2000, r[0], 1e-9);
        assertEquals(Math.log(Math.exp(0) + Math.exp(1) + Math.exp(2)) - 1, r[1], 1e-12);
    }

    @Test
    void gemmAndGemvSpecialization() {
        Variable z = T.dmatrix("z"), a = T.dmatrix("a"), b = T.dmatrix("b"), s = T.dscalar("s"), v = T.dvector("v"), y = T.dvector("y");
        Variable g1 = T.add(T.mul(z, 0.5), T.mul(s, T.dot(a, b)));
        Variable g2 = T.sub(T.add(z, a), T.dot(b, a)); // rest term kept: gemm(z, -1, b, a, 1) + a (a dot used twice would stay a dot)
        Variable g3 = T.add(y, T.mul(2.0, T.dot(a, v)));
        Variable g4 = T.sub(y, T.dot(v, a));
        Function f = checkSame(List.of(z, a, b, s, v, y), List.of(g1, g2, g3, g4), RewriteConfig.FAST_RUN.excluding("inplace"), -2, 2);
        assertEquals(0, count(f, n -> n.op() instanceof Dot), ops(f));
        assertEquals(2, count(f, n -> n.op() == Gemm.NO_INPLACE), ops(f));
        assertEquals(2, count(f, n -> n.op() == Gemv.NO_INPLACE), ops(f));
        Apply gemm = f.fgraph().outputs().get(0).owner();
        assertEquals(Gemm.NO_INPLACE, gemm.op());
        assertEquals(z, gemm.inputs().get(0)); // Theano's order: gemm(Z, a, X, Y, b)
        assertEquals(a, gemm.inputs().get(2));
        assertEquals(b, gemm.inputs().get(3));
        assertEquals("gemm_no_inplace", gemm.op().toString());
    }

    @Test
    void gemmInplaceWhenZIsAnIntermediate() {
        Variable a = T.dmatrix("a"), b = T.dmatrix("b");
        Variable out = T.add(T.exp(a), T.dot(a, b));
        Function f = checkSame(List.of(a, b), List.of(out), RewriteConfig.FAST_RUN, -1, 1);
        assertEquals(1, count(f, n -> n.op() == Gemm.INPLACE), ops(f));
        // Z that is a function input is never destroyed
        Function g = checkSame(List.of(a, b), List.of(T.add(a, T.dot(a, b))), RewriteConfig.FAST_RUN, -1, 1);
        assertEquals(1, count(g, n -> n.op() == Gemm.NO_INPLACE), ops(g));
    }

    @Test
    void fusionMakesOneCompositeLoop() {
        Variable x = T.dmatrix("x"), w = T.dmatrix("w"), b = T.dvector("b");
        Variable out = T.tanh(T.add(T.mul(x, w), b)); // b is padded by a DimShuffle: a leaf of the fused tree
        Function f = checkSame(List.of(x, w, b), List.of(out), RewriteConfig.FAST_RUN.excluding("inplace"), -2, 2);
        assertEquals(1, count(f, a -> a.op() instanceof Elemwise), ops(f));
        Apply fused = f.fgraph().outputs().get(0).owner();
        assertEquals("Elemwise{Composite{tanh(((i0 * i1) + i2))}}", fused.op().toString());
        Composite c = (Composite) ((Elemwise) fused.op()).scalarOp();
        assertEquals(3, c.nInputs());
        assertEquals(3, c.nodes().size());
    }

    @Test
    void fusionKeepsSharedIntermediatesSeparate() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable e = T.exp(x); // used by two trees: fusing it into both would compute it twice
        Function f = checkSame(List.of(x, y), List.of(T.add(T.mul(e, y), 1.0), T.sqr(T.add(e, y))), RewriteConfig.FAST_RUN.excluding("inplace"), -2, 2);
        assertEquals(1, count(f, a -> elemwise(a, TranscendentalOps.EXP)), ops(f));
        assertEquals(2, count(f, a -> a.op() instanceof Elemwise el && el.scalarOp() instanceof Composite), ops(f));
    }

    @Test
    void fusionOfMixedDtypesMatchesSeparateNodes() {
        Variable i = T.ivector("i"), x = T.fvector("x");
        Variable out = T.add(T.intDiv(T.mul(i, 3), 2), T.mul(x, T.cast(i, DType.FLOAT32)));
        Function f = checkSame(List.of(i, x), List.of(out), RewriteConfig.FAST_RUN, -50, 50);
        assertEquals(1, count(f, a -> a.op() instanceof Elemwise), ops(f));
    }

    @Test
    void inplaceElemwiseOnlyOnFreshSingleUseIntermediates() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable s = T.softmax(T.dmatrix("m"));
        Variable e = T.exp(x);
        Function f = checkSame(List.of(x, y), List.of(T.add(T.exp(T.mul(x, y)), y), e, T.add(e, 1.0)), RewriteConfig.FAST_RUN.excluding("fusion"), -2, 2);
        // exp(x*y) is fresh and used once: the add overwrites it; e is also an output, so never destroyed
        Apply first = f.fgraph().outputs().get(0).owner();
        assertEquals(0, ((Elemwise) first.op()).inplaceInput(), ops(f));
        assertEquals("Elemwise{add,inplace}", first.op().toString());
        Apply third = f.fgraph().outputs().get(2).owner();
        assertEquals(-1, ((Elemwise) third.op()).inplaceInput(), ops(f));
        // inputs (x, y) are never destroyed: the caller's arrays keep their values
        NdArray xv = NdArray.vector(1, 2, 3), yv = NdArray.vector(4, 5, 6);
        Function g = compile(List.of(x, y), List.of(T.mul(T.add(x, y), y)), RewriteConfig.FAST_RUN.excluding("fusion"));
        g.call(xv, yv);
        assertEquals(List.of(1.0, 2.0, 3.0), java.util.Arrays.stream(xv.toDoubleArray()).boxed().toList());
        assertEquals(List.of(4.0, 5.0, 6.0), java.util.Arrays.stream(yv.toDoubleArray()).boxed().toList());
        assertTrue(s != null);
    }

    @Test
    void inplaceSharedUpdateWritesIntoTheSharedBuffer() {
        SharedVariable w = T.shared(NdArray.vector(1, 2, 3), "w");
        Variable g = T.dvector("g");
        Variable upd = T.sub(w, T.mul(0.1, g));
        FunctionGraph fg = new FunctionGraph(List.of(g, w), List.of(upd));
        RewriteResult r = RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN, new java.util.IdentityHashMap<>(Map.of(w, 0)));
        Apply n = fg.outputs().get(0).owner();
        assertEquals(0, ((Elemwise) n.op()).inplaceInput(), r.toString()); // w is input 0 of the fused node
        assertEquals(1, r.count("inplace_shared_update"));
        NdArray buf = w.getValue(true);
        NdArray[] res = ReferenceExecutor.run(fg, List.of(NdArray.vector(10, 20, 30), buf));
        assertTrue(res[0] == buf, "computed in w's own buffer");
        assertEquals(2.0 - 2.0, res[0].toDoubleArray()[1], 1e-12);
        // not when w is read by another node too
        FunctionGraph fg2 = new FunctionGraph(List.of(g, w), List.of(upd, T.mul(w, 2.0)));
        RewriteDB.standard().run(fg2, RewriteConfig.FAST_RUN, new java.util.IdentityHashMap<>(Map.of(w, 0)));
        assertEquals(-1, ((Elemwise) fg2.outputs().get(0).owner().op()).inplaceInput());
    }

    @Test
    void anInPlaceSharedUpdateRunsLastSoAFailingOtherUpdateLeavesTheSharedValueUntouched() {
        SharedVariable w = T.shared(NdArray.vector(1, 2, 3), "w");
        Variable g = T.dvector("g"), h = T.dvector("h"), v = T.dvector("v");
        // outputs in this order: the DFS alone would run w's in-place update before v + h
        FunctionGraph fg = new FunctionGraph(List.of(g, w, v, h), List.of(T.sub(w, T.mul(0.1, g)), T.exp(T.add(v, h))));
        RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN, new java.util.IdentityHashMap<>(Map.of(w, 0)));
        Apply update = fg.outputs().get(0).owner();
        assertEquals(0, ((Elemwise) update.op()).inplaceInput());
        List<Apply> order = fg.toposort();
        assertEquals(update, order.get(order.size() - 1));
        NdArray buf = w.getValue(true);
        // h has the wrong length: the other output's node raises at run time
        assertThrows(TheanoException.class, () -> ReferenceExecutor.run(fg, List.of(NdArray.vector(10, 20, 30), buf, NdArray.vector(1, 2, 3), NdArray.vector(1, 2))));
        assertEquals(List.of(1.0, 2.0, 3.0), java.util.Arrays.stream(buf.toDoubleArray()).boxed().toList(), "w's buffer was overwritten by a failed call");
    }

    @Test
    void aGemmUpdateOfASharedMatrixReadElsewhereRunsInPlaceAfterItsReaders() {
        // W <- W - 0.1 * dot(x.T, tanh(dot(x, W))); the cost also reads W through its view W.T
        double[] w0 = {0.5, -1, 2, 0.25, -0.75, 1.5};
        double[] xv = {1, 2, -1, 0.5, 0, 3, -2, 1, 1, 1, 1, 1};
        double[] yv = {1, -1, 2, 0.5};
        SharedVariable w = T.shared(NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 2}, w0), "W");
        Variable x = T.dmatrix("x"), y = T.dmatrix("y");
        Variable h = T.tanh(T.dot(x, w));
        Variable cost = T.add(T.sum(h), T.sum(T.dot(y, T.transpose(w))));
        Variable upd = T.sub(w, T.mul(0.1, T.dot(T.transpose(x), h)));
        Function f = Function.compile(List.of(org.theanojvm.engine.function.In.of(x), org.theanojvm.engine.function.In.of(y)), List.of(cost),
                List.<Variable[]>of(new Variable[] {w, upd}), List.of(), null, null, null, RewriteConfig.FAST_RUN);
        assertEquals(1, f.rewriteResult().count("inplace_shared_update"), f.fgraph().toposort().toString() + f.rewriteResult().destroyableInputs());
        Apply gemm = f.fgraph().outputs().get(1).owner();
        assertEquals(Gemm.INPLACE, gemm.op());
        List<Apply> order = f.fgraph().toposort();
        assertEquals(gemm, order.get(order.size() - 1), "after dot(x, W) and dot(y, W.T)");
        NdArray buf = w.getValue(true);
        NdArray xa = NdArray.fromDoubles(DType.FLOAT64, new long[] {4, 3}, xv), ya = NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 2}, yv);
        double got = f.call(xa, ya)[0].toDoubleArray()[0];
        // by hand: hv = tanh(x.W) (4x2); cost = sum(hv) + sum(y.W.T) with the old W; W' = W - 0.1 x.T hv
        double[] hv = new double[8];
        double expectCost = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += xv[i * 3 + k] * w0[k * 2 + j];
                hv[i * 2 + j] = Math.tanh(s);
                expectCost += hv[i * 2 + j];
            }
        }
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) expectCost += yv[i * 2 + k] * w0[j * 2 + k];
        assertEquals(expectCost, got, 1e-12, "the readers saw W before the update");
        double[] w1 = w.getValue().toDoubleArray();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int i = 0; i < 4; i++) s += xv[i * 3 + k] * hv[i * 2 + j];
                assertEquals(w0[k * 2 + j] - 0.1 * s, w1[k * 2 + j], 1e-12);
            }
        }
        assertTrue(w.getValue(true) == buf, "updated in W's own buffer");
        // not in place when W itself or a view of it is an output: that output must show the old W
        for (Variable out : List.<Variable>of(w, T.transpose(w))) {
            SharedVariable w2 = T.shared(NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 2}, w0), "W");
            Variable upd2 = T.sub(w2, T.mul(0.1, T.dot(T.transpose(x), T.tanh(T.dot(x, w2)))));
            Variable o = out == w ? w2 : T.transpose(w2);
            Function g = Function.compile(List.of(org.theanojvm.engine.function.In.of(x)), List.of(o), List.<Variable[]>of(new Variable[] {w2, upd2}),
                    List.of(), null, null, null, RewriteConfig.FAST_RUN);
            assertEquals(0, g.rewriteResult().count("inplace_shared_update"), out.toString());
            double[] shown = g.call(xa)[0].toDoubleArray();
            assertEquals(out == w ? w0[1] : w0[2], shown[1], 0.0, "the output holds the old W");
        }
        // not in place when the gemm itself reads W as a factor: W <- W - 0.1 * dot(W, W.T.W)... here dot(x.T . x, W)
        SharedVariable w3 = T.shared(NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 3}, 1, 0, 0, 0, 2, 0, 0, 0, 3), "W3");
        Function g3 = Function.compile(List.of(org.theanojvm.engine.function.In.of(x)), List.of(T.sum(x)),
                List.<Variable[]>of(new Variable[] {w3, T.sub(w3, T.mul(0.1, T.dot(w3, T.transpose(w3))))}), List.of(), null, null, null, RewriteConfig.FAST_RUN);
        assertEquals(0, g3.rewriteResult().count("inplace_shared_update"));
        g3.call(xa);
        assertEquals(List.of(0.9, 0.0, 0.0, 0.0, 1.6, 0.0, 0.0, 0.0, 2.1), java.util.Arrays.stream(w3.getValue().toDoubleArray()).map(v -> Math.round(v * 1e12) / 1e12).boxed().toList());
    }

    @Test
    void anArgumentThatIsTheBufferOfAnInPlaceUpdatedSharedValueStillReadsTheOldValues() {
        // W <- W - x.T in W's own buffer; the caller passes W's own buffer as x (get_value(borrow=True))
        SharedVariable w = T.shared(NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 2}, 1, 2, 3, 4), "W");
        Variable x = T.dmatrix("x");
        Function f = Function.compile(List.of(org.theanojvm.engine.function.In.of(x)), List.of(T.sum(x)),
                List.<Variable[]>of(new Variable[] {w, T.sub(w, T.transpose(x))}), List.of(), null, null, null, RewriteConfig.FAST_RUN);
        assertEquals(0, ((Elemwise) f.fgraph().outputs().get(1).owner().op()).inplaceInput(), "updated in W's buffer");
        assertEquals(10.0, f.call(w.getValue(true))[0].toDoubleArray()[0], 0.0, "sum(x) of the old W");
        // W - W.T with the old W: the in-place node runs after sum(x), and Elemwise does not write into an input another
        // operand aliases (written into W's buffer while reading it through x.T, W[1][0] would read the new W[0][1])
        assertEquals(List.of(0.0, -1.0, 1.0, 0.0), java.util.Arrays.stream(w.getValue().toDoubleArray()).boxed().toList());
    }

    @Test
    void sharedUpdatesThroughFunctionStayCorrect() {
        SharedVariable w = T.shared(NdArray.vector(1, 2, 3), "w");
        Variable g = T.dvector("g");
        Function f = Function.compile(List.of(org.theanojvm.engine.function.In.of(g)), List.of(T.sum(T.sqr(w))), List.<Variable[]>of(new Variable[] {w, T.sub(w, T.mul(0.5, g))}),
                List.of(), null, null, null, RewriteConfig.FAST_RUN);
        NdArray before = f.call(NdArray.vector(2, 2, 2))[0];
        assertEquals(14, before.toDoubleArray()[0], 1e-12);
        assertEquals(List.of(0.0, 1.0, 2.0), java.util.Arrays.stream(w.getValue().toDoubleArray()).boxed().toList());
    }

    @Test
    void modesAndFlagsSelectRewrites() {
        RewriteDB db = RewriteDB.standard();
        List<String> fastRun = db.selected(RewriteConfig.FAST_RUN);
        assertTrue(fastRun.containsAll(List.of("merge", "constant_folding", "local_useless_elemwise", "local_add_mul_canonizer", "local_logsoftmax",
                "gemm_optimizer", "elemwise_fusion", "inplace_elemwise")), fastRun.toString());
        assertEquals(List.of("merge", "constant_folding"), db.selected(RewriteConfig.FAST_COMPILE));
        assertEquals(List.of(), db.selected(RewriteConfig.NONE));
        assertEquals(List.of(), db.selected(RewriteConfig.NONE.including("fusion")));
        // optimizer flag under the generic mode; FAST_RUN fixes it
        assertEquals(db.selected(RewriteConfig.FAST_COMPILE), db.selected(RewriteConfig.fromFlags("Mode", "fast_compile", null, null, null)));
        assertEquals(fastRun, db.selected(RewriteConfig.fromFlags("FAST_RUN", "None", null, null, null)));
        List<String> noFusion = db.selected(RewriteConfig.fromFlags("Mode", "fast_run", null, "fusion:inplace", null));
        assertFalse(noFusion.contains("elemwise_fusion"));
        assertFalse(noFusion.contains("inplace_elemwise"));
        assertTrue(noFusion.contains("gemm_optimizer"));
        assertEquals(List.of("local_logsoftmax", "local_log1p", "local_log_sigmoid", "local_log1msigmoid"),
                db.selected(RewriteConfig.FAST_RUN.requiring("stabilize")));
        assertTrue(db.selected(RewriteConfig.FAST_COMPILE.including("local_logsoftmax")).contains("local_logsoftmax"));
        // a compiled function honours the config
        Variable x = T.dvector("x");
        Variable out = T.exp(T.mul(T.add(x, 0.0), 2.0));
        assertEquals(5, compile(List.of(x), List.of(out), RewriteConfig.NONE).fgraph().toposort().size()); // 3 elemwise + 2 DimShuffles padding the constants
        Function fr = compile(List.of(x), List.of(out), RewriteConfig.FAST_RUN);
        assertEquals(1, fr.fgraph().toposort().size(), ops(fr));
        assertTrue(fr.rewriteResult().phases().contains("fusion"));
    }
}
