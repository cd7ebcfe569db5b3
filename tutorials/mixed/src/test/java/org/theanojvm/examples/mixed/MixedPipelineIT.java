package org.theanojvm.examples.mixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.polyglot.PythonModule;
import org.theanojvm.polyglot.TheanoJvm;

/**
 * Java calling Python (PythonModule) and, through model.py, Python calling Java (HuberLoss), in one
 * GraalPy context (each context imports NumPy and theano again, tens of seconds on 2 cores).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedPipelineIT {
    private Context python;

    @BeforeAll
    void open() { python = TheanoJvm.newContext(); }

    @AfterAll
    void close() { python.close(); }

    @Test
    void trainsThePythonModelOnJavaArraysLikeHandWrittenGradientDescent() {
        int epochs = 30;
        MixedPipeline.Result r = MixedPipeline.run(python, Path.of("model.py").toAbsolutePath().getParent(), epochs);
        assertEquals(DType.FLOAT64, r.costs().dtype());
        assertArrayEquals(new long[] {epochs}, r.costs().shape());

        // the same gradient descent on the mean Huber loss (delta 1), written out in Java
        int n = r.n(), d = r.d();
        double[] w = new double[d];
        double b = 0;
        double[] costs = r.costs().toDoubleArray();
        for (int step = 0; step < epochs; step++) {
            double cost = 0, gb = 0;
            double[] gw = new double[d];
            for (int i = 0; i < n; i++) {
                double res = b - r.y()[i];
                for (int j = 0; j < d; j++) res += r.x()[i * d + j] * w[j];
                double a = Math.abs(res);
                cost += (a <= 1 ? 0.5 * res * res : a - 0.5) / n;
                double g = Math.max(-1, Math.min(1, res)) / n;
                gb += g;
                for (int j = 0; j < d; j++) gw[j] += g * r.x()[i * d + j];
            }
            assertEquals(cost, costs[step], 1e-10, "cost before step " + step);
            for (int j = 0; j < d; j++) w[j] -= 0.5 * gw[j];
            b -= 0.5 * gb;
        }
        assertArrayEquals(w, r.w().toDoubleArray(), 1e-10);
        assertEquals(b, r.b().item(), 1e-10);
        assertTrue(costs[epochs - 1] < 0.5 * costs[0], "cost falls: " + costs[0] + " -> " + costs[epochs - 1]);

        double[] predicted = r.predictions().toDoubleArray();
        for (int i = 0; i < n; i++) {
            double expect = b;
            for (int j = 0; j < d; j++) expect += r.x()[i * d + j] * w[j];
            assertEquals(expect, predicted[i], 1e-10, "prediction " + i);
        }
    }

    @Test
    void valuesCrossWithTheirTypes() throws IOException {
        Path dir = Files.createTempDirectory("pymodule");
        Files.writeString(dir.resolve("conversions.py"), String.join("\n",
                "import numpy",
                "def describe(a):",
                "    return (str(a.dtype), list(a.shape), float(a.sum()))",
                "def twice(a):",
                "    return a * 2",
                "def plain():",
                "    return [3, 2.0, 'text', None, True]",
                ""));
        PythonModule m = PythonModule.importModule(python, "conversions", dir);
        assertEquals(List.of("float32", List.of(2L, 2L), 10.0), normalise(m.call("describe", NdArray.wrap(new float[] {1, 2, 3, 4}, 2, 2))));
        assertEquals(List.of("float64", List.of(3L), 6.0), normalise(m.call("describe", new double[] {1, 2, 3})));
        assertEquals(List.of("int32", List.of(2L), 3.0), normalise(m.call("describe", new int[] {1, 2})));
        NdArray doubled = m.callForArray("twice", NdArray.wrap(new long[] {5, -7}));
        assertEquals(DType.INT64, doubled.dtype());
        assertArrayEquals(new long[] {10, -14}, doubled.toLongArray());
        List<?> plain = (List<?>) m.call("plain");
        assertEquals(5, plain.size());
        assertEquals(3L, ((Number) plain.get(0)).longValue());
        assertEquals(2.0, plain.get(1));
        assertEquals("text", plain.get(2));
        assertNull(plain.get(3));
        assertEquals(true, plain.get(4));
    }

    /** Numbers inside lists come back as whatever boxed type GraalPy chose: compare them as long/double. */
    private static Object normalise(Object o) {
        if (o instanceof List<?> l) return l.stream().map(MixedPipelineIT::normalise).toList();
        if (o instanceof Integer i) return (long) i;
        return o;
    }
}
