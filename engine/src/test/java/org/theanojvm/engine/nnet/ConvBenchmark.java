package org.theanojvm.engine.nnet;

import java.util.List;
import java.util.Random;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Timing harness (not a test): GFLOP/s of the reference AbstractConv2d and its two gradient ops on a
 * LeNet-sized layer, batch 64, 1 -> 20 channels, 28x28 images, 5x5 filters, 'valid'. FLOPs counted as
 * 2 * multiply-adds of the direct convolution (2 * 64 * 20 * 24 * 24 * 1 * 25 = 36.9 MFLOP per pass).
 * Run: java -cp engine/target/classes:engine/target/test-classes org.theanojvm.engine.nnet.ConvBenchmark [float32|float64]
 */
public final class ConvBenchmark {
    public static void main(String[] args) {
        DType dt = args.length > 0 ? DType.of(args[0]) : DType.FLOAT64;
        long b = 64, ci = 1, co = 20, h = 28, w = 28, k = 5;
        long oh = h - k + 1, ow = w - k + 1;
        double flops = 2.0 * b * co * oh * ow * ci * k * k;
        Random r = new Random(0);
        NdArray img = fill(r, dt, b, ci, h, w), ker = fill(r, dt, co, ci, k, k), top = fill(r, dt, b, co, oh, ow);
        Variable x = T.tensor4("x", dt), f = T.tensor4("f", dt), t = T.tensor4("t", dt);
        Function fwd = Function.compile(List.of(x, f), List.of(NNet.conv2d(x, f)));
        Function gw = Function.compile(List.of(x, t), List.of(NNet.conv2dGradWrtWeights(x, t, new long[] {co, ci, k, k}, null, "valid", null, true, null, 1)));
        Function gi = Function.compile(List.of(f, t), List.of(NNet.conv2dGradWrtInputs(t, f, new long[] {b, ci, h, w}, null, "valid", null, true, null, 1)));
        report("AbstractConv2d (forward)", flops, () -> fwd.call(img, ker));
        report("AbstractConv2d_gradWeights", flops, () -> gw.call(img, top));
        report("AbstractConv2d_gradInputs", flops, () -> gi.call(ker, top));
    }

    static NdArray fill(Random r, DType dt, long... shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() - 0.5;
        return NdArray.fromDoubles(dt, shape, v);
    }

    static void report(String name, double flops, Runnable body) {
        for (int i = 0; i < 20; i++) body.run(); // JIT warm-up
        int reps = 30;
        long best = Long.MAX_VALUE, total = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            long dtNs = System.nanoTime() - t0;
            best = Math.min(best, dtNs);
            total += dtNs;
        }
        System.out.printf("%-28s best %7.2f ms (%5.2f GFLOP/s)   mean %7.2f ms (%5.2f GFLOP/s)%n", name, best / 1e6, flops / best,
                total / 1e6 / reps, flops / (total / (double) reps));
    }
}
