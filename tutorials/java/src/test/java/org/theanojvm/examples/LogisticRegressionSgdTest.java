package org.theanojvm.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.examples.LogisticRegressionSgd.Dataset;
import org.theanojvm.examples.LogisticRegressionSgd.Result;

/**
 * The Java tutorial's training run against softmax regression by minibatch SGD written out in plain
 * Java here (forward pass, cross-entropy, its gradient by hand): same data, same costs per epoch.
 */
class LogisticRegressionSgdTest {
    private static final int IN = LogisticRegressionSgd.N_IN, OUT = LogisticRegressionSgd.N_OUT;

    @Test
    void costFallsAndMatchesHandWrittenSgd() {
        Random rng = new Random(42);
        Dataset train = LogisticRegressionSgd.makeData(rng, 200), valid = LogisticRegressionSgd.makeData(rng, 100);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Result r = LogisticRegressionSgd.train(train, valid, 0.13, 6, 20, new PrintStream(printed, true, StandardCharsets.UTF_8));

        double[] w = new double[IN * OUT], b = new double[OUT];
        List<Double> expected = new ArrayList<>();
        for (int epoch = 0; epoch < 6; epoch++) expected.add(handWrittenEpoch(train, w, b, 0.13, 20));
        for (int e = 0; e < 6; e++) assertEquals(expected.get(e), r.epochCosts().get(e), 1e-10, "epoch " + (e + 1));
        assertArrayEquals(w, r.w().toDoubleArray(), 1e-10);
        assertArrayEquals(b, r.b().toDoubleArray(), 1e-10);
        assertEquals(handWrittenError(valid, w, b), r.validationErrors().getLast(), 1e-12);

        for (int e = 1; e < 6; e++) assertTrue(r.epochCosts().get(e) < r.epochCosts().get(e - 1), "cost falls: " + r.epochCosts());
        assertTrue(r.epochCosts().getFirst() < Math.log(OUT), "the first epoch already learns: " + r.epochCosts());

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("train_model runs on the truffle executor\n"), text); // truffle-nodes is on the test class path
        assertTrue(text.contains(String.format("epoch 6, mean minibatch cost %.4f, validation error", expected.get(5))), text);
    }

    /** One epoch of minibatch SGD on softmax(x W + b); returns the mean minibatch cost before each step. */
    private static double handWrittenEpoch(Dataset d, double[] w, double[] b, double lr, int batch) {
        int nBatches = d.size() / batch;
        double sum = 0;
        for (int k = 0; k < nBatches; k++) {
            double[] gw = new double[IN * OUT], gb = new double[OUT];
            double cost = 0;
            for (int i = k * batch; i < (k + 1) * batch; i++) {
                double[] p = probabilities(d, i, w, b);
                cost -= Math.log(p[d.y()[i]]) / batch;
                for (int c = 0; c < OUT; c++) {
                    double delta = (p[c] - (c == d.y()[i] ? 1 : 0)) / batch;
                    gb[c] += delta;
                    for (int j = 0; j < IN; j++) gw[j * OUT + c] += d.x()[i * IN + j] * delta;
                }
            }
            for (int q = 0; q < w.length; q++) w[q] -= lr * gw[q];
            for (int c = 0; c < OUT; c++) b[c] -= lr * gb[c];
            sum += cost;
        }
        return sum / nBatches;
    }

    private static double handWrittenError(Dataset d, double[] w, double[] b) {
        int wrong = 0;
        for (int i = 0; i < d.size(); i++) {
            double[] p = probabilities(d, i, w, b);
            int best = 0;
            for (int c = 1; c < OUT; c++) if (p[c] > p[best]) best = c;
            if (best != d.y()[i]) wrong++;
        }
        return (double) wrong / d.size();
    }

    private static double[] probabilities(Dataset d, int i, double[] w, double[] b) {
        double[] z = new double[OUT];
        double max = Double.NEGATIVE_INFINITY, total = 0;
        for (int c = 0; c < OUT; c++) {
            z[c] = b[c];
            for (int j = 0; j < IN; j++) z[c] += d.x()[i * IN + j] * w[j * OUT + c];
            max = Math.max(max, z[c]);
        }
        for (int c = 0; c < OUT; c++) total += z[c] = Math.exp(z[c] - max);
        for (int c = 0; c < OUT; c++) z[c] /= total;
        return z;
    }
}
