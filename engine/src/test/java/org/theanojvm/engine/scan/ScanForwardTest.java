package org.theanojvm.engine.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Forward semantics of scan, each checked against an independent Java loop over random data. */
class ScanForwardTest {
    static final Random RNG = new Random(42);

    static double[] rand(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = RNG.nextDouble() * 2 - 1;
        return d;
    }

    static NdArray vec(double... d) { return NdArray.vector(d); }

    static NdArray mat(int r, int c, double[] d) { return NdArray.fromDoubles(DType.FLOAT64, new long[] {r, c}, d); }

    static Variable at(Variable x, long i) { return T.subtensor(x, SubtensorOps.idx(i)); }

    static void assertClose(double[] expected, NdArray actual) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length, "size");
        for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], 1e-12 * (1 + Math.abs(expected[i])), "element " + i);
    }

    static NdArray run(List<Variable> ins, Variable out, Object... args) { return Function.compile(ins, List.of(out)).call(args)[0]; }

    @Test
    void cumulativeSumViaRecurrence() {
        Variable x = T.dvector("x");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1))), List.of(x), Scan.outputs(T.zerosLike(at(x, 0))), List.of(), null, false,
                -1, null);
        double[] xv = rand(7);
        double[] expected = new double[7];
        double acc = 0;
        for (int i = 0; i < 7; i++) expected[i] = acc += xv[i];
        NdArray y = run(List.of(x), r.output(0), vec(xv));
        assertArrayEquals(new long[] {7}, y.shape());
        assertClose(expected, y);
        assertEquals("for{cpu,scan_fn}", r.op().toString());
    }

    @Test
    void mapOverRowsWithNonSequence() {
        Variable m = T.dmatrix("m"), c = T.dvector("c");
        // y_t = m[t]**2 * c (a map: outputs_info None); c is passed as a non-sequence
        ScanResult r = Scan.scan(a -> List.of(T.mul(T.sqr(a.get(0)), a.get(1))), List.of(m), null, List.of(c), null, false, -1, null);
        double[] mv = rand(12), cv = rand(4);
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) expected[i * 4 + j] = mv[i * 4 + j] * mv[i * 4 + j] * cv[j];
        NdArray y = run(List.of(m, c), r.output(0), mat(3, 4, mv), vec(cv));
        assertArrayEquals(new long[] {3, 4}, y.shape());
        assertClose(expected, y);
    }

    @Test
    void powerByNStepsWithoutSequences() {
        // Theano's tutorial: result = scan(lambda prior, A: prior * A, outputs_info=ones_like(A), non_sequences=A, n_steps=k)
        Variable k = T.iscalar("k"), A = T.dvector("A");
        ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(0), a.get(1))), null, Scan.outputs(T.onesLike(A)), List.of(A), k, false, -1, null);
        Variable fin = T.subtensor(r.output(0), SubtensorOps.idx(-1L));
        double[] av = {0.5, 1, 2, 3, -1.5};
        Function f = Function.compile(List.of(k, A), List.of(r.output(0), fin));
        NdArray[] out = f.call(NdArray.scalarLong(DType.INT32, 4), vec(av));
        assertArrayEquals(new long[] {4, 5}, out[0].shape());
        double[] all = new double[20], last = new double[5];
        for (int s = 0; s < 4; s++) for (int j = 0; j < 5; j++) all[s * 5 + j] = Math.pow(av[j], s + 1);
        for (int j = 0; j < 5; j++) last[j] = Math.pow(av[j], 4);
        assertClose(all, out[0]);
        assertClose(last, out[1]);
        // the same compiled function, another k: the number of steps is symbolic
        assertArrayEquals(new long[] {2, 5}, f.call(NdArray.scalarLong(DType.INT32, 2), vec(av))[0].shape());
    }

    @Test
    void sequenceTapsAndShortestSequence() {
        Variable s = T.dvector("s"), u = T.dvector("u");
        // y_t = s[t-1] + 2 s[t] + 3 s[t+1] + u[t]: taps [-1, 0, 1] leave len(s) - 2 steps; u is longer and is cut to match
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), T.mul(2.0, a.get(1)), T.mul(3.0, a.get(2)), a.get(3))),
                List.of(new Scan.Seq(s, -1, 0, 1), u), null, List.of(), null, false, -1, null);
        double[] sv = rand(6), uv = rand(9);
        double[] expected = new double[4];
        for (int t = 0; t < 4; t++) expected[t] = sv[t] + 2 * sv[t + 1] + 3 * sv[t + 2] + uv[t];
        assertClose(expected, run(List.of(s, u), r.output(0), vec(sv), vec(uv)));
    }

    @Test
    void positiveOnlySequenceTapsArePaddedWithTapZero() {
        Variable s = T.dvector("s");
        // taps [2]: Theano pretends tap 0 is used, so step t reads s[t+2] and there are len(s)-2 steps
        ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(0), 10.0)), List.of(new Scan.Seq(s, 2)), null, List.of(), null, false, -1, null);
        double[] sv = rand(5);
        assertClose(new double[] {sv[2] * 10, sv[3] * 10, sv[4] * 10}, run(List.of(s), r.output(0), vec(sv)));
    }

    @Test
    void multipleOutputTaps() {
        // Fibonacci-like: y_t = y_{t-2} + 0.5 y_{t-1}, initial state [y_{-2}, y_{-1}]
        Variable init = T.dvector("init"), n = T.lscalar("n");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), T.mul(0.5, a.get(1)))), null, Scan.outputs(new Scan.Out(init, -2, -1)), List.of(), n,
                false, -1, null);
        double[] iv = {1.5, -0.25, 99}; // the third entry is ignored: only -min(taps) initial values are used
        double[] buf = new double[8 + 2];
        buf[0] = iv[0];
        buf[1] = iv[1];
        for (int t = 0; t < 8; t++) buf[t + 2] = buf[t] + 0.5 * buf[t + 1];
        assertClose(java.util.Arrays.copyOfRange(buf, 2, 10), run(List.of(init, n), r.output(0), vec(iv), NdArray.scalarLong(DType.INT64, 8)));
    }

    @Test
    void goBackwards() {
        Variable x = T.dvector("x");
        Variable z = T.zerosLike(at(x, 0));
        // a running sum from the end, with a map output recording the slice seen at each step
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1)), T.mul(a.get(0), 1.0)), List.of(x), Scan.outputs(z, null), List.of(), null,
                true, -1, null);
        double[] xv = rand(5);
        double[] sums = new double[5], seen = new double[5];
        double acc = 0;
        for (int t = 0; t < 5; t++) {
            seen[t] = xv[4 - t];
            sums[t] = acc += xv[4 - t];
        }
        Function f = Function.compile(List.of(x), r.outputs());
        NdArray[] out = f.call(vec(xv));
        assertClose(sums, out[0]);
        assertClose(seen, out[1]);
    }

    @Test
    void untilStopsAfterTheStepWhoseConditionHolds() {
        // Theano's doc example: powers of two until the value exceeds max_value (that value is kept)
        Variable maxValue = T.dscalar("max_value");
        Variable one = T.constant(1.0, null, DType.FLOAT64);
        ScanResult r = Scan.scanFull(a -> {
            Variable next = T.mul(a.get(0), 2.0);
            return new Scan.StepResult(List.of(next), T.gt(next, a.get(1)), null);
        }, null, Scan.outputs(one), List.of(maxValue), 1024, false, -1, null);
        assertEquals("do_while{cpu,scan_fn}", r.op().toString());
        assertClose(new double[] {2, 4, 8, 16, 32, 64}, run(List.of(maxValue), r.output(0), NdArray.scalar(45)));
        assertClose(new double[] {2, 4}, run(List.of(maxValue), r.output(0), NdArray.scalar(3)));
    }

    @Test
    void closuresAndSharedVariablesBecomeImplicitInputs() {
        Variable x = T.dvector("x"), w = T.dscalar("w");
        SharedVariable bias = T.shared(NdArray.scalar(0.25), "bias");
        // w and bias are used by the step without being declared: they become non-sequences
        ScanResult r = Scan.scan(a -> List.of(T.add(T.mul(a.get(0), w), bias)), List.of(x), null, null, null, false, -1, null);
        double[] xv = rand(4);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) expected[i] = xv[i] * 3 + 0.25;
        Function f = Function.compile(List.of(x, w), List.of(r.output(0)));
        assertClose(expected, f.call(vec(xv), NdArray.scalar(3))[0]);
        bias.setValue(NdArray.scalar(1.0), false);
        for (int i = 0; i < 4; i++) expected[i] = xv[i] * 3 + 1;
        assertClose(expected, f.call(vec(xv), NdArray.scalar(3))[0]);
    }

    @Test
    void updatesOfSharedVariablesGiveTheLastValue() {
        SharedVariable counter = T.shared(NdArray.scalar(10.0), "counter");
        Variable x = T.dvector("x");
        ScanResult r = Scan.scanFull(a -> new Scan.StepResult(List.of(T.mul(a.get(0), counter)), null,
                List.<Variable[]>of(new Variable[] {counter, T.add(counter, 1.0)})), List.of(x), null, null, null, false, -1, null);
        assertEquals(1, r.updates().size());
        assertSame(counter, r.updates().get(0)[0]);
        Function f = Function.compile(List.of(org.theanojvm.engine.function.In.of(x)), List.of(r.output(0)),
                r.updates(), List.of(), null, null, null);
        double[] xv = rand(3);
        // inside the loop the counter advances each step: 10, 11, 12; afterwards it holds 13
        assertClose(new double[] {xv[0] * 10, xv[1] * 11, xv[2] * 12}, f.call(vec(xv))[0]);
        assertEquals(13.0, counter.getValue().item());
    }

    @Test
    void innerFunctionIsCompiledOncePerOp() {
        Variable x = T.dvector("x");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1))), List.of(x), Scan.outputs(T.zerosLike(at(x, 0))), List.of(), null, false,
                -1, null);
        Function f = Function.compile(List.of(x), List.of(r.output(0)));
        f.call(vec(1, 2, 3));
        InnerFunction first = r.op().compiled();
        f.call(vec(4, 5));
        assertSame(first, r.op().compiled());
    }

    @Test
    void errors() {
        TheanoValueError e = assertThrows(TheanoValueError.class,
                () -> Scan.scan(a -> List.of(a.get(0)), null, Scan.outputs(T.dscalar("s")), List.of(), null, false, -1, null));
        assertTrue(e.getMessage().contains("No information about the number of steps provided"), e.getMessage());
        // the recurrent state's type must not change: a float32 initial state with a float64 result
        TheanoTypeError te = assertThrows(TheanoTypeError.class, () -> Scan.scan(a -> List.of(T.mul(a.get(0), T.dscalar("d"))), null,
                Scan.outputs(T.fscalar("f0")), List.of(), 3, false, -1, null));
        assertTrue(te.getMessage().contains("Inconsistency in the inner graph of scan 'scan_fn'"), te.getMessage());
        // n_steps larger than a sequence fails at run time, as in Theano
        Variable x = T.dvector("x"), n = T.lscalar("n");
        ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(0), 2.0)), List.of(x), null, List.of(), n, false, -1, null);
        Function f = Function.compile(List.of(x, n), List.of(r.output(0)));
        assertClose(new double[] {2, 4}, f.call(vec(1, 2, 3), NdArray.scalarLong(DType.INT64, 2))[0]);
        org.theanojvm.engine.errors.TheanoException ex = assertThrows(org.theanojvm.engine.errors.TheanoException.class,
                () -> f.call(vec(1, 2, 3), NdArray.scalarLong(DType.INT64, 5)));
        assertTrue(ex.getMessage().contains("Sequence is shorter"), ex.getMessage());
    }
}
