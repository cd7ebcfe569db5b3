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
 * Tells a rewrite that only loses the sign of a zero from a wrong one. Theano's rewrites treat x + 0 as x
 * (local_useless_elemwise, the canonicaliser), which IEEE arithmetic does not for x = -0.0 (-0.0 + 0.0 is
 * +0.0), and a few functions tell the zeros apart (psi, gamma, 1/x, arctan2 give opposite infinities).
 * The probe runs the graph as built and the rewritten graph (unfused, so that every intermediate is a
 * node result) again on the reference executor with every -0.0 (inputs and node results) made +0.0: if
 * they then agree at the differing elements, the sign of a zero made the difference.
 */
final class SignedZeroProbe {
    private SignedZeroProbe() {}

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

    /** Copies of the values with -0.0 made +0.0 (the case's own arrays stay as they are). */
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
            if (Double.doubleToRawLongBits(z[0]) == Long.MIN_VALUE || Double.doubleToRawLongBits(z[1]) == Long.MIN_VALUE) {
                a.writeComplex(off, z[0] == 0 ? 0.0 : z[0], z[1] == 0 ? 0.0 : z[1]);
            }
        }
    }

    /** Every node result with -0.0 made +0.0 (in place: every later reader sees the same value). */
    private static final NodeObserver POSITIVE_ZEROS = new NodeObserver() {
        @Override
        public void after(int index, Apply node, NdArray[] inputs, NdArray[] outputs) {
            for (NdArray o : outputs) normalize(o);
        }
    };
}
