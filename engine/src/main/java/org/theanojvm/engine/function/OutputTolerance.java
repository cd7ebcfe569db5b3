package org.theanojvm.engine.function;

import java.util.Arrays;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * How close two executors' values of one output must be (Theano's DebugMode uses the type's
 * values_eq_approx). Discrete dtypes compare exactly. Floats use |a - b| <= atol + rtol * |ref|, with
 * NaN equal to NaN: float32 is looser than Theano's 1e-5 because BLAS sgemm accumulates in float32
 * while the reference accumulates in double.
 */
public final class OutputTolerance {
    private OutputTolerance() {}

    public static double rtol(DType d) {
        return switch (d) {
            case FLOAT16 -> 1e-3;
            case FLOAT32, COMPLEX64 -> 1e-4;
            case FLOAT64, COMPLEX128 -> 1e-5;
            default -> 0;
        };
    }

    public static double atol(DType d) {
        return switch (d) {
            case FLOAT16 -> 1e-3;
            case FLOAT32, COMPLEX64 -> 1e-5;
            case FLOAT64, COMPLEX128 -> 1e-8;
            default -> 0;
        };
    }

    /** Null when {@code actual} matches {@code expected}, else a one-line description of the first difference. */
    public static String mismatch(NdArray expected, NdArray actual) {
        if (expected.dtype() != actual.dtype()) return "dtype " + actual.dtype() + " instead of " + expected.dtype();
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return "shape " + NdArray.shapeString(actual.shape()) + " instead of " + NdArray.shapeString(expected.shape());
        }
        DType d = expected.dtype();
        long[] eo = expected.elementOffsets(), ao = actual.elementOffsets();
        double rtol = rtol(d), atol = atol(d);
        for (int i = 0; i < eo.length; i++) {
            if (d.isDiscrete()) {
                long e = expected.readLong(eo[i]), a = actual.readLong(ao[i]);
                if (e != a) return at(expected, i) + ": " + a + " instead of " + e;
                continue;
            }
            double[] e = expected.readComplex(eo[i]), a = actual.readComplex(ao[i]);
            for (int part = 0; part < 2; part++) {
                if (!close(e[part], a[part], rtol, atol)) {
                    return at(expected, i) + ": " + a[part] + " instead of " + e[part] + (part == 1 ? " (imaginary part)" : "")
                            + " (rtol=" + rtol + ", atol=" + atol + ")";
                }
            }
        }
        return null;
    }

    static boolean close(double e, double a, double rtol, double atol) {
        if (e == a || (Double.isNaN(e) && Double.isNaN(a))) return true;
        return Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }

    private static String at(NdArray ref, int flat) {
        return "element " + NdArray.shapeString(ref.unravelIndex(flat));
    }
}
