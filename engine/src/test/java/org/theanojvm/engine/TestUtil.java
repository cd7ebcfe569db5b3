package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/** Shared helpers: evaluate a graph, compare arrays, and Theano-style gradient checking. */
public final class TestUtil {
    private TestUtil() {}

    /** Compiles inputs -> out and calls it. */
    public static NdArray eval(Variable out, List<Variable> inputs, Object... args) {
        return org.theanojvm.engine.function.Function.compile(inputs, List.of(out)).call(args)[0];
    }

    public static NdArray eval(Variable out) { return eval(out, List.of()); }

    public static NdArray arr(long[] shape, double... v) { return NdArray.fromDoubles(DType.FLOAT64, shape, v); }

    public static long[] s(long... shape) { return shape; }

    public static void assertArray(NdArray actual, DType dtype, long[] shape, double... expected) {
        assertEquals(dtype, actual.dtype(), "dtype");
        assertEquals(java.util.Arrays.toString(shape), java.util.Arrays.toString(actual.shape()), "shape");
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            boolean ok = (Double.isNaN(e) && Double.isNaN(a[i])) || a[i] == e || Math.abs(a[i] - e) <= 1e-12 + 1e-9 * Math.abs(e);
            assertTrue(ok, "element " + i + ": expected " + e + " got " + a[i] + " in " + java.util.Arrays.toString(a));
        }
        assertEquals(expected.length, a.length, "size");
    }

    /**
     * Theano's verify_grad: checks the symbolic gradient of sum(fun(inputs) * random projection) against
     * central finite differences at the given points (float64), with a relative/absolute tolerance.
     */
    public static void verifyGrad(Function<List<Variable>, Variable> fun, NdArray[] points, long seed) {
        Random rng = new Random(seed);
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            vars.add(new TensorType(points[i].dtype(), new boolean[points[i].ndim()]).makeVariable("in" + i));
        }
        Variable out = fun.apply(vars);
        NdArray outVal = eval(out, vars, (Object[]) points);
        double[] proj = new double[(int) outVal.size()];
        for (int i = 0; i < proj.length; i++) proj[i] = rng.nextDouble() * 2 - 1;
        Variable projC = T.constant(NdArray.fromDoubles(DType.FLOAT64, outVal.shape(), proj));
        Variable cost = T.sum(T.mul(out, projC));
        List<Variable> grads = Gradient.grad(cost, vars);
        org.theanojvm.engine.function.Function fc = org.theanojvm.engine.function.Function.compile(vars, List.of(cost));
        org.theanojvm.engine.function.Function fg = org.theanojvm.engine.function.Function.compile(vars, grads);
        NdArray[] g = fg.call((Object[]) points);
        double eps = 1e-6;
        for (int k = 0; k < points.length; k++) {
            double[] sym = g[k].toDoubleArray();
            long[] offs = points[k].elementOffsets();
            for (int j = 0; j < offs.length; j++) {
                NdArray[] plus = copyAll(points), minus = copyAll(points);
                long off = plus[k].elementOffsets()[j];
                plus[k].writeDouble(off, plus[k].readDouble(off) + eps);
                minus[k].writeDouble(off, minus[k].readDouble(off) - eps);
                double num = (fc.call((Object[]) plus)[0].item() - fc.call((Object[]) minus)[0].item()) / (2 * eps);
                double err = Math.abs(num - sym[j]) / Math.max(1.0, Math.abs(num) + Math.abs(sym[j]));
                assertTrue(err < 1e-5, "gradient mismatch for input " + k + " element " + j + ": numeric " + num + " symbolic " + sym[j]);
            }
        }
    }

    static NdArray[] copyAll(NdArray[] a) {
        NdArray[] r = new NdArray[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i].copy();
        return r;
    }
}
