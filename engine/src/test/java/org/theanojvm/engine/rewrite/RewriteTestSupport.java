package org.theanojvm.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/** Compiles a graph with and without rewrites and compares both on random inputs (the unoptimized graph is the oracle). */
final class RewriteTestSupport {
    private RewriteTestSupport() {}

    static Function compile(List<Variable> ins, List<Variable> outs, RewriteConfig c) {
        List<In> in = new ArrayList<>();
        for (Variable v : ins) in.add(In.of(v));
        return Function.compile(in, outs, List.of(), List.of(), null, "ignore", null, c);
    }

    /** A random array for an input's type (broadcastable dims of size 1), values in [lo, hi). */
    static NdArray random(Variable v, long n, Random rnd, double lo, double hi) {
        long[] shape = new long[v.ndim()];
        for (int d = 0; d < shape.length; d++) shape[d] = v.broadcastable()[d] ? 1 : n;
        int size = 1;
        for (long s : shape) size *= (int) s;
        double[] vals = new double[size];
        for (int i = 0; i < size; i++) vals[i] = v.dtype().isFloat() ? lo + (hi - lo) * rnd.nextDouble() : (double) (long) (lo + (hi - lo) * rnd.nextDouble());
        return NdArray.fromDoubles(v.dtype(), shape, vals);
    }

    /**
     * Compiles with FAST_RUN (or {@code c}) and with optimizer=None, runs both on the same random inputs
     * (three draws) and checks equal results within float tolerance; returns the optimized function.
     */
    static Function checkSame(List<Variable> ins, List<Variable> outs, RewriteConfig c, double lo, double hi) {
        Function opt = compile(ins, outs, c);
        Function ref = compile(ins, outs, RewriteConfig.NONE);
        Random rnd = new Random(42);
        for (int trial = 0; trial < 3; trial++) {
            Object[] args = new Object[ins.size()];
            for (int i = 0; i < args.length; i++) args[i] = random(ins.get(i), 3 + trial, rnd, lo, hi);
            NdArray[] a = opt.call(args), b = ref.call(args);
            for (int k = 0; k < a.length; k++) assertClose(b[k], a[k]);
        }
        return opt;
    }

    static Function checkSame(List<Variable> ins, List<Variable> outs) { return checkSame(ins, outs, RewriteConfig.FAST_RUN, -2, 2); }

    static void assertClose(NdArray expected, NdArray actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        double tol = expected.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) assertTrue(Double.isNaN(a[i]), "index " + i);
            else assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), "index " + i);
        }
    }

    static List<Apply> nodes(Function f) { return f.fgraph().toposort(); }

    static long count(Function f, Predicate<Apply> p) { return nodes(f).stream().filter(p).count(); }

    static String ops(Function f) {
        StringBuilder sb = new StringBuilder();
        for (Apply a : nodes(f)) sb.append(a.op()).append('\n');
        return sb.toString();
    }
}
