package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;
import static org.theanojvm.engine.TestUtil.verifyGrad;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.AdvancedIndexing;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** AdvancedSubtensor / AdvancedIncSubtensor against independent loops, plus gradients and getitem dispatch. */
class AdvancedIndexingTest {
    /** x3[a, b, c] = 100a + 10b + c for shape (2, 3, 4): every value names its own position. */
    static final NdArray X3 = positional();
    static final Variable T3 = T.tensor3("x", DType.FLOAT64);

    static NdArray positional() {
        double[] v = new double[24];
        for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) v[a * 12 + b * 4 + c] = 100 * a + 10 * b + c;
        return NdArray.fromDoubles(DType.FLOAT64, s(2, 3, 4), v);
    }

    static double at(long a, long b, long c) { return 100 * a + 10 * b + c; }

    static NdArray lv(long... v) { return NdArray.fromLongs(DType.INT64, s(v.length), v); }

    static NdArray ev3(Variable out) { return eval(out, List.of(T3), X3); }

    @Test
    void seed002PickOnePerRow() {
        Variable hx = T.dmatrix("hx");
        Variable y = T.lvector("y");
        Variable picked = T.advancedSubtensor(T.log(hx), T.arange(T.shapeOf(y, 0)), y);
        assertEquals("AdvancedSubtensor", picked.owner().op().toString());
        assertEquals("TensorType(float64, vector)", picked.type().toString());
        NdArray h = NdArray.fromDoubles(DType.FLOAT64, s(3, 4), 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2);
        NdArray r = eval(picked, List.of(hx, y), h, lv(1, 0, 3));
        assertArray(r, DType.FLOAT64, s(3), Math.log(0.2), Math.log(0.5), Math.log(1.2));
        // the mean negative log-likelihood gradient flows back only into the picked entries
        Variable cost = T.neg(T.mean(picked, null, false, null, null));
        NdArray g = eval(Gradient.grad(cost, hx), List.of(hx, y), h, lv(1, 0, 3));
        assertArray(g, DType.FLOAT64, s(3, 4), 0, -1 / (3 * 0.2), 0, 0, -1 / (3 * 0.5), 0, 0, 0, 0, 0, 0, -1 / (3 * 1.2));
    }

    @Test
    void arraysWithSlicesAdjacentAndSeparated() {
        // adjacent: x[:, [2, 0], 1:3] -> (2, 2, 2)
        Variable adj = T.advancedSubtensor(T3, SubtensorOps.all(), lv(2, 0), SubtensorOps.slice(1L, 3L, null));
        long[] i1 = {2, 0};
        List<Double> e = new ArrayList<>();
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 2; c++) e.add(at(a, i1[b], 1 + c));
        assertArray(ev3(adj), DType.FLOAT64, s(2, 2, 2), e.stream().mapToDouble(Double::doubleValue).toArray());
        // separated by a slice: the broadcast index dimension goes first -> (2, 3)
        long[] i0 = {1, 0}, i2 = {3, -2};
        Variable sep = T.advancedSubtensor(T3, lv(i0), SubtensorOps.all(), lv(i2));
        e.clear();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) e.add(at(i0[i], j, i2[i] < 0 ? i2[i] + 4 : i2[i]));
        assertArray(ev3(sep), DType.FLOAT64, s(2, 3), e.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals("TensorType(float64, matrix)", sep.type().toString());
    }

    @Test
    void broadcastingIndexArraysAndNewaxis() {
        NdArray ia = NdArray.fromLongs(DType.INT64, s(2, 1), 0, 1), ib = NdArray.fromLongs(DType.INT64, s(1, 2), 0, 2);
        Variable bc = T.advancedSubtensor(T3, ia, ib);
        List<Double> e = new ArrayList<>();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 4; k++) e.add(at(ia.getLong(i, 0), ib.getLong(0, j), k));
        assertArray(ev3(bc), DType.FLOAT64, s(2, 2, 4), e.stream().mapToDouble(Double::doubleValue).toArray());
        Variable na = T.advancedSubtensor(T3, (Object) null, lv(1, 0));
        assertEquals("TensorType(float64, (True, False, False, False))", na.type().toString());
        NdArray r = ev3(na);
        assertEquals("[1, 2, 3, 4]", java.util.Arrays.toString(r.shape()));
        assertEquals(at(1, 2, 3), r.getDouble(0, 0, 2, 3));
        assertEquals(at(0, 1, 0), r.getDouble(0, 1, 1, 0));
    }

    @Test
    void booleanMasks() {
        Variable x = T.dmatrix("x");
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, -2, 3, -4, 5, 0);
        Variable pos = T.advancedSubtensor(x, T.gt(x, 0));
        assertEquals("TensorType(float64, vector)", pos.type().toString());
        assertArray(eval(pos, List.of(x), m), DType.FLOAT64, s(3), 1, 3, 5);
        // a 2-d mask over the first two axes of a 3-d tensor keeps the last axis
        NdArray mask = NdArray.fromBooleans(s(2, 3), true, false, false, false, false, true);
        NdArray r = ev3(T.advancedSubtensor(T3, mask));
        List<Double> e = new ArrayList<>();
        for (long[] p : new long[][] {{0, 0}, {1, 2}}) for (int c = 0; c < 4; c++) e.add(at(p[0], p[1], c));
        assertArray(r, DType.FLOAT64, s(2, 4), e.stream().mapToDouble(Double::doubleValue).toArray());
        // mask after a slice: x[:, mask]
        NdArray m1 = NdArray.fromBooleans(s(3), false, true, true);
        assertArray(eval(T.advancedSubtensor(x, SubtensorOps.all(), m1), List.of(x), m), DType.FLOAT64, s(2, 2), -2, 3, 5, 0);
        // set through a mask: relu-like x[x < 0] = 0
        Variable neg = T.advancedSubtensor(x, T.lt(x, 0));
        assertArray(eval(T.setSubtensor(neg, 0.0), List.of(x), m), DType.FLOAT64, s(2, 3), 1, 0, 3, 0, 5, 0);
        TheanoException ex = assertThrows(TheanoException.class, () -> ev3(T.advancedSubtensor(T3, m1)));
        assertEquals("IndexError", ex.pythonExceptionType());
        assertTrue(ex.getMessage().startsWith("boolean index did not match indexed array along dimension 0; dimension is 2 but corresponding boolean dimension is 3"), ex.getMessage());
    }

    @Test
    void incAndSetAccumulateLikeNumpyAddAt() {
        Variable x = T.dmatrix("x");
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        Variable sub = T.advancedSubtensor(x, lv(0, 1, 0), lv(2, 0, 2));
        Variable inc = T.incSubtensor(sub, T.constant(NdArray.vector(10, 20, 30)));
        assertEquals("AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=False}", inc.owner().op().toString());
        assertArray(eval(inc, List.of(x), m), DType.FLOAT64, s(2, 3), 1, 2, 3 + 10 + 30, 4 + 20, 5, 6);
        Variable set = T.setSubtensor(sub, 0.0);
        assertEquals("AdvancedIncSubtensor{inplace=False,  set_instead_of_inc=True}", set.owner().op().toString());
        assertArray(eval(set, List.of(x), m), DType.FLOAT64, s(2, 3), 1, 2, 0, 0, 5, 6);
        assertArray(eval(T.advancedIncSubtensor(x, 1.0, SubtensorOps.all(), lv(1, 1)), List.of(x), m), DType.FLOAT64, s(2, 3), 1, 4, 3, 4, 7, 6);
        TheanoException ex = assertThrows(TheanoException.class,
                () -> eval(T.advancedSetSubtensor(x, T.constant(NdArray.vector(1, 2)), lv(0, 1, 0), lv(2, 0, 2)), List.of(x), m));
        assertTrue(ex.getMessage().startsWith("shape mismatch: value array of shape (2,) could not be broadcast to indexing result of shape (3,)"), ex.getMessage());
    }

    @Test
    void indexErrors() {
        TheanoException ex = assertThrows(TheanoException.class, () -> ev3(T.advancedSubtensor(T3, lv(0, 2))));
        assertEquals("IndexError", ex.pythonExceptionType());
        assertTrue(ex.getMessage().startsWith("index 2 is out of bounds for axis 0 with size 2"), ex.getMessage());
        ex = assertThrows(TheanoException.class, () -> ev3(T.advancedSubtensor(T3, lv(0, 1), lv(0, 1, 2))));
        assertTrue(ex.getMessage().startsWith("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) "), ex.getMessage());
        ex = assertThrows(TheanoException.class, () -> T.advancedSubtensor(T.dvector("v"), lv(0), lv(0)));
        assertEquals("too many indices for array: array is 1-dimensional, but 2 were indexed", ex.getMessage());
        assertThrows(TheanoException.class, () -> T.advancedSubtensor(T3, NdArray.vector(0.5)));
    }

    @Test
    void gradients() {
        NdArray a = NdArray.fromDoubles(DType.FLOAT64, s(3, 4), 0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, 0.8, 0.9, -1.0, 1.1, 1.2);
        // repeated index pairs: the gradient must accumulate
        verifyGrad(v -> T.advancedSubtensor(v.get(0), lv(0, 2, 0), lv(1, 3, 1)), new NdArray[] {a}, 1);
        verifyGrad(v -> T.advancedSubtensor(v.get(0), SubtensorOps.slice(1L, null, null), lv(3, 0)), new NdArray[] {a}, 2);
        verifyGrad(v -> T.advancedSubtensor(v.get(0), NdArray.fromBooleans(s(3, 4), true, false, false, true, false, false, true, false, true, false, false, true)),
                new NdArray[] {a}, 3);
        NdArray y = NdArray.vector(0.5, -1.5, 2.5);
        verifyGrad(v -> T.advancedIncSubtensor(v.get(0), v.get(1), lv(0, 2, 0), lv(1, 3, 1)), new NdArray[] {a, y}, 4);
        verifyGrad(v -> T.advancedSetSubtensor(v.get(0), v.get(1), lv(0, 2, 1), lv(1, 3, 1)), new NdArray[] {a, y}, 5);
        // y broadcast along the indexed rows
        verifyGrad(v -> T.advancedIncSubtensor(v.get(0), v.get(1), lv(2, 0)), new NdArray[] {a, NdArray.vector(1, 2, 3, 4)}, 6);
    }

    @Test
    void rOpIsTheSameIndexing() {
        Variable x = T.dmatrix("x"), e = T.dmatrix("e");
        Variable out = T.advancedSubtensor(x, lv(1, 0), lv(0, 2));
        Variable r = Gradient.rop(List.of(out), List.of(x), List.of(e)).get(0);
        NdArray ev = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        assertArray(eval(r, List.of(e), ev), DType.FLOAT64, s(2), 4, 3);
    }

    @Test
    void getitemDispatchesAsTheano() {
        Variable x = T.dmatrix("x");
        Variable il = T.lvector("il");
        assertEquals("AdvancedSubtensor1", T.getitem(x, il).owner().op().toString());
        Variable col = T.getitem(x, SubtensorOps.all(), il);
        assertEquals("DimShuffle{1,0}", col.owner().op().toString());
        assertEquals("AdvancedSubtensor1", col.owner().inputs().get(0).owner().op().toString());
        assertEquals("AdvancedSubtensor", T.getitem(x, T.arange(2L), il).owner().op().toString());
        assertEquals("Subtensor{int64, int64:int64:}", T.getitem(x, 1L, SubtensorOps.slice(0L, 2L, null)).owner().op().toString());
        assertEquals("TensorType(float64, (True, False, False))", T.getitem(x, AdvancedIndexing.NEWAXIS).type().toString());
        Variable mixed = T.getitem(x, AdvancedIndexing.NEWAXIS, 1L);
        assertEquals("TensorType(float64, row)", mixed.type().toString());
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        assertArray(eval(col, List.of(x, il), m, lv(2, 0)), DType.FLOAT64, s(2, 2), 3, 1, 6, 4);
        assertArray(eval(mixed, List.of(x), m), DType.FLOAT64, s(1, 3), 4, 5, 6);
        assertArray(eval(T.getitem(x, T.gt(x, 3)), List.of(x), m), DType.FLOAT64, s(3), 4, 5, 6);
    }

    @Test
    void setAndIncThroughTakeGraphs() {
        Variable x = T.dmatrix("x");
        NdArray m = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        // x[:, [2, 0]] is DimShuffle(AdvancedSubtensor1(DimShuffle(x))); a 2x2 y lands transposed-back correctly
        Variable col = T.getitem(x, SubtensorOps.all(), lv(2, 0));
        NdArray y = NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 10, 20, 30, 40);
        assertArray(eval(T.setSubtensor(col, T.constant(y)), List.of(x), m), DType.FLOAT64, s(2, 3), 20, 2, 10, 40, 5, 30);
        // a vector y broadcasts along the rows of the (2, 2) selection
        assertArray(eval(T.incSubtensor(col, T.constant(NdArray.vector(100, 200))), List.of(x), m), DType.FLOAT64, s(2, 3),
                201, 2, 103, 204, 5, 106);
        // take with matrix indices is a Reshape of take with the flattened indices
        Variable tk = T.take(x, NdArray.fromLongs(DType.INT64, s(2, 2), 1, 1, 0, 1), 0, "raise");
        assertArray(eval(T.incSubtensor(tk, 1.0), List.of(x), m), DType.FLOAT64, s(2, 3), 2, 3, 4, 7, 8, 9);
        verifyGrad(v -> T.setSubtensor(T.getitem(v.get(0), SubtensorOps.all(), lv(2, 0)), v.get(1)), new NdArray[] {m, y}, 9);
    }
}
