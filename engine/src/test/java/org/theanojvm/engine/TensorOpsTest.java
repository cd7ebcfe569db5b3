package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.eval;
import static org.theanojvm.engine.TestUtil.s;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Reductions, dot, shapes, allocation, indexing and softmax against hand-computed values. */
class TensorOpsTest {
    static final NdArray M = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, -2, 3, 4, 5, -6);
    static final Variable X = T.dmatrix("x");

    private static NdArray ev(Variable out) { return eval(out, List.of(X), M); }

    @Test
    void reductions() {
        assertArray(ev(T.sum(X)), DType.FLOAT64, s(), 5);
        assertArray(ev(T.sum(X, new int[] {0}, false, null, null)), DType.FLOAT64, s(3), 5, 3, -3);
        assertArray(ev(T.sum(X, new int[] {-1}, true, null, null)), DType.FLOAT64, s(2, 1), 2, 3);
        assertArray(ev(T.prod(X, new int[] {1}, false, null, null)), DType.FLOAT64, s(2), -6, -120);
        assertArray(ev(T.max(X, new int[] {1}, false)), DType.FLOAT64, s(2), 3, 5);
        assertArray(ev(T.max(X, null, false)), DType.FLOAT64, s(), 5);
        assertArray(ev(T.min(X, new int[] {0}, true)), DType.FLOAT64, s(1, 3), 1, -2, -6);
        assertArray(ev(T.argmax(X, new int[] {1}, false)), DType.INT64, s(2), 2, 1);
        assertArray(ev(T.argmax(X, null, false)), DType.INT64, s(), 4);
        assertArray(ev(T.argmin(X, new int[] {0}, false)), DType.INT64, s(3), 0, 0, 1);
        assertArray(ev(T.mean(X, new int[] {0}, false, null, null)), DType.FLOAT64, s(3), 2.5, 1.5, -1.5);
        assertArray(ev(T.mean(X, null, false, null, null)), DType.FLOAT64, s(), 5.0 / 6);
        assertArray(ev(T.any(T.gt(X, 4), new int[] {1}, false)), DType.BOOL, s(2), 0, 1);
        assertArray(ev(T.all(T.lt(X, 6), null, false)), DType.BOOL, s(), 1);
        assertEquals("Sum{acc_dtype=float64}", T.sum(X).owner().op().toString());
        assertEquals("Sum{axis=[0], acc_dtype=float64}", T.sum(X, new int[] {0}, false, null, null).owner().op().toString());
        Variable f = T.fvector("f");
        assertEquals(DType.FLOAT32, T.sum(f).dtype());
        assertEquals("Sum{acc_dtype=float64}", T.sum(f).owner().op().toString());
        Variable i8 = T.vector("b", DType.INT8);
        assertEquals(DType.INT64, T.sum(i8).dtype());
        assertArray(eval(T.sum(i8), List.of(i8), NdArray.fromLongs(DType.INT8, s(3), 100, 100, 100)), DType.INT64, s(), 300);
        assertEquals(DType.FLOAT64, T.mean(T.ivector("i"), null, false, null, null).dtype());
        assertEquals("mean", T.mean(X, null, false, null, null).name());
        TheanoValueError e = assertThrows(TheanoValueError.class, () -> T.sum(X, new int[] {2}, false, null, null));
        assertEquals("Not enough dimensions on x to reduce on axis 2", e.getMessage());
    }

    @Test
    void dotAllRankCombinations() {
        Variable a = T.dmatrix("a"), v = T.dvector("v"), w = T.dvector("w"), b = T.dmatrix("b");
        NdArray av = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        NdArray vv = NdArray.vector(1, 2, 3), wv = NdArray.vector(1, -1);
        assertArray(eval(T.dot(a, v), List.of(a, v), av, vv), DType.FLOAT64, s(2), 14, 32);
        assertArray(eval(T.dot(w, a), List.of(w, a), wv, av), DType.FLOAT64, s(3), -3, -3, -3);
        assertArray(eval(T.dot(v, v), List.of(v), vv), DType.FLOAT64, s(), 14);
        assertArray(eval(T.dot(a, T.transpose(b)), List.of(a, b), av, av), DType.FLOAT64, s(2, 2), 14, 32, 32, 77);
        assertArray(eval(T.outer(w, v), List.of(w, v), wv, vv), DType.FLOAT64, s(2, 3), 1, 2, 3, -1, -2, -3);
        assertEquals("dot", T.dot(a, v).owner().op().toString());
        assertEquals("Elemwise{mul,no_inplace}", T.dot(T.dscalar("s"), v).owner().op().toString());
        Variable i = T.imatrix("i");
        assertArray(eval(T.dot(i, i), List.of(i), NdArray.fromLongs(DType.INT32, s(2, 2), 1, 2, 3, 4)), DType.INT32, s(2, 2), 7, 10, 15, 22);
        TheanoException e = assertThrows(TheanoException.class, () -> eval(T.dot(a, v), List.of(a, v), av, wv));
        assertEquals("ValueError", e.pythonExceptionType());
        assertEquals(true, e.getMessage().startsWith("shapes (2, 3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)\nApply node that caused the error: dot(a, v)"));
    }

    @Test
    void shapesReshapeDimshuffle() {
        assertArray(ev(T.shape(X)), DType.INT64, s(2), 2, 3);
        assertArray(ev(T.shapeOf(X, 1)), DType.INT64, s(), 3);
        Variable r = T.reshape(X, new long[] {3, -1});
        assertEquals("Reshape{2}", r.owner().op().toString());
        assertArray(ev(r), DType.FLOAT64, s(3, 2), 1, -2, 3, 4, 5, -6);
        Variable r1 = T.reshape(X, new long[] {1, 6});
        assertEquals("TensorType(float64, row)", r1.type().toString());
        assertArray(ev(T.reshape(X, new Object[] {T.shapeOf(X, 1), T.shapeOf(X, 0)}, null)), DType.FLOAT64, s(3, 2), 1, -2, 3, 4, 5, -6);
        assertArray(ev(T.flatten(X, 1)), DType.FLOAT64, s(6), 1, -2, 3, 4, 5, -6);
        assertArray(ev(T.transpose(X)), DType.FLOAT64, s(3, 2), 1, 4, -2, 5, 3, -6);
        Variable d = T.dimshuffle(X, "x", 1, 0);
        assertEquals("DimShuffle{x,1,0}", d.owner().op().toString());
        assertEquals("TensorType(float64, (True, False, False))", d.type().toString());
        assertArray(ev(d), DType.FLOAT64, s(1, 3, 2), 1, 4, -2, 5, 3, -6);
        TheanoValueError e = assertThrows(TheanoValueError.class, () -> T.dimshuffle(X, 0));
        assertEquals("You cannot drop a non-broadcastable dimension: (False, False), (0,)", e.getMessage());
        Variable row = T.row("r", DType.FLOAT64);
        assertEquals("TensorType(float64, vector)", T.dimshuffle(row, 1).type().toString());
        TheanoException re = assertThrows(TheanoException.class, () -> ev(T.reshape(X, new long[] {4, -1})));
        assertEquals(true, re.getMessage().startsWith("cannot reshape array of size 6 into shape (4, -1)"));
    }

    @Test
    void allocZerosOnesLike() {
        assertArray(ev(T.zerosLike(X)), DType.FLOAT64, s(2, 3), 0, 0, 0, 0, 0, 0);
        assertArray(ev(T.onesLike(X)), DType.FLOAT64, s(2, 3), 1, 1, 1, 1, 1, 1);
        assertEquals("Elemwise{second,no_inplace}", T.zerosLike(X).owner().op().toString());
        Variable a = T.alloc(T.constant(NdArray.vector(1, 2)), 3L, 2L);
        assertEquals("Alloc", a.owner().op().toString());
        assertArray(eval(a), DType.FLOAT64, s(3, 2), 1, 2, 1, 2, 1, 2);
        assertArray(ev(T.zeros(new Object[] {T.shapeOf(X, 0), 1L}, null)), DType.FLOAT64, s(2, 1), 0, 0);
        assertEquals("TensorType(float64, col)", T.zeros(new Object[] {T.shapeOf(X, 0), 1L}, null).type().toString());
    }

    @Test
    void basicIndexing() {
        assertArray(ev(T.subtensor(X, SubtensorOps.idx(1L))), DType.FLOAT64, s(3), 4, 5, -6);
        assertArray(ev(T.subtensor(X, SubtensorOps.idx(-1L), SubtensorOps.idx(0L))), DType.FLOAT64, s(), 4);
        Variable sl = T.subtensor(X, SubtensorOps.all(), SubtensorOps.slice(null, null, -1L));
        assertEquals("Subtensor{::, ::int64}", sl.owner().op().toString());
        assertArray(ev(sl), DType.FLOAT64, s(2, 3), 3, -2, 1, -6, 5, 4);
        Variable sl2 = T.subtensor(X, SubtensorOps.slice(1L, 3L, null));
        assertEquals("Subtensor{int64:int64:}", sl2.owner().op().toString());
        assertArray(ev(sl2), DType.FLOAT64, s(1, 3), 4, 5, -6);
        Variable i = T.lscalar("i");
        Variable byVar = T.subtensor(X, SubtensorOps.all(), SubtensorOps.idx(i));
        assertArray(eval(byVar, List.of(X, i), M, 2L), DType.FLOAT64, s(2), 3, -6);
        TheanoException e = assertThrows(TheanoException.class, () -> eval(byVar, List.of(X, i), M, 3L));
        assertEquals("IndexError", e.pythonExceptionType());
        assertEquals(true, e.getMessage().startsWith("index 3 is out of bounds for axis 1 with size 3"));
        Variable set = T.setSubtensor(T.subtensor(X, SubtensorOps.idx(0L)), 0.0);
        assertEquals("IncSubtensor{Set;int64}", set.owner().op().toString());
        assertArray(ev(set), DType.FLOAT64, s(2, 3), 0, 0, 0, 4, 5, -6);
        assertArray(ev(T.incSubtensor(T.subtensor(X, SubtensorOps.all(), SubtensorOps.slice(1L, null, null)), T.constant(NdArray.vector(10, 20)))),
                DType.FLOAT64, s(2, 3), 1, 8, 23, 4, 15, 14);
    }

    @Test
    void advancedIndexing() {
        Variable idx = T.lvector("idx");
        NdArray iv = NdArray.fromLongs(DType.INT64, s(3), 1, 0, 1);
        Variable take = T.advancedSubtensor1(X, idx);
        assertEquals("AdvancedSubtensor1", take.owner().op().toString());
        assertArray(eval(take, List.of(X, idx), M, iv), DType.FLOAT64, s(3, 3), 4, 5, -6, 1, -2, 3, 4, 5, -6);
        Variable inc = T.incSubtensor(take, 1.0);
        assertEquals("AdvancedIncSubtensor1{no_inplace,inc}", inc.owner().op().toString());
        assertArray(eval(inc, List.of(X, idx), M, iv), DType.FLOAT64, s(2, 3), 2, -1, 4, 6, 7, -4); // repeated index accumulates
        assertArray(eval(T.setSubtensor(take, 0.0), List.of(X, idx), M, iv), DType.FLOAT64, s(2, 3), 0, 0, 0, 0, 0, 0);
        TheanoException e = assertThrows(TheanoException.class,
                () -> eval(take, List.of(X, idx), M, NdArray.fromLongs(DType.INT64, s(1), 5)));
        assertEquals("IndexError", e.pythonExceptionType());
    }

    @Test
    void softmaxRows() {
        NdArray v = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 0, 0, 0);
        NdArray r = eval(T.softmax(X), List.of(X), v);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArray(r, DType.FLOAT64, s(2, 3), Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1.0 / 3, 1.0 / 3, 1.0 / 3);
        // large values do not overflow (max is subtracted)
        assertArray(eval(T.softmax(T.constant(NdArray.vector(1000, 1000)))), DType.FLOAT64, s(1, 2), 0.5, 0.5);
        assertEquals("Softmax", T.softmax(X).owner().op().toString());
    }
}
