package org.theanojvm.truffle.bench;

import com.oracle.truffle.api.Truffle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.NNet;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.truffle.TruffleExecutor;
import org.theanojvm.truffle.graph.ApplyNode;

/**
 * Timing harness, not a test: the benchmark's SGD step (784-500-10 tanh MLP, softmax cross-entropy,
 * float32, batch 256) compiled and called from Java only, to separate the executor's time from the
 * Python shim's. Prints the optimized schedule (which Truffle node each apply became) and ms/step.
 * Usage: java ... org.theanojvm.truffle.bench.MlpStep [seconds [profile]]; with profile, each node's
 * time per call (ProfilingExecutor, as theano.function(profile=True)) after the timed loop.
 */
public final class MlpStep {
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        boolean profile = args.length > 1 && args[1].equals("profile");
        System.out.println("Truffle runtime: " + Truffle.getRuntime().getName());
        int b = 256, d = 784, h = 500, c = 10;
        Random rnd = new Random(1);
        SharedVariable w1 = param(rnd, d, h), b1 = param(rnd, h), w2 = param(rnd, h, c), b2 = param(rnd, c);
        Variable x = T.fmatrix("x"), y = T.ivector("y");
        Variable hid = T.tanh(T.add(T.dot(x, w1), b1));
        Variable p = NNet.softmax(T.add(T.dot(hid, w2), b2));
        Variable cost = T.mean(NNet.categoricalCrossentropy(p, y), null, false, null, null);
        List<Variable> params = List.of(w1, b1, w2, b2);
        List<Variable> grads = Gradient.grad(cost, params);
        List<Variable[]> updates = new ArrayList<>();
        Variable lr = T.cast(T.asTensorVariable(0.01), DType.FLOAT32);
        for (int i = 0; i < 4; i++) updates.add(new Variable[] {params.get(i), T.sub(params.get(i), T.mul(lr, grads.get(i)))});
        long t0 = System.nanoTime();
        org.theanojvm.engine.function.Executors.setProfiling(profile);
        Function f = Function.compile(List.of(In.of(x), In.of(y)), List.of(cost), updates, List.of(), null, null, null);
        System.out.printf("compile %.0f ms, executor %s%n", (System.nanoTime() - t0) / 1e6, f.executor().name());
        if (f.rewriteResult() != null) {
            var rr = f.rewriteResult();
            System.out.println("rewrites: nodes " + rr.nodesBefore() + " -> " + rr.nodesAfter() + ", phases " + rr.phases() + ", counts " + rr.counts());
        }
        if (f.executor() instanceof TruffleExecutor te) {
            for (ApplyNode n : te.root().schedule()) System.out.println("  " + n.getClass().getSimpleName() + "  " + describe(n));
        }
        NdArray xv = NdArray.empty(DType.FLOAT32, b, d), yv = NdArray.empty(DType.INT32, b);
        for (long off : xv.elementOffsets()) xv.writeDouble(off, rnd.nextDouble());
        for (long off : yv.elementOffsets()) yv.writeLong(off, rnd.nextInt(c));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Long> times = new ArrayList<>();
        while (System.nanoTime() < end) {
            long s = System.nanoTime();
            f.call(xv, yv);
            times.add(System.nanoTime() - s);
        }
        List<Long> late = new ArrayList<>(times.subList(times.size() / 2, times.size()));
        late.sort(null);
        if (f.executor() instanceof org.theanojvm.engine.function.ProfilingExecutor pe) {
            pe.reset();
            for (int i = 0; i < 200; i++) f.call(xv, yv);
            double[] t = pe.applyTimes();
            for (int i = 0; i < t.length; i++) System.out.printf("%8.1f us  %s%n", t[i] / 200 * 1e6, pe.order().get(i));
            System.out.printf("call %.1f us%n", pe.callTime() / 200 * 1e6);
        }
        System.out.printf("steps=%d  median of 2nd half %.2f ms  best %.2f ms  cost %s%n", times.size(), late.get(late.size() / 2) / 1e6,
                late.get(0) / 1e6, f.call(xv, yv)[0]);
    }

    private static String describe(ApplyNode n) {
        try {
            java.lang.reflect.Field fa = ApplyNode.class.getDeclaredField("apply");
            fa.setAccessible(true);
            return String.valueOf((Apply) fa.get(n));
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    private static SharedVariable param(Random rnd, long... shape) {
        NdArray a = NdArray.empty(DType.FLOAT32, shape);
        for (long off : a.elementOffsets()) a.writeDouble(off, (rnd.nextDouble() - 0.5) * 0.1);
        return SharedVariable.create(a, null);
    }
}
