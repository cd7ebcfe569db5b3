package org.theanojvm.truffle;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Reductions and BLAS-backed dot against the reference: dtypes, empty and 0-d, transposed/strided/broadcast operands. */
class ReduceAndBlasTest {
    private final Random rnd = new Random(3);

    @Test
    void reductionsOfEveryKindDtypeAndLayout() {
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.BOOL}) {
            for (long[] shape : new long[][] {{1001}, {0}, {1}, {37, 11}}) {
                Variable x = T.tensor(d, new boolean[shape.length], "x");
                NdArray v = Check.random(rnd, d, shape);
                List<Variable> outs = new java.util.ArrayList<>(List.of(T.sum(x), T.prod(T.mul(x, 0.9), null, false, null, null), T.sum(x, new int[] {0}, false, null, null)));
                if (v.size() > 0) {
                    outs.add(T.max(x, null, false));
                    outs.add(reduce(CAReduce.Kind.MAX, x)); // the CAReduce form (T.max builds MaxAndArgmax)
                    outs.add(reduce(CAReduce.Kind.MIN, x));
                }
                Check.agree(List.of(x), outs, v);
            }
        }
        Variable s = T.scalar("s", DType.FLOAT64);
        Check.agree(List.of(s), List.of(T.sum(s), T.max(s, null, false)), NdArray.scalar(2.5));
        Variable m = T.dmatrix("m");
        Check.agree(List.of(m), List.of(T.sum(m), reduce(CAReduce.Kind.MAX, m)), Check.random(rnd, DType.FLOAT64, 9, 7).transpose(1, 0));
        NdArray withNan = NdArray.vector(1, Double.NaN, 3, 4, 5);
        Variable v = T.dvector("v");
        Check.agree(List.of(v), List.of(T.max(v, null, false), reduce(CAReduce.Kind.MAX, v), reduce(CAReduce.Kind.MIN, v)), withNan);
    }

    private static Variable reduce(CAReduce.Kind kind, Variable x) { return new CAReduce(kind, null, null, null).call(x); }

    @Test
    void maxOfEmptyRaisesLikeTheReference() {
        Variable x = T.dvector("x");
        Check.agree(List.of(x), List.of(reduce(CAReduce.Kind.MAX, x)), NdArray.empty(DType.FLOAT64, 0));
    }

    @Test
    void dotOnBlasForAllRankCombinationsDtypesAndLayouts() {
        for (DType d : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            int[][] mkn = {{5, 7, 3}, {1, 4, 1}, {64, 33, 17}, {0, 3, 2}, {3, 0, 2}};
            for (int[] s : mkn) {
                int m = s[0], k = s[1], n = s[2];
                Variable a = T.matrix("a", d), b = T.matrix("b", d), u = T.vector("u", d), w = T.vector("w", d);
                NdArray av = Check.random(rnd, d, m, k), bv = Check.random(rnd, d, k, n);
                NdArray uv = Check.random(rnd, d, k), wv = Check.random(rnd, d, k);
                Check.agree(List.of(a, b), List.of(T.dot(a, b)), av, bv);
                Check.agree(List.of(a, u), List.of(T.dot(a, u)), av, uv);
                Check.agree(List.of(u, b), List.of(T.dot(u, b)), uv, bv);
                Check.agree(List.of(u, w), List.of(T.dot(u, w)), uv, wv);
                // transposed (column-major) operands, passed without copies; strided ones, copied
                NdArray at = Check.random(rnd, d, k, m).transpose(1, 0), bt = Check.random(rnd, d, n, k).transpose(1, 0);
                Check.agree(List.of(a, b), List.of(T.dot(a, b)), at, bt);
                Check.agree(List.of(a, u), List.of(T.dot(a, u)), at, uv);
                Check.agree(List.of(u, b), List.of(T.dot(u, b)), uv, bt);
                NdArray bs = Check.random(rnd, d, 2 * k + 1, 3 * n + 1).slice(0, 0, 2L * k, 2).slice(1, 0, 3L * n, 3);
                NdArray us = Check.random(rnd, d, 3 * k + 1).slice(0, 0, 3L * k, 3);
                Check.agree(List.of(a, b), List.of(T.dot(a, b)), av, bs);
                Check.agree(List.of(u, w), List.of(T.dot(u, w)), us, wv);
                Check.agree(List.of(a, u), List.of(T.dot(a, u)), av, NdArray.full(d, 2, 1).broadcastTo(new long[] {k}));
            }
        }
    }

    @Test
    void dotOfTransposeInsideTheGraphAndMixedDtypes() {
        Variable a = T.dmatrix("a"), f = T.fmatrix("f");
        Check.agree(List.of(a), List.of(T.dot(T.transpose(a), a)), Check.random(rnd, DType.FLOAT64, 6, 4));
        Check.agree(List.of(a, f), List.of(T.dot(a, f)), Check.random(rnd, DType.FLOAT64, 3, 4), Check.random(rnd, DType.FLOAT32, 4, 2));
        Variable i = T.matrix("i", DType.INT32);
        Check.agree(List.of(i), List.of(T.dot(i, i)), Check.random(rnd, DType.INT32, 3, 3));
        Check.agree(List.of(a), List.of(T.dot(a, a)), Check.random(rnd, DType.FLOAT64, 3, 4)); // mismatch: reference's error
    }
}
