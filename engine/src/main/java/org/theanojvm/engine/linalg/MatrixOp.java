package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * What the linalg ops share: Theano 1.0's input checks (a bare {@code assert x.ndim == 2}, so an
 * AssertionError), matrices as row-major double[] (every op computes in double precision, as LAPACK's
 * d-routines do, and casts to the declared output dtype as Theano's {@code astype(x.dtype)} does), and
 * the backend.
 */
abstract class MatrixOp extends Op {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    static LinalgBackend backend() { return Linalg.backend(); }

    /** Theano's {@code assert x.ndim == nd} (message as Theano's assert gives it, possibly none). */
    static Variable requireNdim(Variable x, int nd, String message) {
        if (!x.isTensor() || x.ndim() != nd) throw new TheanoAssertionError(message == null ? List.of() : List.of(message));
        if (x.dtype().isComplex()) throw new TheanoNotImplementedError("theano-jvm: linear algebra on complex matrices is not supported");
        return x;
    }

    static Variable requireMatrix(Variable x) { return requireNdim(x, 2, null); }

    /** The node of an op taking one matrix and giving one of the same type (inverse, pinv, cholesky). */
    Apply sameTypeMatrixNode(List<Variable> inputs) {
        Variable x = requireMatrix(inputs.get(0));
        return new Apply(this, List.of(x), List.of(x.type()));
    }

    /** numpy.linalg's check: LinAlgError for a non-square matrix; returns n. */
    static int squareNumpy(NdArray a) {
        if (a.shape(0) != a.shape(1)) throw new LinAlgError("Last 2 dimensions of the array must be square");
        return (int) a.shape(0);
    }

    /** scipy.linalg's check: ValueError('expected square matrix'); returns n. */
    static int squareScipy(NdArray a) {
        if (a.shape(0) != a.shape(1)) throw new TheanoValueError("expected square matrix");
        return (int) a.shape(0);
    }

    static double[] values(NdArray a) { return a.toDoubleArray(); }

    static NdArray array(DType dtype, double[] values, long... shape) { return NdArray.fromDoubles(dtype, shape, values); }

    /** Theano's matrix_dot: the product of the matrices in order. */
    static Variable matrixDot(Variable... ms) {
        Variable r = ms[0];
        for (int i = 1; i < ms.length; i++) r = T.dot(r, ms[i]);
        return r;
    }

    /** A float dtype for results NumPy computes in floating point: the dtype itself when float, else float64. */
    static DType floatOf(DType d) { return d.isFloat() ? d : DType.FLOAT64; }

    /** Python's repr of a bool, for op names. */
    static String py(boolean b) { return b ? "True" : "False"; }
}
