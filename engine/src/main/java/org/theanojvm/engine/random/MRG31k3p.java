package org.theanojvm.engine.random;

/**
 * L'Ecuyer and Touzin's combined multiple recursive generator MRG31k3p, step for step as Theano's
 * rng_mrg computes it (int32 arithmetic with the generator's shift-and-mask decomposition, the same
 * branch conditions, and the same int-to-float conversion per output dtype), so a seed gives
 * Theano's samples bit for bit.
 *
 * <p>The recurrences (Theano's A1p0 / A2p0 companion matrices):
 * {@code x1[n] = (2^22 x1[n-2] + (2^7+1) x1[n-3]) mod m1}, {@code x2[n] = (2^15 x2[n-1] + (2^15+1) x2[n-3]) mod m2},
 * with {@code m1 = 2^31-1}, {@code m2 = 2^31-21069}; the output is {@code ((x1 - x2) mod m1) / 2^31}
 * (never 0). A state is six int32 values {@code [x1[n], x1[n-1], x1[n-2], x2[n], x2[n-1], x2[n-2]]}.
 * Streams are spaced 2^72 steps apart and substream families 2^134 apart ({@link #A1P72} etc. are the
 * recurrence matrices raised to those powers, mod m).
 */
public final class MRG31k3p {
    private MRG31k3p() {}

    public static final int M1 = 2147483647;      // 2^31 - 1
    public static final int M2 = 2147462579;      // 2^31 - 21069
    private static final int MASK12 = 511;        // 2^9 - 1
    private static final int MASK13 = 16777215;   // 2^24 - 1
    private static final int MASK2 = 65535;       // 2^16 - 1
    private static final int MULT2 = 21069;
    /** 1 / 2^31, as Theano's float64 samples use it. */
    public static final double NORM64 = 4.656612873077392578125e-10;
    /** Theano's float32 factor: the largest float whose product with M1 stays below 1.0f. */
    public static final float NORM32 = 4.6566126e-10f;

    /** One step of the recurrence matrices (for checking the jump matrices). */
    public static final long[][] A1P0 = {{0, 4194304, 129}, {1, 0, 0}, {0, 1, 0}};
    public static final long[][] A2P0 = {{32768, 0, 32769}, {1, 0, 0}, {0, 1, 0}};

    public static final long[][] A1P72 = {{1516919229, 758510237, 499121365}, {1884998244, 1516919229, 335398200},
            {601897748, 1884998244, 358115744}};
    public static final long[][] A2P72 = {{1228857673, 1496414766, 954677935}, {1133297478, 1407477216, 1496414766},
            {2002613992, 1639496704, 1407477216}};
    public static final long[][] A1P134 = {{1702500920, 1849582496, 1656874625}, {828554832, 1702500920, 1512419905},
            {1143731069, 828554832, 102237247}};
    public static final long[][] A2P134 = {{796789021, 1464208080, 607337906}, {1241679051, 1431130166, 1464208080},
            {1401213391, 1178684362, 1431130166}};

    /**
     * Advances the state in {@code s[off..off+6)} by one step and returns the unnormalised output in
     * [1, m1]: {@code x1 - x2 (+ m1 when x1 <= x2)}.
     */
    public static int step(int[] s, int off) {
        int x11 = s[off], x12 = s[off + 1], x13 = s[off + 2], x21 = s[off + 3], x22 = s[off + 4], x23 = s[off + 5];
        // first component: 2^22 x12 + (2^7 + 1) x13 mod m1, with the products split so nothing overflows int32 twice
        int y1 = ((x12 & MASK12) << 22) + (x12 >>> 9) + ((x13 & MASK13) << 7) + (x13 >>> 24);
        if (y1 < 0 || y1 >= M1) y1 -= M1;
        y1 += x13;
        if (y1 < 0 || y1 >= M1) y1 -= M1;
        x13 = x12;
        x12 = x11;
        x11 = y1;
        // second component: 2^15 x21 + (2^15 + 1) x23 mod m2
        y1 = ((x21 & MASK2) << 15) + (MULT2 * (x21 >>> 16));
        if (y1 < 0 || y1 >= M2) y1 -= M2;
        int y2 = ((x23 & MASK2) << 15) + (MULT2 * (x23 >>> 16));
        if (y2 < 0 || y2 >= M2) y2 -= M2;
        y2 += x23;
        if (y2 < 0 || y2 >= M2) y2 -= M2;
        y2 += y1;
        if (y2 < 0 || y2 >= M2) y2 -= M2;
        x23 = x22;
        x22 = x21;
        x21 = y2;
        s[off] = x11;
        s[off + 1] = x12;
        s[off + 2] = x13;
        s[off + 3] = x21;
        s[off + 4] = x22;
        s[off + 5] = x23;
        return x11 <= x21 ? x11 - x21 + M1 : x11 - x21;
    }

    /** Theano's float64 sample: the int output times 2^-31, in double. */
    public static double toDouble(int raw) { return raw * NORM64; }

    /** Theano's float32 sample (its C code): the int output converted to float, times the float factor, in float. */
    public static float toFloat(int raw) { return (float) raw * NORM32; }

    /** v[0..3) by A mod m1 and v[3..6) by B mod m2 (Theano's multMatVect / DotModulo). */
    public static int[] multMatVect(int[] v, long[][] a, long[][] b) {
        int[] r = new int[6];
        for (int i = 0; i < 3; i++) {
            long acc1 = 0, acc2 = 0;
            for (int j = 0; j < 3; j++) {
                acc1 += (v[j] * a[i][j]) % M1;
                acc2 += (v[3 + j] * b[i][j]) % M2;
            }
            r[i] = (int) (acc1 % M1);
            r[3 + i] = (int) (acc2 % M2);
        }
        return r;
    }

    /** The state 2^72 steps later (the next stream of a substream family). */
    public static int[] jump72(int[] v) { return multMatVect(v, A1P72, A2P72); }

    /** The state 2^134 steps later (the next substream family: MRG_RandomStreams.inc_rstate). */
    public static int[] jump134(int[] v) { return multMatVect(v, A1P134, A2P134); }

    /** n stream states, each 2^72 steps after the previous, starting at {@code rstate} (get_substream_rstates), row-major (n, 6). */
    public static int[] substreamStates(int[] rstate, int n) {
        int[] out = new int[n * 6];
        int[] cur = rstate.clone();
        for (int i = 0; i < n; i++) {
            if (i > 0) cur = jump72(cur);
            System.arraycopy(cur, 0, out, i * 6, 6);
        }
        return out;
    }

    /** {@link #substreamStates} as the int32 (n, 6) array MRG_RandomStreams stores in its shared variable. */
    public static org.theanojvm.engine.ndarray.NdArray substreamStatesArray(int[] rstate, int n) {
        if (n <= 0) throw new org.theanojvm.engine.errors.TheanoValueError("the number of streams must be positive, got " + n);
        int[] s = substreamStates(rstate, n);
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) l[i] = s[i];
        return org.theanojvm.engine.ndarray.NdArray.fromLongs(org.theanojvm.engine.types.DType.INT32, new long[] {n, 6}, l);
    }

    /** Theano's seed check and expansion: one int becomes six copies; six ints are checked against the moduli. */
    public static int[] seedState(long[] seed) {
        if (seed.length == 1) {
            long s = seed[0];
            if (s == 0) throw new org.theanojvm.engine.errors.TheanoValueError(java.util.List.of("seed should not be 0", s));
            if (s >= M2) throw new org.theanojvm.engine.errors.TheanoValueError(java.util.List.of("seed should be less than " + M2, s));
            int v = (int) s;
            return new int[] {v, v, v, v, v, v};
        }
        if (seed.length != 6) throw new org.theanojvm.engine.errors.TheanoTypeError("seed should be 1 integer or 6 integers");
        if (seed[0] == 0 && seed[1] == 0 && seed[2] == 0) throw new org.theanojvm.engine.errors.TheanoValueError("The first 3 values of seed should not be all 0");
        if (seed[3] == 0 && seed[4] == 0 && seed[5] == 0) throw new org.theanojvm.engine.errors.TheanoValueError("The last 3 values of seed should not be all 0");
        if (seed[0] >= M1 || seed[1] >= M1 || seed[2] >= M1) throw new org.theanojvm.engine.errors.TheanoValueError("The first 3 values of seed should be less than " + M1);
        if (seed[3] >= M2 || seed[4] >= M2 || seed[5] >= M2) throw new org.theanojvm.engine.errors.TheanoValueError("The last 3 values of seed should be less than " + M2);
        int[] r = new int[6];
        for (int i = 0; i < 6; i++) r[i] = (int) seed[i];
        return r;
    }
}
