package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.function.CompareExecutor;
import org.theanojvm.engine.function.Executor;
import org.theanojvm.engine.function.Executors;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** The engine's executor SPI with truffle-nodes present: mode selection, Function wiring, the DebugMode-like comparison. */
class ExecutorSelectionTest {
    private final Variable x = T.dvector("x");
    private final FunctionGraph fg = new FunctionGraph(List.of(x), List.of(T.exp(x)));

    @Test
    void fastRunIsTruffleAndFastCompileOrPyLinkerIsReference() {
        assertEquals("truffle", Executors.create(fg, "FAST_RUN", "cvm").name());
        assertEquals("reference", Executors.create(fg, "FAST_COMPILE", "cvm").name());
        assertEquals("reference", Executors.create(fg, "FAST_RUN", "py").name());
        assertEquals("compare(reference, truffle)", Executors.create(fg, "DebugMode", null).name());
    }

    @Test
    void functionsRunOnTheExecutorOfTheMode() {
        Function f = Function.compile(List.of(x), List.of(T.tanh(x)));
        assertEquals(Executors.mode().equals("FAST_RUN") ? "truffle" : f.executor().name(), f.executor().name());
        NdArray r = f.call(NdArray.vector(0.5, -1))[0];
        assertEquals(Math.tanh(-1), r.getDouble(1), 0);
    }

    @Test
    void compareModePassesAgreeingOutputsAndRejectsDisagreeingOnes() {
        NdArray in = NdArray.vector(1, 2, 3);
        Executor debug = Executors.create(fg, "DebugMode", null);
        assertEquals(Math.exp(2), debug.run(List.of(in))[0].getDouble(1), 1e-12);
        Executor wrong = new Executor() {
            public NdArray[] run(List<NdArray> v) { return new NdArray[] {NdArray.vector(Math.exp(1), 7.5, Math.exp(3))}; }
            public String name() { return "broken"; }
        };
        TheanoException e = assertThrows(TheanoException.class, () -> new CompareExecutor(fg, Executors.reference(fg), wrong).run(List.of(in)));
        assertEquals(CompareExecutor.PYTHON_TYPE, e.pythonExceptionType());
        assertTrue(e.getMessage().contains("broken executor disagrees with the reference executor on output 0")
                && e.getMessage().contains("element (1,): 7.5 instead of"), e.getMessage());
        Executor wrongDtype = new Executor() {
            public NdArray[] run(List<NdArray> v) { return new NdArray[] {NdArray.empty(DType.FLOAT32, 3)}; }
            public String name() { return "f32"; }
        };
        assertThrows(TheanoException.class, () -> new CompareExecutor(fg, Executors.reference(fg), wrongDtype).run(List.of(in)));
    }
}
