package org.theanojvm.truffle.bench;

import com.oracle.truffle.api.Truffle;
import java.util.List;
import java.util.Random;
import org.theanojvm.engine.function.Executor;
import org.theanojvm.engine.function.Executors;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.TruffleExecutor;

/**
 * Timing harness, not a test: throughput of exp(x*2+1)*sigmoid(y)-tanh(x*y) on 1e6 float64 (plus a
 * 1e6 sum and a 512^3 dot) on the Truffle executor vs the reference. Meaningful only under the
 * launcher's JIT flags (see the report / run command in the module's notes); prints the active runtime.
 * Usage: java ... org.theanojvm.truffle.bench.ElemwiseThroughput [seconds-per-case]
 */
public final class ElemwiseThroughput {
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.println("Truffle runtime: " + Truffle.getRuntime().getName());
        int n = 1_000_000;
        Random rnd = new Random(0);
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = rnd.nextGaussian();
            ys[i] = rnd.nextGaussian();
        }
        NdArray x = NdArray.fromDoubles(DType.FLOAT64, new long[] {n}, xs), y = NdArray.fromDoubles(DType.FLOAT64, new long[] {n}, ys);
        Variable xv = T.dvector("x"), yv = T.dvector("y");
        Variable expr = T.sub(T.mul(T.exp(T.add(T.mul(xv, 2.0), 1.0)), T.sigmoid(yv)), T.tanh(T.mul(xv, yv)));
        FunctionGraph fg = new FunctionGraph(List.of(xv, yv), List.of(expr));
        time("elemwise 1e6 f64, reference", Executors.reference(fg), List.of(x, y), n, seconds);
        time("elemwise 1e6 f64, truffle  ", new TruffleExecutor(fg), List.of(x, y), n, seconds);
        FunctionGraph fused = new FunctionGraph(List.of(xv, yv), List.of(expr));
        org.theanojvm.engine.rewrite.RewriteDB.standard().run(fused, org.theanojvm.engine.rewrite.RewriteConfig.FAST_RUN);
        time("elemwise 1e6 f64, fused    ", new TruffleExecutor(fused), List.of(x, y), n, seconds);

        FunctionGraph sum = new FunctionGraph(List.of(xv), List.of(T.sum(xv)));
        time("sum 1e6 f64, reference", Executors.reference(sum), List.of(x), n, seconds);
        time("sum 1e6 f64, truffle  ", new TruffleExecutor(sum), List.of(x), n, seconds);
        FunctionGraph max = new FunctionGraph(List.of(xv), List.of(new CAReduce(CAReduce.Kind.MAX, null, null, null).call(xv)));
        time("max 1e6 f64, truffle  ", new TruffleExecutor(max), List.of(x), n, seconds);

        Variable a = T.dmatrix("a"), b = T.dmatrix("b");
        FunctionGraph dot = new FunctionGraph(List.of(a, b), List.of(T.dot(a, b)));
        NdArray am = NdArray.full(DType.FLOAT64, 0.5, 512, 512), bm = NdArray.full(DType.FLOAT64, 0.25, 512, 512);
        time("dot 512^3 f64, reference", Executors.reference(dot), List.of(am, bm), 512L * 512 * 512, Math.min(seconds, 3));
        time("dot 512^3 f64, truffle  ", new TruffleExecutor(dot), List.of(am, bm), 512L * 512 * 512, seconds);
    }

    /** Calls until the time is spent; reports the mean of the second half of the calls (after warm-up). */
    private static void time(String label, Executor ex, List<NdArray> in, long elements, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        java.util.ArrayList<Long> times = new java.util.ArrayList<>();
        while (System.nanoTime() < end || times.size() < 2) {
            long t0 = System.nanoTime();
            ex.run(in);
            times.add(System.nanoTime() - t0);
        }
        List<Long> late = times.subList(times.size() / 2, times.size());
        double mean = late.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        long best = late.stream().mapToLong(Long::longValue).min().orElse(0);
        System.out.printf("%-30s calls=%5d  mean %.3f ms  best %.3f ms  (%.1f M elem/s at best)%n", label, times.size(), mean, best / 1e6,
                elements / (best / 1e3));
    }
}
