package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Join/Split/stack, eye/tri, take, CumOp, sort, repeat, tile, squeeze, SpecifyShape, padding, diag, LogSoftmax. */
class ArrayOpsTest {
    static final NdArray M = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, -2, 3, 4, 5, -6);
    static final Variable X = T.dmatrix("x");

    static NdArray ev(Variable out) { return eval(out, List.of(X), M); }

    static NdArray lv(long... v) { return NdArray.fromLongs(DType.INT64, s(v.length), v); }

    @Test
    void joinConcatenateStack() {
        Variable r = T.row("r", DType.FLOAT64);
        NdArray rv = NdArray.fromDoubles(DType.FLOAT64, s(1, 3), 7, 8, 9);
        Variable j0 = T.concatenate(new Object[] {X, r}, 0);
        assertEquals("Join", j0.owner().op().toString());
        assertEquals("TensorType(float64, matrix)", j0.type().toString());
        assertArray(eval(j0, List.of(X, r), M, rv), DType.FLOAT64, s(3, 3), 1, -2, 3, 4, 5, -6, 7, 8, 9);
        Variable j1 = T.concatenate(new Object[] {r, r}, -1);
        assertEquals("TensorType(float64, row)", j1.type().toString());
        assertArray(eval(j1, List.of(r), rv), DType.FLOAT64, s(1, 6), 7, 8, 9, 7, 8, 9);
        assertEquals(DType.FLOAT64, T.concatenate(new Object[] {T.ivector("i"), T.dvector("d")}, 0).dtype());
        TheanoException e = assertThrows(TheanoException.class, () -> eval(T.concatenate(new Object[] {X, r}, 1), List.of(X, r), M, rv));
        assertTrue(e.getMessage().startsWith("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, "
                + "the array at index 0 has size 2 and the array at index 1 has size 1"), e.getMessage());
        assertEquals(X, T.join(0L, X));
        Variable cm = T.dmatrix("cm");
        assertArray(eval(T.horizontalStack(X, cm), List.of(X, cm), M, NdArray.fromDoubles(DType.FLOAT64, s(2, 1), 7, 8)),
                DType.FLOAT64, s(2, 4), 1, -2, 3, 7, 4, 5, -6, 8);
        assertArray(eval(T.verticalStack(X, X), List.of(X), M), DType.FLOAT64, s(4, 3), 1, -2, 3, 4, 5, -6, 1, -2, 3, 4, 5, -6);
        assertThrows(TheanoException.class, () -> T.verticalStack(X, T.dvector("q")));
        Variable a = T.dscalar("a"), b = T.dscalar("b");
        Variable sv = T.stack(new Object[] {a, b, 3L}, 0);
        assertEquals("MakeVector{dtype='float64'}", sv.owner().op().toString());
        assertArray(eval(sv, List.of(a, b), 1.5, 2.5), DType.FLOAT64, s(3), 1.5, 2.5, 3);
        Variable v = T.dvector("v"), w = T.dvector("w");
        NdArray vv = NdArray.vector(1, 2), wv = NdArray.vector(3, 4);
        assertArray(eval(T.stack(new Object[] {v, w}, 0), List.of(v, w), vv, wv), DType.FLOAT64, s(2, 2), 1, 2, 3, 4);
        assertArray(eval(T.stack(new Object[] {v, w}, 1), List.of(v, w), vv, wv), DType.FLOAT64, s(2, 2), 1, 3, 2, 4);
        verifyGrad(q -> T.concatenate(new Object[] {q.get(0), q.get(1)}, 1), new NdArray[] {M, NdArray.fromDoubles(DType.FLOAT64, s(2, 1), 0.5, 2)}, 71);
        verifyGrad(q -> T.stack(new Object[] {q.get(0), q.get(1)}, 1), new NdArray[] {vv, wv}, 72);
        // R-op of Join joins the eval points
        Variable ex = T.dmatrix("ex");
        Variable jr = Gradient.rop(List.of(T.concatenate(new Object[] {X, X}, 0)), List.of(X), List.of(ex)).get(0);
        assertArray(eval(jr, List.of(ex), M), DType.FLOAT64, s(4, 3), 1, -2, 3, 4, 5, -6, 1, -2, 3, 4, 5, -6);
    }

    @Test
    void split() {
        List<Variable> parts = T.split(X, new long[] {1, 2}, 2, 1);
        assertEquals("Split{2}", parts.get(0).owner().op().toString());
        assertArray(ev(parts.get(0)), DType.FLOAT64, s(2, 1), 1, 4);
        assertArray(ev(parts.get(1)), DType.FLOAT64, s(2, 2), -2, 3, 5, -6);
        TheanoException e = assertThrows(TheanoException.class, () -> ev(T.split(X, new long[] {1, 1}, 2, 1).get(0)));
        assertTrue(e.getMessage().startsWith("The splits sum to 2, expected 3"), e.getMessage());
        // gradient with one output unused: the driver fills zeros for it
        verifyGrad(q -> T.split(q.get(0), new long[] {2, 1}, 2, 1).get(0), new NdArray[] {M}, 73);
        verifyGrad(q -> {
            List<Variable> p = T.split(q.get(0), new long[] {1, 1}, 2, 0);
            return T.mul(p.get(0), T.exp(p.get(1)));
        }, new NdArray[] {M}, 74);
    }

    @Test
    void eyeTriAndDiagonals() {
        Variable e = T.eye(3L, null, null, null);
        assertEquals("Eye{dtype='float64'}", e.owner().op().toString());
        assertArray(eval(e), DType.FLOAT64, s(3, 3), 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertArray(eval(T.eye(2L, 4L, 1L, DType.INT32)), DType.INT32, s(2, 4), 0, 1, 0, 0, 0, 0, 1, 0);
        assertArray(eval(T.eye(3L, 2L, -1L, null)), DType.FLOAT64, s(3, 2), 0, 0, 1, 0, 0, 1);
        assertArray(ev(T.identityLike(X)), DType.FLOAT64, s(2, 3), 1, 0, 0, 0, 1, 0);
        Variable t = T.tri(3L, 4L, 0L, null);
        assertEquals("Tri{dtype='float64'}", t.owner().op().toString());
        assertArray(eval(t), DType.FLOAT64, s(3, 4), 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0);
        assertArray(ev(T.tril(X, 0)), DType.FLOAT64, s(2, 3), 1, 0, 0, 4, 5, 0);
        assertArray(ev(T.triu(X, 1)), DType.FLOAT64, s(2, 3), 0, -2, 3, 0, 0, -6);
        assertArray(ev(T.triu(X, 0)), DType.FLOAT64, s(2, 3), 1, -2, 3, 0, 5, -6);
        Variable d = T.diag(X, 0);
        assertEquals("ExtractDiag{offset=0, axis1=0, axis2=1, view=False}", d.owner().op().toString());
        assertArray(ev(d), DType.FLOAT64, s(2), 1, 5);
        assertArray(ev(T.diagonal(X, 1, 0, 1)), DType.FLOAT64, s(2), -2, -6);
        assertArray(ev(T.diagonal(X, -1, 0, 1)), DType.FLOAT64, s(1), 4);
        Variable t3 = T.tensor3("t", DType.FLOAT64);
        double[] v = new double[2 * 3 * 3];
        for (int i = 0; i < v.length; i++) v[i] = i;
        NdArray tv = NdArray.fromDoubles(DType.FLOAT64, s(2, 3, 3), v);
        // diagonal over axes (1, 2): out[a, i] = t[a, i, i]
        assertArray(eval(T.diagonal(t3, 0, 1, 2), List.of(t3), tv), DType.FLOAT64, s(2, 3), 0, 4, 8, 9, 13, 17);
        // axes (axis1=2, axis2=0), offset 1: out[b, i] = t[i + 1, b, i] (numpy: a[axis1=i, axis2=i+offset])
        NdArray dg = eval(T.diagonal(t3, 1, 2, 0), List.of(t3), tv);
        assertEquals("[3, 1]", java.util.Arrays.toString(dg.shape()));
        for (int b = 0; b < 3; b++) assertEquals(tv.getDouble(1, b, 0), dg.getDouble(b, 0));
        Variable vec = T.dvector("vec");
        Variable ad = T.diag(vec, 1);
        assertEquals("AllocDiag{offset=1, axis1=0, axis2=1}", ad.owner().op().toString());
        assertArray(eval(ad, List.of(vec), NdArray.vector(7, 8)), DType.FLOAT64, s(3, 3), 0, 7, 0, 0, 0, 8, 0, 0, 0);
        assertArray(eval(T.diag(vec, -1), List.of(vec), NdArray.vector(7, 8)), DType.FLOAT64, s(3, 3), 0, 0, 0, 7, 0, 0, 0, 8, 0);
        verifyGrad(q -> T.diagonal(q.get(0), 1, 0, 1), new NdArray[] {M}, 75);
        verifyGrad(q -> T.diagonal(q.get(0), -1, 0, 1), new NdArray[] {M}, 751);
        // non-adjacent axes of a 3-d tensor: the index dimension moves to the front inside the gradient
        verifyGrad(q -> T.diagonal(q.get(0), 1, 2, 0), new NdArray[] {ExtraMathOpsTest.seq(s(3, 2, 4), 0.6, 0.2)}, 752);
        verifyGrad(q -> T.diagonal(q.get(0), 0, 1, 2), new NdArray[] {ExtraMathOpsTest.seq(s(2, 3, 3), 0.6, 0.2)}, 753);
        verifyGrad(q -> T.diag(q.get(0), -1), new NdArray[] {NdArray.vector(0.5, 2, -1)}, 76);
        verifyGrad(q -> T.triu(q.get(0), 0), new NdArray[] {M}, 77);
    }

    @Test
    void take() {
        assertArray(ev(T.take(X, lv(1, 0, 1), 0, "raise")), DType.FLOAT64, s(3, 3), 4, 5, -6, 1, -2, 3, 4, 5, -6);
        assertArray(ev(T.take(X, lv(2, 0), 1, "raise")), DType.FLOAT64, s(2, 2), 3, 1, -6, 4);
        assertArray(ev(T.take(X, lv(5, 0), null, "raise")), DType.FLOAT64, s(2), -6, 1);
        assertArray(ev(T.take(X, NdArray.fromLongs(DType.INT64, s(2, 2), 0, 1, 1, 0), 0, "raise")), DType.FLOAT64, s(2, 2, 3),
                1, -2, 3, 4, 5, -6, 4, 5, -6, 1, -2, 3);
        assertArray(ev(T.take(X, lv(-1, 7), 1, "clip")), DType.FLOAT64, s(2, 2), 1, 3, 4, -6);
        assertArray(ev(T.take(X, lv(-1, 4), 1, "wrap")), DType.FLOAT64, s(2, 2), 3, -2, -6, 5);
        verifyGrad(q -> T.take(q.get(0), lv(2, 2, 0), 1, "raise"), new NdArray[] {M}, 78);
    }

    @Test
    void cumsumCumprod() {
        Variable c = T.cumsum(X, null);
        assertEquals("CumOp{None, add}", c.owner().op().toString());
        assertEquals("TensorType(float64, vector)", c.type().toString());
        double[] flat = M.toDoubleArray();
        double[] cs = new double[6], cp = new double[6];
        for (int i = 0; i < 6; i++) {
            cs[i] = flat[i] + (i > 0 ? cs[i - 1] : 0);
            cp[i] = flat[i] * (i > 0 ? cp[i - 1] : 1);
        }
        assertArray(ev(c), DType.FLOAT64, s(6), cs);
        assertArray(ev(T.cumprod(X, null)), DType.FLOAT64, s(6), cp);
        assertArray(ev(T.cumsum(X, 0)), DType.FLOAT64, s(2, 3), 1, -2, 3, 5, 3, -3);
        Variable cm = T.cumprod(X, -1);
        assertEquals("CumOp{-1, mul}", cm.owner().op().toString());
        assertArray(ev(cm), DType.FLOAT64, s(2, 3), 1, -2, -6, 4, 20, -120);
        Variable iv = T.ivector("iv");
        assertArray(eval(T.cumsum(iv, 0), List.of(iv), NdArray.fromLongs(DType.INT32, s(3), 5, 6, 7)), DType.INT32, s(3), 5, 11, 18);
        assertThrows(TheanoException.class, () -> T.cumsum(X, 2));
        verifyGrad(q -> T.cumsum(q.get(0), 1), new NdArray[] {M}, 79);
        verifyGrad(q -> T.cumsum(q.get(0), null), new NdArray[] {M}, 80);
        verifyGrad(q -> T.cumprod(q.get(0), 0), new NdArray[] {M}, 81);
        verifyGrad(q -> T.cumprod(q.get(0), null), new NdArray[] {NdArray.vector(0.5, -1.5, 2, 0.75)}, 82);
    }

    @Test
    void sortArgsort() {
        NdArray u = NdArray.fromDoubles(DType.FLOAT64, s(2, 4), 3, Double.NaN, -1, 2, 0.5, 0.5, -7, 1);
        Variable srt = T.sort(X);
        assertEquals("SortOp{quicksort, None}", srt.owner().op().toString());
        assertArray(eval(srt, List.of(X), u), DType.FLOAT64, s(2, 4), -1, 2, 3, Double.NaN, -7, 0.5, 0.5, 1);
        Variable as = T.argsort(X);
        assertEquals("ArgSortOp{quicksort, None}", as.owner().op().toString());
        assertArray(eval(as, List.of(X), u), DType.INT64, s(2, 4), 2, 3, 0, 1, 2, 0, 1, 3);
        assertArray(eval(T.sort(X, 0, "quicksort", null), List.of(X), u), DType.FLOAT64, s(2, 4), 0.5, 0.5, -7, 1, 3, Double.NaN, -1, 2);
        assertArray(eval(T.sort(X, null, "mergesort", null), List.of(X), M), DType.FLOAT64, s(6), -6, -2, 1, 3, 4, 5);
        assertArray(eval(T.argsort(X, null, "quicksort", null), List.of(X), M), DType.INT64, s(6), 5, 1, 0, 2, 3, 4);
        Variable li = T.lvector("li");
        assertArray(eval(T.sort(li), List.of(li), lv(3, -9, 4)), DType.INT64, s(3), -9, 3, 4);
        assertThrows(TheanoException.class, () -> T.sort(X, -1, "bogus", null));
        verifyGrad(q -> T.sort(q.get(0)), new NdArray[] {M}, 83);
        verifyGrad(q -> T.sort(q.get(0), 0, "quicksort", null), new NdArray[] {M}, 84);
        // R-op: the eval point permuted like the input
        Variable ex = T.dmatrix("ex");
        Variable r = Gradient.rop(List.of(T.sort(X)), List.of(X), List.of(ex)).get(0);
        NdArray e = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 10, 20, 30, 40, 50, 60);
        assertArray(eval(r, List.of(X, ex), M, e), DType.FLOAT64, s(2, 3), 20, 10, 30, 60, 40, 50);
    }

    @Test
    void repeatAndTile() {
        Variable r0 = T.repeat(X, 2L, 0);
        assertArray(ev(r0), DType.FLOAT64, s(4, 3), 1, -2, 3, 1, -2, 3, 4, 5, -6, 4, 5, -6);
        assertArray(ev(T.repeat(X, 2L, 1)), DType.FLOAT64, s(2, 6), 1, 1, -2, -2, 3, 3, 4, 4, 5, 5, -6, -6);
        assertArray(ev(T.repeat(X, 2L, null)), DType.FLOAT64, s(12), 1, 1, -2, -2, 3, 3, 4, 4, 5, 5, -6, -6);
        Variable rv = T.repeat(X, new long[] {1, 0, 2}, 1);
        assertEquals("RepeatOp{axis=1}", rv.owner().op().toString());
        assertArray(ev(rv), DType.FLOAT64, s(2, 3), 1, 3, 3, 4, -6, -6);
        assertArray(ev(T.repeat(X, new long[] {2, 1}, 0)), DType.FLOAT64, s(3, 3), 1, -2, 3, 1, -2, 3, 4, 5, -6);
        TheanoException e = assertThrows(TheanoException.class, () -> ev(T.repeat(X, new long[] {1, 2}, 1)));
        assertEquals("ValueError", e.pythonExceptionType());
        verifyGrad(q -> T.repeat(q.get(0), 3L, 1), new NdArray[] {M}, 85);
        Variable v = T.dvector("v");
        NdArray vv = NdArray.vector(1, 2);
        assertArray(eval(T.tile(v, 3L, null), List.of(v), vv), DType.FLOAT64, s(6), 1, 2, 1, 2, 1, 2);
        // numpy.tile: out[i, j] = x[i % rows, j % cols]
        NdArray t = ev(T.tile(X, new Object[] {2L, 2L}, null));
        assertEquals("[4, 6]", java.util.Arrays.toString(t.shape()));
        for (int i = 0; i < 4; i++) for (int j = 0; j < 6; j++) assertEquals(M.getDouble(i % 2, j % 3), t.getDouble(i, j));
        NdArray t3 = eval(T.tile(v, new Object[] {2L, 1L}, 3), List.of(v), vv);
        assertEquals("[1, 2, 2]", java.util.Arrays.toString(t3.shape()));
        Variable reps = T.lvector("reps");
        NdArray tv = eval(T.tile(X, reps, 2), List.of(X, reps), M, lv(3));
        assertArray(tv, DType.FLOAT64, s(2, 9), 1, -2, 3, 1, -2, 3, 1, -2, 3, 4, 5, -6, 4, 5, -6, 4, 5, -6);
        verifyGrad(q -> T.tile(q.get(0), new Object[] {2L, 3L}, null), new NdArray[] {M}, 86);
    }

    @Test
    void squeezeSpecifyShapePadding() {
        Variable r = T.row("r", DType.FLOAT64);
        assertEquals("TensorType(float64, vector)", T.squeeze(r).type().toString());
        assertEquals("TensorType(float64, matrix)", T.squeeze(X).type().toString());
        Variable sp = T.specifyShape(X, new long[] {2, 3});
        assertEquals("SpecifyShape", sp.owner().op().toString());
        assertArray(ev(sp), DType.FLOAT64, s(2, 3), 1, -2, 3, 4, 5, -6);
        TheanoException e = assertThrows(TheanoException.class, () -> ev(T.specifyShape(X, new long[] {2, 4})));
        assertEquals("AssertionError", e.pythonExceptionType());
        assertTrue(e.getMessage().startsWith("('got shape', (2, 3), 'expected', array([2, 4]))"), e.getMessage());
        assertThrows(TheanoException.class, () -> T.specifyShape(X, new long[] {2}));
        verifyGrad(q -> T.specifyShape(q.get(0), new long[] {2, 3}), new NdArray[] {M}, 87);
        assertEquals("TensorType(float64, (True, True, False, False))", T.shapePadleft(X, 2).type().toString());
        assertEquals("TensorType(float64, (False, False, True))", T.shapePadright(X, 1).type().toString());
        assertEquals("TensorType(float64, (False, True, False))", T.shapePadaxis(X, 1).type().toString());
        assertEquals("TensorType(float64, (False, False, True))", T.shapePadaxis(X, -1).type().toString());
        TheanoIndexError ie = assertThrows(TheanoIndexError.class, () -> T.shapePadaxis(X, 3));
        assertEquals("axis 3 is out of bounds [-3, 3)", ie.getMessage());
    }

    @Test
    void logSoftmax() {
        Variable ls = T.logSoftmax(X);
        assertEquals("LogSoftmax", ls.owner().op().toString());
        double[] e = new double[6];
        for (int i = 0; i < 2; i++) {
            double z = 0;
            for (int j = 0; j < 3; j++) z += Math.exp(M.getDouble(i, j));
            for (int j = 0; j < 3; j++) e[i * 3 + j] = M.getDouble(i, j) - Math.log(z);
        }
        assertArray(ev(ls), DType.FLOAT64, s(2, 3), e);
        // stable for large inputs, and a vector becomes a row
        assertArray(eval(T.logSoftmax(T.constant(NdArray.vector(1000, 1000)))), DType.FLOAT64, s(1, 2), -Math.log(2), -Math.log(2));
        verifyGrad(q -> T.logSoftmax(q.get(0)), new NdArray[] {M}, 88);
        // R-op against a central finite difference along the eval point
        Variable ex = T.dmatrix("ex");
        NdArray dir = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 0.3, -0.1, 0.7, 1.1, 0.2, -0.4);
        NdArray r = eval(Gradient.rop(List.of(ls), List.of(X), List.of(ex)).get(0), List.of(X, ex), M, dir);
        double h = 1e-6;
        NdArray plus = M.copy(), minus = M.copy();
        long[] po = plus.elementOffsets();
        double[] d = dir.toDoubleArray();
        for (int i = 0; i < 6; i++) {
            plus.writeDouble(po[i], plus.readDouble(po[i]) + h * d[i]);
            minus.writeDouble(po[i], minus.readDouble(po[i]) - h * d[i]);
        }
        double[] fp = eval(ls, List.of(X), plus).toDoubleArray(), fm = eval(ls, List.of(X), minus).toDoubleArray(), rr = r.toDoubleArray();
        for (int i = 0; i < 6; i++) assertEquals((fp[i] - fm[i]) / (2 * h), rr[i], 1e-6);
    }
}
