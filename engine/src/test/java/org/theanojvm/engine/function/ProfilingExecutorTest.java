package org.theanojvm.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.tensor.T;

class ProfilingExecutorTest {
    private static Function compileProfiled(List<Variable> ins, List<Variable> outs) {
        List<In> in = ins.stream().map(In::of).toList();
        Executors.setProfiling(true);
        try {
            return Function.compile(in, outs, List.of(), List.of(), null, null, null, RewriteConfig.NONE);
        } finally {
            Executors.setProfiling(false);
        }
    }

    @Test
    void timesEveryNodeAndComputesTheSameValues() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable out = T.sum(T.mul(T.exp(x), y));
        Function f = compileProfiled(List.of(x, y), List.of(out));
        ProfilingExecutor p = assertInstanceOf(ProfilingExecutor.class, f.executor());
        assertEquals(3, p.order().size()); // exp, mul, sum: no rewrites
        for (int k = 0; k < 5; k++) {
            NdArray r = f.call(NdArray.vector(0, 1), NdArray.vector(2, 3))[0];
            assertEquals(2 * 1 + 3 * Math.E, r.item(), 1e-12);
        }
        assertEquals(5, p.callCount());
        for (long c : p.applyCallCounts()) assertEquals(5, c);
        double thunks = 0;
        for (double t : p.applyTimes()) {
            assertTrue(t > 0);
            thunks += t;
        }
        assertTrue(p.callTime() >= thunks, "the call time includes the node times");
        long[][] sumShapes = p.lastShapes(2); // Sum: input (2,), output ()
        assertEquals(2, sumShapes[0][0]);
        assertEquals(0, sumShapes[1].length);
        assertEquals(8, p.lastStrides(2)[0][0]);
        Function g = Function.compile(List.of(x, y), List.of(out)); // profiling was switched off again
        assertFalse(g.executor() instanceof ProfilingExecutor);
    }

    @Test
    void errorsNameTheNodeInTheWholeGraph() {
        Variable x = T.dvector("x"), y = T.dvector("y"), z = T.dvector("z");
        Variable out = T.add(T.exp(z), T.mul(x, y));
        Function f = compileProfiled(List.of(x, y, z), List.of(out));
        TheanoException e = assertThrows(TheanoException.class,
                () -> f.call(NdArray.vector(1, 2), NdArray.vector(1, 2, 3), NdArray.vector(1, 2)));
        String m = e.getMessage();
        assertTrue(m.startsWith("Input dimension mis-match. (input[0].shape[0] = 2, input[1].shape[0] = 3)"), m);
        assertTrue(m.contains("Apply node that caused the error: Elemwise{mul,no_inplace}(x, y)"), m);
        List<Apply> order = ((ProfilingExecutor) f.executor()).order();
        int mul = -1;
        for (int i = 0; i < order.size(); i++) if (order.get(i).op().toString().equals("Elemwise{mul,no_inplace}")) mul = i;
        assertTrue(m.contains("\nToposort index: " + mul + "\n"), m);
        assertTrue(m.contains("Outputs clients: [[Elemwise{add,no_inplace}("), m);
    }
}
