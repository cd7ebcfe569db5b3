package org.theanojvm.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.NNet;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.rewrite.RewriteDB;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** replace() rewires every path from the old variable, so no half-rewired copy of a subgraph survives. */
class FunctionGraphReplaceTest {
    private static long count(FunctionGraph fg, Class<?> op) { return fg.applyNodes().stream().filter(a -> op.isInstance(a.op())).count(); }

    @Test
    void aNodeReadingTheReplacedVariableTwiceIsRewiredWhole() {
        Variable x = T.dvector("x");
        Variable a = T.exp(x), a2 = T.exp(x);
        Variable out = T.add(T.mul(a2, a2), a); // mul reads a2 twice
        FunctionGraph fg = new FunctionGraph(List.of(x), List.of(out));
        fg.replace(a2, a);
        assertEquals(1, fg.applyNodes().stream().filter(n -> n.op().toString().contains("exp")).count(), fg.toposort().toString());
        assertTrue(fg.clients(a2).isEmpty());
        assertEquals(3, fg.applyNodes().size());
    }

    @Test
    void aDiamondBelowTheReplacedVariableIsRebuiltOnce() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable s = T.sin(x);
        Variable t = T.cos(s);
        Variable out = T.add(s, t); // out reads s directly and through t
        FunctionGraph fg = new FunctionGraph(List.of(x, y), List.of(out));
        fg.replace(s, T.tanh(y));
        assertEquals(3, fg.applyNodes().size(), fg.toposort().toString());
        assertTrue(fg.applyNodes().stream().noneMatch(n -> n.op().toString().contains("sin")));
    }

    @Test
    void theMlpGradientGraphRunsTheForwardPassOnce() {
        Variable x = T.fmatrix("x"), y = T.ivector("y");
        SharedVariable w1 = SharedVariable.create(NdArray.empty(DType.FLOAT32, 4, 3), "W1"), b1 = SharedVariable.create(NdArray.empty(DType.FLOAT32, 3), "b1");
        SharedVariable w2 = SharedVariable.create(NdArray.empty(DType.FLOAT32, 3, 2), "W2"), b2 = SharedVariable.create(NdArray.empty(DType.FLOAT32, 2), "b2");
        Variable h = T.tanh(T.add(T.dot(x, w1), b1));
        Variable p = NNet.softmax(T.add(T.dot(h, w2), b2));
        Variable cost = T.mean(NNet.categoricalCrossentropy(p, y), null, false, null, null);
        List<Variable> outs = new java.util.ArrayList<>(Gradient.grad(cost, List.of(w1, b1, w2, b2)));
        outs.add(0, cost);
        FunctionGraph fg = new FunctionGraph(List.of(x, y, w1, b1, w2, b2), outs);
        RewriteDB.standard().run(fg, RewriteConfig.FAST_RUN);
        assertEquals(1, count(fg, Softmax.class), fg.toposort().toString());
        // forward x.W1 and h.W2; backward g.W2^T, x^T.gh and h^T.g: no product twice
        assertEquals(5, count(fg, Dot.class), fg.toposort().toString());
    }
}
