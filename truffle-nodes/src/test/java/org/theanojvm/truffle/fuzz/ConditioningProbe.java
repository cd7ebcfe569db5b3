package org.theanojvm.truffle.fuzz;

import java.util.List;
import java.util.Random;
import org.theanojvm.engine.function.NodeObserver;
import org.theanojvm.engine.function.ReferenceExecutor;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.types.DType;

/**
 * Tells an ill-conditioned value from a wrong one. Executors and rewrites may legitimately change the
 * last bits of inexact results (transcendental functions, float sums and products); downstream, a
 * function near a pole (gammaln near -2, tan near pi/2) or a cancellation turns that into any
 * difference at all. The probe re-runs a graph (the graph as built for a rewrite difference, the
 * FAST_RUN graph both executors ran for an executor difference) on the reference executor with the
 * result of every inexact node perturbed by a few ulps of its dtype (of its terms, for sums and
 * products): where that alone moves an output element beyond the tolerance, the element is
 * ill-conditioned and a difference there is no evidence of a bug.
 * Values required to be exact ({@link Sym#exact}) are never excused.
 */
final class ConditioningProbe {
    private ConditioningProbe() {}

    /** Ulps of the node's dtype by which each inexact result is scaled, at random, up or down. */
    private static final double ULPS = 4;

    /**
     * Whether output {@code output} of {@code asBuilt} moves beyond the tolerance,
     * under last-bit noise, at every one of the {@code differing} elements (flat indices, ascending).
     */
    /**
     * @param reassociated whether the difference is a rewrite's: rewrites reassociate float sums and
     *     products ((a + b) + c to a + (b + c)), so every float elementwise result may differ in its last
     *     bit, not only the inexact ones
     */
    static boolean explains(FunctionGraph asBuilt, List<NdArray> inputs, int output, int[] differing, DType computedFrom, long seed,
            boolean reassociated) {
        if (differing.length == 0) return true;
        NdArray base = ReferenceExecutor.run(asBuilt, inputs)[output];
        boolean[] sensitive = new boolean[differing.length];
        // every inexact result scaled up, every one down, then random mixes: an element that noise turns into
        // noise (1e30 % y) crosses a comparison's threshold only in some of them
        for (int trial = 0; trial < 12; trial++) {
            Random rnd = trial == 0 ? fixed(1) : trial == 1 ? fixed(0) : new Random(seed * 31 + trial);
            NdArray perturbed = ReferenceExecutor.run(asBuilt, inputs, perturbing(rnd, reassociated))[output];
            // a NaN turning finite under noise is sensitivity too (arccosh just below 1)
            int[] moved = OutputComparison.differingElements(base, perturbed, computedFrom, false);
            for (int i = 0; i < differing.length; i++) sensitive[i] |= java.util.Arrays.binarySearch(moved, differing[i]) >= 0;
        }
        for (boolean s : sensitive) if (!s) return false;
        return true;
    }

    /** A "random" source always giving v: 2v - 1 is +1 or -1, every value moved the same way. */
    private static Random fixed(double v) {
        return new Random() {
            @Override
            public double nextDouble() { return v; }
        };
    }

    /** An observer scaling the fresh float results of inexact nodes by 1 +- a few ulps. */
    private static NodeObserver perturbing(Random rnd, boolean reassociated) {
        return new NodeObserver() {
            @Override
            public void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {
                if (node.op() instanceof Dot && outputs[0].dtype().isFloat()) {
                    perturbProduct(inputs[0], inputs[1], outputs[0], rnd);
                    return;
                }
                if (node.op() instanceof Gemm || node.op() instanceof Gemv) { // b*z + a*dot(x, y): inputs z, a, x, y, b
                    perturbProduct(inputs[2], inputs[3], outputs[0], rnd);
                    return;
                }
                if (node.op() instanceof CAReduce r && r.kind() == CAReduce.Kind.SUM && outputs[0].dtype().isFloat()) {
                    perturbSum(inputs[0], outputs[0], rnd);
                    return;
                }
                if (!inexact(node) && !(reassociated && node.op() instanceof Elemwise)) return;
                for (NdArray out : outputs) {
                    DType d = out.dtype();
                    if (!d.isFloat()) continue;
                    double ulp = switch (d) { // of 1.0 in the node's own precision
                        case FLOAT64 -> Math.ulp(1.0);
                        case FLOAT32 -> Math.ulp(1.0f);
                        default -> 0x1p-10; // float16
                    };
                    for (long off : out.elementOffsets()) out.writeDouble(off, out.readDouble(off) * (1 + (2 * rnd.nextDouble() - 1) * ULPS * ulp));
                }
            }
        };
    }

    /**
     * A product's rounding error is not relative to its result but to its terms: BLAS accumulates k
     * products in the output's precision (sgemm in float32, where the reference accumulates in double), an
     * error of about eps * sqrt(k) * sqrt(sum of the squared terms), which cancellation can make large
     * against a small result. Each element moves by up to ULPS times that.
     */
    private static void perturbProduct(NdArray a, NdArray b, NdArray out, Random rnd) {
        double eps = out.dtype() == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
        long k = a.shape(a.ndim() - 1);
        long m = a.ndim() == 2 ? a.shape(0) : 1, n = b.ndim() == 2 ? b.shape(1) : 1;
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                double squares = 0;
                for (long l = 0; l < k; l++) {
                    double t = (a.ndim() == 2 ? a.getDouble(i, l) : a.getDouble(l)) * (b.ndim() == 2 ? b.getDouble(l, j) : b.getDouble(l));
                    squares += t * t;
                }
                long[] at = out.ndim() == 2 ? new long[] {i, j} : out.ndim() == 1 ? new long[] {a.ndim() == 2 ? i : j} : new long[0];
                long off = out.offsetOf(at);
                double noise = (2 * rnd.nextDouble() - 1) * ULPS * eps * Math.sqrt(k) * Math.sqrt(squares);
                if (Double.isFinite(noise)) out.writeDouble(off, out.readDouble(off) + noise);
            }
        }
    }

    /**
     * A sum's rounding error depends on its terms, not its result (1e30 + x - 1e30 is x or 0 by the
     * order): each element moves by up to ULPS * eps * sqrt(n) * the norm of all the terms (an upper
     * bound: the norm is the whole input's, not only the element's reduced terms).
     */
    private static void perturbSum(NdArray in, NdArray out, Random rnd) {
        double eps = out.dtype() == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
        double squares = 0;
        for (long off : in.elementOffsets()) {
            double v = in.readDouble(off);
            if (Double.isFinite(v)) squares += v * v;
        }
        double scale = ULPS * eps * Math.sqrt(Math.max(1, in.size() / Math.max(1, out.size()))) * Math.sqrt(squares);
        for (long off : out.elementOffsets()) {
            double noise = (2 * rnd.nextDouble() - 1) * scale;
            if (Double.isFinite(noise)) out.writeDouble(off, out.readDouble(off) + noise);
        }
    }

    /**
     * Nodes whose float results differ in the last bits between executors. Their results are fresh
     * arrays or, for in-place ops of a rewritten graph, an intermediate no later node reads as it was, so
     * scaling them touches nothing else.
     */
    private static boolean inexact(Apply node) {
        if (node.op() instanceof Dot || node.op() instanceof org.theanojvm.engine.scan.ScanOp) return true; // scan: its body is rewritten on Truffle
        if (node.op() instanceof CAReduce r) return r.kind() == CAReduce.Kind.SUM || r.kind() == CAReduce.Kind.PROD;
        if (node.op() instanceof Elemwise e) return inexact(e.scalarOp());
        return false;
    }

    private static boolean inexact(ScalarOp s) {
        if (s instanceof Composite c) return c.nodes().stream().anyMatch(n -> inexact(n.op()));
        return !(s instanceof Cast) && !CORRECTLY_ROUNDED.contains(s.name());
    }

    private static final List<String> CORRECTLY_ROUNDED = List.of(ArithmeticOps.ADD.name(), ArithmeticOps.SUB.name(), ArithmeticOps.MUL.name(),
            ArithmeticOps.TRUE_DIV.name(), ArithmeticOps.NEG.name(), ArithmeticOps.ABS.name(), ArithmeticOps.SQR.name(), ArithmeticOps.SGN.name(),
            ArithmeticOps.MAXIMUM.name(), ArithmeticOps.MINIMUM.name(), ArithmeticOps.IDENTITY.name(), ArithmeticOps.SECOND.name(), "sqrt", "floor",
            "ceil", "trunc", "round_half_to_even", "round_half_away_from_zero", "switch", "clip", "int_div", "mod");
}
