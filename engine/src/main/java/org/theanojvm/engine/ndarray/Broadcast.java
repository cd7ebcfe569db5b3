package org.theanojvm.engine.ndarray;

import java.util.Arrays;
import org.theanojvm.engine.errors.TheanoValueError;

/** NumPy broadcasting of shapes (right-aligned, 1 stretches). */
public final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape, or a ValueError worded as Theano's C Elemwise does for equal ranks. */
    public static long[] shape(long[]... shapes) {
        int nd = 0;
        for (long[] s : shapes) nd = Math.max(nd, s.length);
        long[] out = new long[nd];
        Arrays.fill(out, 1);
        int[] who = new int[nd];
        Arrays.fill(who, -1);
        for (int k = 0; k < shapes.length; k++) {
            long[] s = shapes[k];
            int pad = nd - s.length;
            for (int d = 0; d < s.length; d++) {
                long v = s[d];
                int od = d + pad;
                if (v == 1) continue;
                if (out[od] == 1) {
                    out[od] = v;
                    who[od] = k;
                } else if (out[od] != v) {
                    throw new TheanoValueError("Input dimension mis-match. (input[" + who[od] + "].shape[" + od
                            + "] = " + out[od] + ", input[" + k + "].shape[" + od + "] = " + v + ")");
                }
            }
        }
        return out;
    }
}
