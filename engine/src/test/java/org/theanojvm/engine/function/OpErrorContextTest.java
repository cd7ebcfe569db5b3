package org.theanojvm.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.tensor.T;

/** Theano 1.0's raise_with_op text: exception_verbosity=high and creation traces. */
class OpErrorContextTest {
    private static TheanoException failingCall() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Function f = Function.compile(List.of(In.of(x), In.of(y)), List.of(T.add(x, y)), List.of(), List.of(), null, null, null,
                RewriteConfig.FAST_COMPILE);
        return assertThrows(TheanoException.class, () -> f.call(NdArray.vector(1, 2), NdArray.vector(1, 2, 3)));
    }

    @Test
    void highVerbosityAddsTypeNumsAndTheNodesDebugprint() {
        Config.setExceptionVerbosity("high");
        try {
            String m = failingCall().getMessage();
            assertTrue(m.contains("\nInputs values: [array([1., 2.]), array([1., 2., 3.])]\nInputs type_num: [12, 12]\n"), m);
            assertTrue(m.endsWith("Outputs clients: [['output']]\n\n"
                    + "Debugprint of the apply node: \n"
                    + "Elemwise{add,no_inplace} [id A] <TensorType(float64, vector)> ''   \n"
                    + " |x [id B] <TensorType(float64, vector)>\n"
                    + " |y [id C] <TensorType(float64, vector)>\n"
                    + "\n"
                    + "HINT: Re-running with most Theano optimization disabled could give you a back-trace of when this node was created. "
                    + "This can be done with by setting the Theano flag 'optimizer=fast_compile'. If that does not work, Theano optimizations "
                    + "can be disabled with 'optimizer=None'."), m);
            assertTrue(!m.contains("exception_verbosity=high"), m);
        } finally {
            Config.setExceptionVerbosity("low");
        }
    }

    @Test
    void lowVerbosityKeepsBothHints() {
        String m = failingCall().getMessage();
        assertTrue(!m.contains("type_num") && !m.contains("Debugprint"), m);
        assertTrue(m.endsWith("'optimizer=None'.\nHINT: Use the Theano flag 'exception_verbosity=high' for a debugprint and storage map "
                + "footprint of this apply node."), m);
    }

    @Test
    void aCreationTraceReplacesTheOptimizerHint() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        Variable z = T.add(x, y);
        String trace = "  File \"user.py\", line 7, in <module>\n    z = x + y\n";
        z.tag().put("trace", trace);
        Function f = Function.compile(List.of(In.of(x), In.of(y)), List.of(z), List.of(), List.of(), null, null, null, RewriteConfig.FAST_COMPILE);
        String m = assertThrows(TheanoException.class, () -> f.call(NdArray.vector(1, 2), NdArray.vector(1, 2, 3))).getMessage();
        assertTrue(m.contains("Outputs clients: [['output']]\n\nBacktrace when the node is created(use Theano flag traceback.limit=N to make it longer):\n"
                + trace + "\nHINT: Use the Theano flag 'exception_verbosity=high'"), m);
        assertEquals(-1, m.indexOf("optimizer=fast_compile"));
    }
}
