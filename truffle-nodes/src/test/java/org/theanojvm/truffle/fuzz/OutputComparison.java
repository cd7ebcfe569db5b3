package org.theanojvm.truffle.fuzz;

import java.util.Arrays;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * Whether two values of one output agree, to a tolerance chosen per dtype (or exactly, for values that
 * every executor must compute bit for bit, see {@link Sym#exact}):
 * <ul>
 *   <li>bool and integers: exactly (wrap-around, division by zero and casts included);</li>
 *   <li>floats and complex parts: NaN only where the expected value is NaN, an infinity only where the
 *       same infinity is expected; otherwise |actual - expected| <= atol + rtol * |expected| with
 *       <ul>
 *         <li>float64: rtol 1e-6, atol 1e-9. The executors legitimately differ by a few ulps per
 *             transcendental function (the SIMD kernels use the JDK's SVML, the reference
 *             java.lang.Math), by the summation order of reductions and BLAS products, and chains of up to
 *             ten ops amplify those (exp of a value near 700 multiplies a relative error by 700);</li>
 *         <li>float32: rtol 1e-4, atol 1e-5: the same effects on a 24-bit mantissa, and sgemm
 *             accumulating in float32 over up to 700 terms where the reference accumulates in double;</li>
 *         <li>float16: rtol 1e-2, atol 1e-3 (an 11-bit mantissa).</li>
 *       </ul></li>
 * </ul>
 * A rewritten graph is compared with the graph as built with one more allowance
 * ({@link #rewriteMayChange}): where the graph as built computes NaN, the rewritten one may compute any
 * value, and where it computes an infinity, a finite value. Theano's stabilising and simplifying
 * rewrites exist to do that (log(1 + x) to log1p, x * y / x to y, log(sigmoid) to -softplus, z * 0 +
 * dot to a gemm that does not read z).
 */
final class OutputComparison {
    private OutputComparison() {}

    static double rtol(DType d) {
        return switch (d.realPart()) {
            case FLOAT16 -> 1e-2;
            case FLOAT32 -> 1e-4;
            default -> 1e-6;
        };
    }

    static double atol(DType d) {
        return switch (d.realPart()) {
            case FLOAT16 -> 1e-3;
            case FLOAT32 -> 1e-5;
            default -> 1e-9;
        };
    }

    /** Null when actual agrees with expected to the dtype's tolerance, else the first difference in one line. */
    static String mismatch(NdArray expected, NdArray actual) { return mismatch(expected, actual, false, null, false); }

    /**
     * @param exact floats must be equal (NaN to NaN), as for values computed only with correctly rounded
     *     operations ({@link Sym#exact}), where any difference is a bug that a tolerance would hide
     * @param computedFrom the least precise float dtype the value was computed from (null: its own): a
     *     float64 value computed from float32 ones gets float32's tolerance
     * @param nonFiniteMayBecomeFinite whether a finite actual value is accepted where expected is NaN or
     *     infinite (a rewritten graph against the graph as built)
     */
    static String mismatch(NdArray expected, NdArray actual, boolean exact, DType computedFrom, boolean nonFiniteMayBecomeFinite) {
        if (expected.dtype() != actual.dtype()) return "dtype " + actual.dtype() + " instead of " + expected.dtype();
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return "shape " + NdArray.shapeString(actual.shape()) + " instead of " + NdArray.shapeString(expected.shape());
        }
        DType d = expected.dtype();
        DType tol = computedFrom != null && d.isContinuous() && rtol(computedFrom) > rtol(d) ? computedFrom : d;
        long[] eo = expected.elementOffsets(), ao = actual.elementOffsets();
        for (int i = 0; i < eo.length; i++) {
            if (d.isDiscrete()) {
                long e = expected.readLong(eo[i]), a = actual.readLong(ao[i]);
                if (e != a) return at(expected, i) + ": " + a + " instead of " + e;
                continue;
            }
            double[] e = expected.readComplex(eo[i]), a = actual.readComplex(ao[i]);
            for (int part = 0; part < (d.isComplex() ? 2 : 1); part++) {
                double rtol = exact ? 0 : rtol(tol), atol = exact ? 0 : atol(tol);
                if (close(e[part], a[part], rtol, atol)) continue;
                if (nonFiniteMayBecomeFinite && rewriteMayChange(e[part], a[part])) continue;
                return at(expected, i) + ": " + a[part] + " instead of " + e[part] + (part == 1 ? " (imaginary part)" : "")
                        + (exact ? " (exact value)" : " (rtol=" + rtol + ", atol=" + atol + ")");
            }
        }
        return null;
    }

    /**
     * The flat indices (ascending) of the elements where actual differs from expected beyond the tolerance;
     * {Integer.MAX_VALUE} when dtypes or shapes differ (nothing to compare element by element).
     */
    static int[] differingElements(NdArray expected, NdArray actual, DType computedFrom, boolean nonFiniteMayBecomeFinite) {
        if (expected.dtype() != actual.dtype() || !Arrays.equals(expected.shape(), actual.shape())) return new int[] {Integer.MAX_VALUE};
        DType d = expected.dtype();
        DType tol = computedFrom != null && d.isContinuous() && rtol(computedFrom) > rtol(d) ? computedFrom : d;
        long[] eo = expected.elementOffsets(), ao = actual.elementOffsets();
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < eo.length; i++) {
            if (d.isDiscrete()) {
                if (expected.readLong(eo[i]) != actual.readLong(ao[i])) out.add(i);
                continue;
            }
            double[] e = expected.readComplex(eo[i]), a = actual.readComplex(ao[i]);
            for (int part = 0; part < 2; part++) {
                if (close(e[part], a[part], rtol(tol), atol(tol))) continue;
                if (nonFiniteMayBecomeFinite && rewriteMayChange(e[part], a[part])) continue;
                out.add(i);
                break;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * What a rewrite may legitimately do to a non-finite value: drop a NaN (z * 0 + dot(x, y) becomes a
     * gemm with beta 0, which never reads z, as BLAS and Theano's Gemm do), or make an infinity finite
     * (stabilisation).
     */
    private static boolean rewriteMayChange(double expected, double actual) {
        return Double.isNaN(expected) || (Double.isInfinite(expected) && Double.isFinite(actual));
    }

    static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a);
        if (Double.isInfinite(e) || Double.isInfinite(a)) return e == a;
        return e == a || Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }

    /**
     * The largest |actual - expected| / (atol + rtol * |expected|) over the finite elements: the share of
     * the tolerance used (below 1 agrees), to see how much margin the tolerances leave.
     */
    static double toleranceUsed(NdArray expected, NdArray actual, DType computedFrom) {
        DType d = expected.dtype();
        if (!d.isContinuous() || !Arrays.equals(expected.shape(), actual.shape()) || d != actual.dtype()) return 0;
        DType tol = computedFrom != null && rtol(computedFrom) > rtol(d) ? computedFrom : d;
        long[] eo = expected.elementOffsets(), ao = actual.elementOffsets();
        double worst = 0;
        for (int i = 0; i < eo.length; i++) {
            double e = expected.readComplex(eo[i])[0], a = actual.readComplex(ao[i])[0];
            if (!Double.isFinite(e) || !Double.isFinite(a)) continue;
            worst = Math.max(worst, Math.abs(a - e) / (atol(tol) + rtol(tol) * Math.abs(e)));
        }
        return worst;
    }

    private static String at(NdArray ref, int flat) {
        return "element " + NdArray.shapeString(ref.unravelIndex(flat));
    }
}
