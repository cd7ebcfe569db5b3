package org.theanojvm.truffle.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.function.NodeObserver;
import org.theanojvm.engine.function.ReferenceExecutor;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.engine.types.DType;

/**
 * Tells a rewrite that only takes Theano's liberties with IEEE zeros and NaNs from a wrong one. Theano's
 * rewrites treat x + 0 as x (local_useless_elemwise, the canonicaliser), which IEEE arithmetic does not
 * for x = -0.0 (-0.0 + 0.0 is +0.0, and psi, gamma, 1/x, arctan2 tell the zeros apart), and z * 0 as
 * nothing (z * 0 + a * dot(x, y) becomes a gemm with beta 0 that never reads z, as BLAS does), which drops
 * a NaN in z; a discrete result downstream (any, a comparison) then differs too. The probe runs the graph
 * as built and the rewritten graph (unfused, so that every intermediate is a node result) again on the
 * reference executor with every -0.0 made +0.0 and every NaN 0 (inputs and node results): if they then
 * agree at the differing elements, a zero's sign or a dropped NaN made the difference.
 */
final class IeeeLibertiesProbe {
    private IeeeLibertiesProbe() {}

    static boolean explains(FuzzCase asBuilt, FuzzCase rewritten, int output, int[] differing, DType computedFrom) {
        if (differing.length == 0 || differing[0] == Integer.MAX_VALUE) return false;
        FunctionGraph built = DifferentialRunner.compile(asBuilt, RewriteConfig.NONE, "py").fgraph();
        FunctionGraph unfused = DifferentialRunner.compile(rewritten, RewriteConfig.FAST_RUN.excluding("fusion"), "py").fgraph();
        NdArray e = ReferenceExecutor.run(built, positiveZeros(asBuilt.values()), POSITIVE_ZEROS)[output];
        NdArray a = ReferenceExecutor.run(unfused, positiveZeros(rewritten.values()), POSITIVE_ZEROS)[output];
        int[] still = OutputComparison.differingElements(e, a, computedFrom, true);
        for (int i : differing) if (java.util.Arrays.binarySearch(still, i) >= 0) return false;
        return true;
    }

    /** Copies of the values with -0.0 made +0.0 and NaN 0 (the case's own arrays stay as they are). */
    private static List<NdArray> positiveZeros(List<NdArray> values) {
        List<NdArray> r = new ArrayList<>();
        for (NdArray v : values) {
            NdArray c = v.copy();
            normalize(c);
            r.add(c);
        }
        return r;
    }

    private static void normalize(NdArray a) {
        if (!a.dtype().isContinuous()) return;
        for (long off : a.elementOffsets()) {
            double[] z = a.readComplex(off);
            if (special(z[0]) || special(z[1])) a.writeComplex(off, plain(z[0]), plain(z[1]));
        }
    }

    private static boolean special(double v) { return Double.isNaN(v) || Double.doubleToRawLongBits(v) == Long.MIN_VALUE; }

    private static double plain(double v) { return special(v) ? 0.0 : v; }

    /** Every node result with -0.0 made +0.0 and NaN 0 (in place: every later reader sees the same value). */
    private static final NodeObserver POSITIVE_ZEROS = new NodeObserver() {
        @Override
        public void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {
            for (NdArray o : outputs) normalize(o);
        }
    };
}
