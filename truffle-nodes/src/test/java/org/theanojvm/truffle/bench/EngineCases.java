package org.theanojvm.truffle.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.NNet;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.Literal;

/**
 * The bench/cases scripts done from Java against the engine API, without GraalPy: what theano-jvm's
 * executor and Function.call cost when the Python shim is taken out (arguments still cross as the shim
 * passes them: arrays in native memory, copied into staging buffers or, over 2 MB, read where they lie;
 * outputs copied out to native memory; a Python float as a Literal). Prints the same {@code BENCH_RESULT}
 * lines as the scripts. Not a test.
 * Usage: java (launcher JVM flags) org.theanojvm.truffle.bench.EngineCases CASE
 */
public final class EngineCases {
    static final double WARMUP_S = Double.parseDouble(System.getenv().getOrDefault("BENCH_WARMUP_S", "6"));
    static final double MAX_WARMUP_S = Double.parseDouble(System.getenv().getOrDefault("BENCH_MAX_WARMUP_S", "240"));

    public static void main(String[] args) {
        switch (args[0]) {
            case "call_overhead" -> callOverhead();
            case "elemwise" -> elemwise();
            case "elemwise_parts" -> elemwiseParts(); // where an elementwise call's time goes, not a BENCH_RESULT
            case "mlp_step" -> mlpStep();
            case "compile_mlp" -> compileMlp();
            case "mlp_profile" -> MlpStep.main(new String[] {args.length > 1 ? args[1] : "60", "profile"}); // per-node times, not a BENCH_RESULT
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void report(String json) { System.out.println("BENCH_RESULT " + json); }

    static void callOverhead() {
        Variable x = T.dscalar("x");
        Function f = Function.compile(List.of(x), List.of(T.add(x, 1.0)));
        Runnable call = () -> f.callTransient(List.of(new Literal(NdArray.scalar(1.0), true, "1.0")), Map.of())[0].item();
        warmUp(call);
        report("{\"case\": \"call_overhead\", \"us_per_call\": " + perCall(call, 2000, 9) * 1e6 + "}");
    }

    static void elemwise() {
        int n = 1_000_000;
        Variable x = T.dvector("x"), y = T.dvector("y");
        Function f = Function.compile(List.of(x, y), List.of(T.sub(T.mul(T.exp(T.add(T.mul(x, 2.0), 1.0)), T.sigmoid(y)), T.tanh(T.mul(x, y)))));
        MemorySegment xs = native64(n, 0), ys = native64(n, 1), os = Arena.global().allocate(8L * n, 8);
        Runnable call = () -> {
            // as the shim passes arguments over 2 MB: the caller's buffers themselves, not copied
            NdArray xi = NdArray.overAddress(DType.FLOAT64, new long[] {n}, xs.address()), yi = NdArray.overAddress(DType.FLOAT64, new long[] {n}, ys.address());
            f.callTransient(List.of(xi, yi), Map.of())[0].copyToAddress(os.address());
        };
        warmUp(call);
        double s = perCall(call, 5, 9);
        report("{\"case\": \"elemwise\", \"ms_per_call\": " + s * 1e3 + ", \"gb_per_s\": " + 24e6 / s / 1e9 + "}");
    }

    /** The elemwise case split: copying the arguments in, the call on heap arrays, copying the result out. */
    static void elemwiseParts() {
        int n = 1_000_000;
        Variable x = T.dvector("x"), y = T.dvector("y");
        Function f = Function.compile(List.of(x, y), List.of(T.sub(T.mul(T.exp(T.add(T.mul(x, 2.0), 1.0)), T.sigmoid(y)), T.tanh(T.mul(x, y)))));
        MemorySegment xs = native64(n, 0), ys = native64(n, 1), os = Arena.global().allocate(8L * n, 8);
        NdArray xh = NdArray.fromAddress(DType.FLOAT64, new long[] {n}, xs.address()), yh = NdArray.fromAddress(DType.FLOAT64, new long[] {n}, ys.address());
        NdArray xn = NdArray.overAddress(DType.FLOAT64, new long[] {n}, xs.address()), yn = NdArray.overAddress(DType.FLOAT64, new long[] {n}, ys.address());
        NdArray[] result = new NdArray[1];
        Runnable copyIn = () -> NdArray.fromAddress(DType.FLOAT64, new long[] {n}, xs.address());
        Runnable heapCall = () -> result[0] = f.callTransient(List.of(xh, yh), Map.of())[0];
        Runnable nativeCall = () -> f.callTransient(List.of(xn, yn), Map.of());
        Runnable copyOut = () -> result[0].copyToAddress(os.address());
        Runnable allocate = () -> result[0] = NdArray.empty(DType.FLOAT64, new long[] {n});
        heapCall.run();
        for (int round = 0; round < 3; round++) {
            for (var e : new LinkedHashMap<>(Map.of("copy one argument in", copyIn, "call on heap arguments", heapCall,
                    "call on native arguments", nativeCall, "copy the result out", copyOut, "allocate a result", allocate)).entrySet()) {
                if (round == 0) warmUp(e.getValue());
                System.out.printf("%-26s %.3f ms%n", e.getKey(), perCall(e.getValue(), 5, 9) * 1e3);
            }
        }
    }

    static void mlpStep() {
        int b = 256, d = 784, h = 500, c = 10;
        Random rnd = new Random(1);
        Function f = mlp(rnd, new int[] {d, h, c});
        MemorySegment xs = Arena.global().allocate(4L * b * d, 4), ys = Arena.global().allocate(4L * b, 4);
        for (int i = 0; i < b * d; i++) xs.setAtIndex(ValueLayout.JAVA_FLOAT, i, rnd.nextFloat());
        for (int i = 0; i < b; i++) ys.setAtIndex(ValueLayout.JAVA_INT, i, rnd.nextInt(c));
        Runnable call = () -> f.callTransient(List.of(NdArray.fromAddress(DType.FLOAT32, new long[] {b, d}, xs.address()),
                NdArray.fromAddress(DType.INT32, new long[] {b}, ys.address())), Map.of())[0].item();
        warmUp(call);
        double s = perCall(call, 5, 9);
        double flops = 2.0 * b * (d * h * 2 + h * c * 3);
        report("{\"case\": \"mlp_step\", \"ms_per_step\": " + s * 1e3 + ", \"gflop_per_s\": " + flops / s / 1e9 + "}");
    }

    static void compileMlp() {
        double cold = buildAndRun(new int[] {784, 256, 256, 256, 10});
        double warm = buildAndRun(new int[] {784, 300, 200, 100, 10});
        report("{\"case\": \"compile_mlp\", \"cold_s\": " + cold + ", \"warm_s\": " + warm + "}");
    }

    static double buildAndRun(int[] sizes) {
        long t0 = System.nanoTime();
        Random rnd = new Random(2);
        Function f = mlp(rnd, sizes);
        NdArray xv = NdArray.empty(DType.FLOAT32, 64, sizes[0]), yv = NdArray.empty(DType.INT32, 64);
        f.call(xv, yv);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The scripts' MLP: tanh layers, softmax output, mean categorical cross-entropy, SGD updates. */
    static Function mlp(Random rnd, int[] sizes) {
        Variable x = T.fmatrix("x"), y = T.ivector("y");
        Variable hcur = x;
        List<Variable> params = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            NdArray w = NdArray.empty(DType.FLOAT32, sizes[i], sizes[i + 1]);
            for (long off : w.elementOffsets()) w.writeDouble(off, (rnd.nextDouble() - 0.5) * 0.1);
            SharedVariable wv = SharedVariable.create(w, "W" + i), bv = SharedVariable.create(NdArray.empty(DType.FLOAT32, sizes[i + 1]), "b" + i);
            params.add(wv);
            params.add(bv);
            Variable a = T.add(T.dot(hcur, wv), bv);
            hcur = i + 2 < sizes.length ? T.tanh(a) : NNet.softmax(a);
        }
        Variable cost = T.mean(NNet.categoricalCrossentropy(hcur, y), null, false, null, null);
        List<Variable> grads = Gradient.grad(cost, params);
        List<Variable[]> updates = new ArrayList<>();
        Variable lr = T.cast(T.asTensorVariable(0.01), DType.FLOAT32);
        for (int i = 0; i < params.size(); i++) updates.add(new Variable[] {params.get(i), T.sub(params.get(i), T.mul(lr, grads.get(i)))});
        return Function.compile(List.of(In.of(x), In.of(y)), List.of(cost), updates, List.of(), null, null, null);
    }

    static MemorySegment native64(int n, long seed) {
        MemorySegment m = Arena.global().allocate(8L * n, 8);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) m.setAtIndex(ValueLayout.JAVA_DOUBLE, i, r.nextDouble() * 2 - 1);
        return m;
    }

    /**
     * As bench/cases/_timing.py: at least WARMUP_S, then until three ~1 s batches in a row are calm: the
     * JIT compiler threads used under 5 % of a core and the batch was no more than 5 % faster than the
     * best one (or until MAX_WARMUP_S).
     */
    static void warmUp(Runnable fn) {
        long start = System.nanoTime();
        int calls = 0;
        double perCall = timedBatch(fn, 1);
        while (calls < 5 || (System.nanoTime() - start) / 1e9 < WARMUP_S) {
            int n = (int) Math.max(1, Math.min(1000, 0.1 / perCall)); // batches of ~0.1 s
            perCall = timedBatch(fn, n) / n;
            calls += n;
        }
        double best = Double.MAX_VALUE;
        int calm = 0;
        while (calm < 3 && (System.nanoTime() - start) / 1e9 < MAX_WARMUP_S) {
            Map<String, Double> compiling0 = compilerCpuSeconds();
            int k = (int) Math.max(3, 1.0 / perCall); // ~1 s
            double elapsed = timedBatch(fn, k);
            perCall = elapsed / k;
            boolean compilersQuiet = compilingSeconds(compiling0, compilerCpuSeconds()) < 0.05 * elapsed;
            calm = compilersQuiet && best != Double.MAX_VALUE && perCall > 0.95 * best ? calm + 1 : 0;
            best = Math.min(best, perCall);
        }
        settledPerCall = perCall;
    }

    /** Seconds per call at the end of the last warm-up: sizes the measured batches (about 0.5 s each). */
    private static double settledPerCall = 0;

    private static final List<String> COMPILER_THREAD_PREFIXES = List.of("C1 CompilerThre", "C2 CompilerThre", "TruffleCompiler", "JVMCI");

    /**
     * {thread id: CPU seconds used so far} of the JIT compiler threads, from /proc (empty where there is
     * none): the JVM hides its compiler threads from ThreadMXBean. Per thread, because the JVM starts and
     * ends compiler threads as its queue grows and shrinks, so a sum over the live ones could go down.
     */
    static Map<String, Double> compilerCpuSeconds() {
        Map<String, Double> used = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return used;
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (COMPILER_THREAD_PREFIXES.stream().noneMatch(name::startsWith)) continue;
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    used.put(task.getFileName().toString(), ticks / 100.0); // USER_HZ: 100 on Linux
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException listingFailed) {
            // /proc could not be listed: the threads read so far (none) count as quiet
        }
        return used;
    }

    /** CPU seconds the compiler threads used between two {@link #compilerCpuSeconds()} readings. */
    static double compilingSeconds(Map<String, Double> before, Map<String, Double> after) {
        double sum = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0.0));
        return sum;
    }

    /** Seconds that {@code calls} runs of fn take: the one loop that both warms up and measures, as in _timing.py. */
    static double timedBatch(Runnable fn, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) fn.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double perCall(Runnable fn, int calls, int repeats) {
        if (settledPerCall > 0) calls = (int) Math.max(calls, 0.5 / settledPerCall);
        double[] s = new double[repeats];
        for (int r = 0; r < repeats; r++) s[r] = timedBatch(fn, calls) / calls;
        Arrays.sort(s);
        return s[repeats / 2];
    }

}
