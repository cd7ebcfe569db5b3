package org.theanojvm.engine.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;

/**
 * scan_save_mem: outputs read only through [-1] keep just the last step; the values are those of an
 * independent Java loop, and an output that is also read whole keeps its history.
 */
class ScanSaveMemoryTest {
    private static Variable last(Variable x) { return T.subtensor(x, SubtensorOps.idx(-1L)); }

    private static ScanOp compiledScan(Function f) {
        for (Apply a : f.fgraph().toposort()) if (a.op() instanceof ScanOp s) return s;
        throw new AssertionError("no scan in the compiled graph");
    }

    @Test
    void lastStateOfARecurrenceAndOfAMapKeepOnlyTheLastStep() {
        Variable x = T.dvector("x");
        // sit-sot cumulative sum, and a map output (no taps) x_t * 2, both read only at [-1]
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1)), T.mul(a.get(0), 2.0)), List.of(x),
                Scan.outputs(T.zerosLike(ScanForwardTest.at(x, 0)), null), List.of(), null, false, -1, null);
        Function f = Function.compile(List.of(x), List.of(last(r.output(0)), last(r.output(1))));
        ScanOp s = compiledScan(f);
        assertTrue(s.keepsOnlyLastStep(0) && s.keepsOnlyLastStep(1), "both outputs are read only at [-1]");
        double[] xv = ScanForwardTest.rand(9);
        double sum = 0;
        for (double v : xv) sum += v;
        NdArray[] out = f.call(NdArray.vector(xv));
        assertEquals(sum, out[0].item(), 1e-12);
        assertEquals(2 * xv[8], out[1].item(), 1e-12);
    }

    @Test
    void tapsBeyondTheLastStepStillReadTheirWindow() {
        // Fibonacci-like mit-sot with taps [-2, -1]: y_t = y_{t-2} + 0.5 * y_{t-1}, read at [-1]
        Variable init = T.dvector("init"), k = T.lscalar("k");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), T.mul(0.5, a.get(1)))), null, Scan.outputs(new Scan.Out(init, -2, -1)), List.of(), k,
                false, -1, null);
        Function f = Function.compile(List.of(init, k), List.of(last(r.output(0))));
        assertTrue(compiledScan(f).keepsOnlyLastStep(0));
        double a = 1, b = -2; // y_{-2}, y_{-1}
        for (int t = 0; t < 12; t++) {
            double y = a + 0.5 * b;
            a = b;
            b = y;
        }
        assertEquals(b, f.call(NdArray.vector(1, -2), NdArray.scalarLong(org.theanojvm.engine.types.DType.INT64, 12))[0].item(), 1e-12);
    }

    @Test
    void aMapOutputNothingReadsIsNotComputed() {
        Variable x = T.dvector("x");
        // outputs: x_t * 3 (read whole) and x_t ** 2 (never read)
        ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(0), 3.0), T.sqr(a.get(0))), List.of(x), Scan.outputs(null, null), List.of(), null, false,
                -1, null);
        Function f = Function.compile(List.of(x), List.of(r.output(0)));
        ScanOp s = compiledScan(f);
        assertEquals(1, s.nOuts(), "the unread output is dropped from the scan");
        assertArrayEquals(new double[] {3, -6, 1.5}, f.call(NdArray.vector(1, -2, 0.5))[0].toDoubleArray(), 1e-15);
    }

    @Test
    void anOutputAlsoReadWholeKeepsItsHistory() {
        Variable x = T.dvector("x");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1))), List.of(x), Scan.outputs(T.zerosLike(ScanForwardTest.at(x, 0))),
                List.of(), null, false, -1, null);
        Function f = Function.compile(List.of(x), List.of(last(r.output(0)), r.output(0)));
        assertFalse(compiledScan(f).keepsOnlyLastStep(0));
        NdArray[] out = f.call(NdArray.vector(1, 2, 3));
        assertEquals(6, out[0].item(), 0);
        assertArrayEquals(new double[] {1, 3, 6}, out[1].toDoubleArray(), 0);
    }
}
