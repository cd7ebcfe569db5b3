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
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.types.DType;

/**
 * Tells an ill-conditioned value from a wrong one. Executors and rewrites may legitimately change the
 * last bits of inexact results (transcendental functions, float sums and products); downstream, a
 * function near a pole (gammaln near -2, tan near pi/2) or a cancellation turns that into any
 * difference at all. The probe re-runs the graph as built on the reference executor with the result of
 * every inexact node perturbed by a few ulps of its dtype: where that alone moves an output element
 * beyond the tolerance, the element is ill-conditioned and a difference there is no evidence of a bug.
 * Values required to be exact ({@link Sym#exact}) are never excused.
 */
final class ConditioningProbe {
    private ConditioningProbe() {}

    /** Ulps of the node's dtype by which each inexact result is scaled, at random, up or down. */
    private static final double ULPS = 4;

    /**
     * Whether output {@code output} of {@code asBuilt} (an un-rewritten graph) moves beyond the tolerance,
     * under last-bit noise, at every one of the {@code differing} elements (flat indices, ascending).
     */
    static boolean explains(FunctionGraph asBuilt, List<NdArray> inputs, int output, int[] differing, DType computedFrom, long seed) {
        if (differing.length == 0) return true;
        NdArray base = ReferenceExecutor.run(asBuilt, inputs)[output];
        boolean[] sensitive = new boolean[differing.length];
        for (int trial = 0; trial < 3; trial++) {
            NdArray perturbed = ReferenceExecutor.run(asBuilt, inputs, perturbing(new Random(seed * 31 + trial)))[output];
            // a NaN turning finite under noise is sensitivity too (arccosh just below 1)
            int[] moved = OutputComparison.differingElements(base, perturbed, computedFrom, false);
            for (int i = 0; i < differing.length; i++) sensitive[i] |= java.util.Arrays.binarySearch(moved, differing[i]) >= 0;
        }
        for (boolean s : sensitive) if (!s) return false;
        return true;
    }

    /** An observer scaling the fresh float results of inexact nodes by 1 +- a few ulps. */
    private static NodeObserver perturbing(Random rnd) {
        return new NodeObserver() {
            @Override
            public void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {
                if (!inexact(node)) return;
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
     * Nodes whose float results differ in the last bits between executors, and that write fresh arrays
     * in a graph without rewrites (no in-place ops, no views), so scaling them touches nothing else.
     */
    private static boolean inexact(Apply node) {
        if (node.op() instanceof Dot || node.op() instanceof org.theanojvm.engine.scan.ScanOp) return true; // scan: its body is rewritten on Truffle
        if (node.op() instanceof CAReduce r) return r.kind() == CAReduce.Kind.SUM || r.kind() == CAReduce.Kind.PROD;
        if (node.op() instanceof Elemwise e) {
            ScalarOp s = e.scalarOp();
            return !(s instanceof Cast) && !CORRECTLY_ROUNDED.contains(s.name());
        }
        return false;
    }

    private static final List<String> CORRECTLY_ROUNDED = List.of(ArithmeticOps.ADD.name(), ArithmeticOps.SUB.name(), ArithmeticOps.MUL.name(),
            ArithmeticOps.TRUE_DIV.name(), ArithmeticOps.NEG.name(), ArithmeticOps.ABS.name(), ArithmeticOps.SQR.name(), ArithmeticOps.SGN.name(),
            ArithmeticOps.MAXIMUM.name(), ArithmeticOps.MINIMUM.name(), ArithmeticOps.IDENTITY.name(), ArithmeticOps.SECOND.name(), "sqrt", "floor",
            "ceil", "trunc", "round_half_to_even", "round_half_away_from_zero", "switch", "clip", "int_div", "mod");
}
