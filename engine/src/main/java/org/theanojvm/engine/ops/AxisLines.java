package org.theanojvm.engine.ops;

import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The 1-d lines of an array along one axis, as byte offsets: {@code lines[j][i]} is element i of line j,
 * lines in C order of the other axes. Ops that work along an axis (cumsum, sort, ...) loop over these, and
 * a second array of the same shape yields matching lines, so input and output layouts may differ.
 */
final class AxisLines {
    private AxisLines() {}

    static long[][] of(NdArray a, int axis) {
        int nd = a.ndim();
        int[] perm = new int[nd];
        for (int d = 0, k = 0; d < nd; d++) if (d != axis) perm[k++] = d;
        perm[nd - 1] = axis;
        long[] offs = a.transpose(perm).elementOffsets();
        int n = (int) a.shape(axis);
        int m = n == 0 ? 0 : offs.length / n;
        if (n == 0) {
            long others = 1;
            for (int d = 0; d < nd; d++) if (d != axis) others *= a.shape(d);
            m = (int) others;
        }
        long[][] lines = new long[m][n];
        for (int j = 0; j < m; j++) System.arraycopy(offs, j * n, lines[j], 0, n);
        return lines;
    }

    /** Normalizes a possibly negative axis against ndim (NumPy's AxisError text). */
    static int normalize(long axis, int ndim) {
        if (axis < -ndim || axis >= ndim) throw new TheanoValueError("axis " + axis + " is out of bounds for array of dimension " + ndim);
        return (int) (axis < 0 ? axis + ndim : axis);
    }
}
