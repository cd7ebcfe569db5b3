package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.scan.Scan;
import org.theanojvm.engine.scan.ScanResult;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Scan bodies on the Truffle executor run a rewritten copy of the inner graph (fused kernels, gemm);
 * a minibatch RNN and its gradient must give what the reference perform loop gives.
 */
class ScanBodyTest {
    private static NdArray rand(Random r, long... shape) {
        int n = 1;
        for (long s : shape) n *= (int) s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextDouble() - 0.5;
        return NdArray.fromDoubles(DType.FLOAT64, shape, d);
    }

    /** Output of the RNN and its gradients on W, U, b, h0, built and compiled while theano.scan.inner is {@code inner}. */
    private static NdArray[] rnnAndGradients(String inner, NdArray[] values) {
        String before = System.getProperty("theano.scan.inner");
        try {
            if (inner == null) System.clearProperty("theano.scan.inner");
            else System.setProperty("theano.scan.inner", inner);
            Variable X = T.tensor3("X", DType.FLOAT64), W = T.dmatrix("W"), U = T.dmatrix("U"), b = T.dvector("b"), h0 = T.dmatrix("h0");
            ScanResult r = Scan.scan(a -> List.of(T.tanh(T.add(T.dot(a.get(0), a.get(2)), T.dot(a.get(1), a.get(3)), a.get(4)))), List.of(X),
                    Scan.outputs(h0), List.of(W, U, b), null, false, -1, null);
            Variable h = r.output(0);
            Variable cost = T.sum(T.sqr(h));
            List<Variable> outs = new ArrayList<>(List.of(h));
            outs.addAll(Gradient.grad(cost, List.of(W, U, b, h0, X)));
            Function f = Function.compile(List.of(X, W, U, b, h0), outs);
            f.call((Object[]) values);
            // run twice: buffers recycled by the first call must not leak into the second
            return f.call((Object[]) values);
        } finally {
            if (before == null) System.clearProperty("theano.scan.inner");
            else System.setProperty("theano.scan.inner", before);
        }
    }

    @Test
    void rewrittenBodiesAgreeWithTheReferenceLoop() {
        Random rng = new Random(11);
        NdArray[] values = {rand(rng, 6, 4, 3), rand(rng, 3, 5), rand(rng, 5, 5), rand(rng, 5), rand(rng, 4, 5)};
        NdArray[] fast = rnnAndGradients(null, values);
        NdArray[] reference = rnnAndGradients("reference", values);
        for (int i = 0; i < fast.length; i++) {
            assertTrue(fast[i].allClose(reference[i], 1e-10, 1e-12), "output " + i + ": " + fast[i] + " vs " + reference[i]);
        }
    }
}
