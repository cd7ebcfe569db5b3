package org.theanojvm.truffle.elemwise.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.truffle.elemwise.scalar.TranscendentalNodes;

/**
 * The SIMD loops of a single-precision {@link VectorProgram} (every operand, inner value and result
 * float32): {@link VectorLoops}' instructions on blocks of floats, twice the lanes per vector and no
 * rounding instructions. +, -, *, / and sqrt of floats are correctly rounded, so they give exactly what
 * the reference's double arithmetic rounded to float32 gives; exp, log, tanh and sigmoid come from the
 * float SVML routines, within a few float ulps (what NumPy's float32 loops and Theano's C code, which
 * calls tanhf and expf on floats, give too). Measured on AVX2: tanh 1.7 ns per float against 3.4 per
 * double, exp 0.4 against 1.4.
 *
 * <p>As in VectorLoops, each loop names its operator as a constant (C2's intrinsics need it) and the
 * tails call the scalar kernels' double functions, rounded.
 */
final class FloatLoops {
    private FloatLoops() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** tanh(x) rounds to 1 or -1 in float beyond |x| = 9.1; clamping there keeps expm1(2x) finite. */
    private static final float TANH_CLAMP = 10f;

    static void run(VectorOp op, float[][] r, int dst, int[] src, int n) {
        float[] d = r[dst];
        float[] a = r[src[0]];
        switch (op) {
            case ADD -> add(a, r[src[1]], d, n);
            case SUB -> sub(a, r[src[1]], d, n);
            case MUL -> mul(a, r[src[1]], d, n);
            case DIV -> div(a, r[src[1]], d, n);
            case MAXIMUM -> max(a, r[src[1]], d, n);
            case MINIMUM -> min(a, r[src[1]], d, n);
            case NEG -> neg(a, d, n);
            case SQR -> mul(a, a, d, n);
            case ABS -> abs(a, d, n);
            case COPY -> System.arraycopy(a, 0, d, 0, n);
            case EXP -> exp(a, d, n);
            case LOG -> log(a, d, n);
            case SQRT -> sqrt(a, d, n);
            case TANH -> tanh(a, d, n);
            case SIGMOID -> sigmoid(a, d, n);
            case SWITCH -> select(a, r[src[1]], r[src[2]], d, n);
            default -> throw new IllegalStateException(op + " has no single-precision loop"); // VectorProgram does not emit it
        }
    }

    /** The instructions {@link #run} has: the arithmetic and transcendental ones, and switch on a float condition. */
    static boolean supports(VectorOp op) {
        return !op.isComparison() && op != VectorOp.ROUND_FLOAT32 && op != VectorOp.ROUND_BOOL;
    }

    private static FloatVector v(float[] a, int i) { return FloatVector.fromArray(S, a, i); }

    private static void add(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).add(v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = a[i] + b[i];
    }

    private static void sub(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).sub(v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = a[i] - b[i];
    }

    private static void mul(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).mul(v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = a[i] * b[i];
    }

    private static void div(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).div(v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = a[i] / b[i];
    }

    private static void max(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).lanewise(VectorOperators.MAX, v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = Math.max(a[i], b[i]);
    }

    private static void min(float[] a, float[] b, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).lanewise(VectorOperators.MIN, v(b, i)).intoArray(d, i);
        for (; i < n; i++) d[i] = Math.min(a[i], b[i]);
    }

    private static void neg(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).neg().intoArray(d, i);
        for (; i < n; i++) d[i] = -a[i];
    }

    private static void abs(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).abs().intoArray(d, i);
        for (; i < n; i++) d[i] = Math.abs(a[i]);
    }

    private static void exp(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).lanewise(VectorOperators.EXP).intoArray(d, i);
        for (; i < n; i++) d[i] = (float) Math.exp(a[i]);
    }

    private static void log(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).lanewise(VectorOperators.LOG).intoArray(d, i);
        for (; i < n; i++) d[i] = (float) Math.log(a[i]);
    }

    private static void sqrt(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(a, i).lanewise(VectorOperators.SQRT).intoArray(d, i);
        for (; i < n; i++) d[i] = (float) Math.sqrt(a[i]);
    }

    /** VectorLoops' tanh, e / (e + 2) with e = expm1(2x), in float lanes. */
    private static void tanh(float[] a, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector e = v(a, i).max(-TANH_CLAMP).min(TANH_CLAMP).mul(2f).lanewise(VectorOperators.EXPM1);
            e.div(e.add(2f)).intoArray(d, i);
        }
        for (; i < n; i++) d[i] = (float) TranscendentalNodes.Tanh.tanh(a[i]);
    }

    /** Theano's ScalarSigmoid ({@link TranscendentalOps#sigmoid}) in float lanes, with its cut-offs. */
    private static void sigmoid(float[] a, float[] d, int n) {
        float cut = (float) TranscendentalOps.SATURATION;
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector x = v(a, i);
            FloatVector s = FloatVector.broadcast(S, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
            s = s.blend(0f, x.compare(VectorOperators.LT, -cut)).blend(1f, x.compare(VectorOperators.GT, cut));
            s.intoArray(d, i);
        }
        for (; i < n; i++) d[i] = (float) TranscendentalOps.sigmoid(a[i]);
    }

    /** switch(c, t, f): t where c != 0 (NaN included), else f. */
    private static void select(float[] c, float[] t, float[] f, float[] d, int n) {
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) v(f, i).blend(v(t, i), v(c, i).compare(VectorOperators.NE, 0f)).intoArray(d, i);
        for (; i < n; i++) d[i] = c[i] != 0 ? t[i] : f[i];
    }
}
