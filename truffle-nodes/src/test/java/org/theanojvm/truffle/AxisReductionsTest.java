package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.graph.ApplyNode;
import org.theanojvm.truffle.reduce.AxisReduceNode;

/** Reductions over some axes (leading, trailing, interior; any layout; empty dims) vs the reference. */
class AxisReductionsTest {
    @Test
    void everyKindOverRandomAxesShapesAndLayouts() {
        Random rnd = new Random(11);
        CAReduce.Kind[] kinds = {CAReduce.Kind.SUM, CAReduce.Kind.PROD, CAReduce.Kind.MAX, CAReduce.Kind.MIN};
        int viaNode = 0;
        for (int trial = 0; trial < 200; trial++) {
            DType d = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            int nd = 2 + rnd.nextInt(3);
            long[] shape = new long[nd];
            for (int i = 0; i < nd; i++) shape[i] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(5);
            List<Integer> axes = new ArrayList<>();
            for (int i = 0; i < nd; i++) if (rnd.nextBoolean()) axes.add(i);
            if (axes.isEmpty() || axes.size() == nd) axes = List.of(rnd.nextInt(nd));
            Variable x = T.tensor(d, new boolean[nd], "x");
            Variable r = new CAReduce(kinds[rnd.nextInt(kinds.length)], axes.stream().mapToInt(Integer::intValue).toArray(), null, null).call(x);
            NdArray v = Check.random(rnd, d, shape);
            if (rnd.nextInt(3) == 0) { // a transposed view: the strided path
                int[] perm = new int[nd];
                for (int i = 0; i < nd; i++) perm[i] = nd - 1 - i;
                long[] rev = new long[nd];
                for (int i = 0; i < nd; i++) rev[i] = shape[nd - 1 - i];
                v = Check.random(rnd, d, rev).transpose(perm);
            }
            FunctionGraph fg = new FunctionGraph(List.of(x), List.of(r));
            Check.agree(fg, v);
            for (ApplyNode n : new TruffleExecutor(fg).root().schedule()) if (n instanceof AxisReduceNode) viaNode++;
        }
        assertTrue(viaNode == 200, "only " + viaNode + " reductions ran on AxisReduceNode");
    }
}
