package org.theanojvm.engine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.TestUtil;
import org.theanojvm.engine.errors.DisconnectedInputError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Gradients through scan (backpropagation through time), checked by finite differences. */
class ScanGradTest {
    static final Random RNG = new Random(7);

    static NdArray randArr(long... shape) {
        int n = 1;
        for (long s : shape) n *= (int) s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = RNG.nextDouble() - 0.5;
        return NdArray.fromDoubles(DType.FLOAT64, shape, d);
    }

    @Test
    void rnnGradientWrtSequenceWeightsBiasAndInitialState() {
        // h_t = tanh(W h_{t-1} + U x_t + b): the common RNN form; gradient wrt every input
        TestUtil.verifyGrad(v -> {
            Variable X = v.get(0), W = v.get(1), U = v.get(2), b = v.get(3), h0 = v.get(4);
            ScanResult r = Scan.scan(a -> List.of(T.tanh(T.add(T.dot(a.get(2), a.get(1)), T.dot(a.get(3), a.get(0)), a.get(4)))), List.of(X),
                    Scan.outputs(h0), List.of(W, U, b), null, false, -1, null);
            return r.output(0);
        }, new NdArray[] {randArr(4, 2), randArr(3, 3), randArr(3, 2), randArr(3), randArr(3)}, 1);
    }

    @Test
    void mapOutputReadingTheStateAndAStateOutput() {
        // outputs_info [None, h0]: y_t = h_{t-1} * x_t (map), h_t = h_{t-1} + x_t^2 * c
        TestUtil.verifyGrad(v -> {
            Variable x = v.get(0), h0 = v.get(1), c = v.get(2);
            ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(1), a.get(0)), T.add(a.get(1), T.mul(T.sqr(a.get(0)), a.get(2)))), List.of(x),
                    Scan.outputs(null, h0), List.of(c), null, false, -1, null);
            // both outputs reach the cost
            return T.add(r.output(0), T.mul(2.0, r.output(1)));
        }, new NdArray[] {randArr(5), randArr(), randArr()}, 2);
    }

    @Test
    void multipleOutputTapsGradient() {
        // y_t = a * y_{t-2} + sin(y_{t-1}) * x_t, initial state with two past values
        TestUtil.verifyGrad(v -> {
            Variable x = v.get(0), init = v.get(1), a = v.get(2);
            ScanResult r = Scan.scan(s -> List.of(T.add(T.mul(s.get(3), s.get(1)), T.mul(T.sin(s.get(2)), s.get(0)))), List.of(x),
                    Scan.outputs(new Scan.Out(init, -2, -1)), List.of(a), null, false, -1, null);
            return r.output(0);
        }, new NdArray[] {randArr(5), randArr(3), randArr()}, 3);
    }

    @Test
    void sequenceTapsAndGoBackwardsGradient() {
        TestUtil.verifyGrad(v -> {
            Variable s = v.get(0), h0 = v.get(1);
            // y_t = h_{t-1} * s[t-1] + s[t+1]^2 run backwards in time
            ScanResult r = Scan.scan(a -> List.of(T.add(T.mul(a.get(2), a.get(0)), T.sqr(a.get(1)))), List.of(new Scan.Seq(s, -1, 1)), Scan.outputs(h0),
                    List.of(), null, true, -1, null);
            return r.output(0);
        }, new NdArray[] {randArr(6), randArr()}, 4);
    }

    @Test
    void nStepsScanGradientWrtNonSequence() {
        // A**k elementwise through the recurrence; the gradient is k A**(k-1)
        Variable A = T.dvector("A");
        ScanResult r = Scan.scan(a -> List.of(T.mul(a.get(0), a.get(1))), null, Scan.outputs(T.onesLike(A)), List.of(A), 4, false, -1, null);
        Variable cost = T.sum(T.subtensor(r.output(0), SubtensorOps.idx(-1L)));
        Variable g = Gradient.grad(cost, A);
        double[] av = {0.5, -1.2, 2.0};
        double[] got = Function.compile(List.of(A), List.of(g)).call(NdArray.vector(av))[0].toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(4 * Math.pow(av[i], 3), got[i], 1e-12);
    }

    @Test
    void truncatedGradientOnlyReachesTheLastSteps() {
        // cumulative sum: cost = last sum = sum(x); with truncate_gradient=2 only the last two x get gradient,
        // and the initial state none (its path goes through the truncated steps)
        Variable x = T.dvector("x"), h0 = T.dscalar("h0");
        ScanResult r = Scan.scan(a -> List.of(T.add(a.get(0), a.get(1))), List.of(x), Scan.outputs(h0), List.of(), null, false, 2, null);
        Variable cost = T.subtensor(r.output(0), SubtensorOps.idx(-1L));
        List<Variable> g = Gradient.grad(cost, List.of(x, h0));
        NdArray[] out = Function.compile(List.of(x, h0), g).call(NdArray.vector(1, 2, 3, 4, 5), NdArray.scalar(0.5));
        TestUtil.assertArray(out[0], DType.FLOAT64, new long[] {5}, 0, 0, 0, 1, 1);
        assertEquals(0.0, out[1].item());
        // with all steps kept (k >= n) the gradient is the full one
        out = Function.compile(List.of(x, h0), g).call(NdArray.vector(1, 2), NdArray.scalar(0.5));
        TestUtil.assertArray(out[0], DType.FLOAT64, new long[] {2}, 1, 1);
        assertEquals(1.0, out[1].item());
    }

    @Test
    void secondOrderThroughTheBackwardScan() {
        // the gradient of a scan is a scan, so it can be differentiated again: check d/dx of grad(sum(scan), x)
        TestUtil.verifyGrad(v -> {
            Variable x = v.get(0), w = v.get(1);
            ScanResult r = Scan.scan(a -> List.of(T.tanh(T.add(T.mul(a.get(1), a.get(2)), a.get(0)))), List.of(x),
                    Scan.outputs(T.zerosLike(T.subtensor(x, SubtensorOps.idx(0L)))), List.of(w), null, false, -1, null);
            return Gradient.grad(T.sum(T.sqr(r.output(0))), x);
        }, new NdArray[] {randArr(4), randArr()}, 5);
    }

    @Test
    void untilScanWithAnIntegerCounterState() {
        // h_t = 0.5 h_{t-1} * x_t + x_t, cnt_t = cnt_{t-1} + 1, until cnt_t >= 3: only 3 of the 6 sequence
        // entries are used, so the later ones must get zero gradient (finite differences confirm it)
        TestUtil.verifyGrad(v -> {
            Variable x = v.get(0), h0 = v.get(1);
            Variable c0 = T.constant(NdArray.scalarLong(DType.INT64, 0));
            ScanResult r = Scan.scanFull(a -> {
                Variable cnt = T.add(a.get(2), 1L);
                return new Scan.StepResult(List.of(T.add(T.mul(0.5, a.get(1), a.get(0)), a.get(0)), cnt), T.ge(cnt, 3L), null);
            }, List.of(x), Scan.outputs(h0, c0), List.of(), null, false, -1, null);
            return r.output(0);
        }, new NdArray[] {randArr(6), randArr()}, 6);
    }

    @Test
    void disconnectedInputsAreReported() {
        Variable x = T.dvector("x"), unused = T.dscalar("u");
        ScanResult r = Scan.scan(a -> List.of(T.sqr(a.get(0))), List.of(x), null, List.of(unused), null, false, -1, null);
        DisconnectedInputError e = assertThrows(DisconnectedInputError.class, () -> Gradient.grad(T.sum(r.output(0)), List.of(unused)));
        assertTrue(e.getMessage().contains("u"), e.getMessage());
    }

    @Test
    void backwardBodyReadsTheStoredForwardResultsInsteadOfRecomputingThem() {
        Variable X = T.dmatrix("X"), W = T.dmatrix("W"), h0 = T.dvector("h0");
        ScanResult r = Scan.scan(a -> List.of(T.tanh(T.add(T.dot(a.get(1), a.get(2)), a.get(0)))), List.of(X), Scan.outputs(h0), List.of(W), null,
                false, -1, null);
        Variable gW = Gradient.grad(T.sum(r.output(0)), List.of(W)).get(0);
        ScanOp back = backwardScanOf(List.of(gW));
        for (var node : back.inner().toposort()) {
            assertTrue(!node.op().toString().contains("tanh"), "the backward body recomputes the forward tanh: " + node);
        }
    }

    @Test
    void minibatchRnnWeightGradientsSummedOutsideTheLoopMatchFiniteDifferences() {
        // h_t = tanh(x_t W + h_{t-1} U + b) on minibatches: the per-step gradients of W, U and b are
        // dot(x_t.T, d_t), dot(h_{t-1}.T, d_t) and sum(d_t, axis=0), summed over time as products outside the loop
        TestUtil.verifyGrad(v -> minibatchRnn(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                new NdArray[] {randArr(4, 3, 2), randArr(2, 5), randArr(5, 5), randArr(5), randArr(3, 5)}, 8);
    }

    @Test
    void minibatchRnnBackwardBodyKeepsOnlyTheRecurrentProduct() {
        Variable X = T.tensor3("X", DType.FLOAT64), W = T.dmatrix("W"), U = T.dmatrix("U"), b = T.dvector("b"), h0 = T.dmatrix("h0");
        List<Variable> g = Gradient.grad(T.sum(minibatchRnn(X, W, U, b, h0)), List.of(W, U, b));
        ScanOp back = backwardScanOf(g);
        // left in the loop: the adjoint through U (the carry) and through W (the gradient on x_t); no weight-shaped
        // products dot(x_t.T, d_t) or dot(h_{t-1}.T, d_t)
        List<Variable> nonSeqs = back.inner().inputs().subList(back.inner().inputs().size() - back.nNonSeqs(), back.inner().inputs().size());
        long dots = 0;
        for (var node : back.inner().toposort()) {
            if (!(node.op() instanceof org.theanojvm.engine.ops.Dot)) continue;
            dots++;
            Variable right = node.inputs().get(1);
            assertTrue(right.owner() != null && nonSeqs.contains(right.owner().inputs().get(0)), "a per-step weight-gradient product: " + node);
        }
        assertEquals(2, dots, back.inner().toposort().toString());
    }

    /** h_t = tanh(x_t W + h_{t-1} U + b) over minibatches: X is (time, batch, in), h0 (batch, hidden). */
    private static Variable minibatchRnn(Variable X, Variable W, Variable U, Variable b, Variable h0) {
        return Scan.scan(a -> List.of(T.tanh(T.add(T.dot(a.get(0), a.get(2)), T.dot(a.get(1), a.get(3)), a.get(4)))), List.of(X),
                Scan.outputs(h0), List.of(W, U, b), null, false, -1, null).output(0);
    }

    /** The backward scan ("grad_of_...") that computes these gradients. */
    private static ScanOp backwardScanOf(List<Variable> gradients) {
        for (Variable v : org.theanojvm.engine.graph.Graphs.ancestors(gradients, null)) {
            if (v.owner() != null && v.owner().op() instanceof ScanOp s && s.name().startsWith("grad_of_")) return s;
        }
        throw new AssertionError("no backward scan in the gradient graph");
    }
}
