package org.theanojvm.truffle.elemwise.vector;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import org.theanojvm.truffle.elemwise.ElementAccess;
import org.theanojvm.truffle.elemwise.KernelPlan;

/**
 * Runs a {@link VectorProgram} over a flat kernel layout (every operand contiguous like the output, or
 * one broadcast element) a block at a time: load each advancing operand's block into its register as
 * doubles, run the instructions (each a SIMD loop, {@link VectorLoops}), store the result register.
 *
 * <p>Why not in the Truffle kernel itself: the Graal compiler in GraalVM Community neither vectorizes
 * loops nor compiles the Vector API, so the Truffle loop evaluates one element at a time (about 6 ns
 * per exp). This runs behind a {@link TruffleBoundary}, compiled by HotSpot's C2, which does both.
 *
 * <p>{@link #AVAILABLE} only when the JVM resolved jdk.incubator.vector (bin/theano-jvm and the test
 * runs add it; an embedding JVM may not) and -Dtheano.jvm.vectorKernels is not false; otherwise every
 * kernel keeps its scalar Truffle loop, with the same results.
 */
public final class VectorKernel {
    private VectorKernel() {}

    /** Doubles per register: a multiple of every vector length, and a few registers fit the L1 cache. */
    static final int BLOCK = 512;

    /** Below this many elements the scalar Truffle loop is as fast, with no boundary call. */
    public static final int MIN_ELEMENTS = 64;

    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("theano.jvm.vectorKernels"));

    /**
     * @param plan a flat plan (see {@link KernelPlan#flat}); operand k advances when bit k of its mask is set
     * @param reads one accessor per input, {@code write} the output's
     */
    @TruffleBoundary
    public static void run(VectorProgram p, KernelPlan plan, ElementAccess[] reads, ElementAccess write) {
        int n = p.inputs;
        double[][] r = new double[p.registers][BLOCK];
        for (int k = 0; k < n; k++) {
            if (!advances(plan, k)) java.util.Arrays.fill(r[k], reads[k].readDouble(plan.bases[k], plan.starts[k]));
        }
        Object outBase = plan.bases[n];
        int outStart = plan.starts[n];
        for (int from = 0; from < plan.size; from += BLOCK) {
            int len = Math.min(BLOCK, plan.size - from);
            for (int k = 0; k < n; k++) {
                if (advances(plan, k)) load(reads[k], plan.bases[k], plan.starts[k] + from, r[k], len);
            }
            for (VectorProgram.Instruction in : p.code) VectorLoops.run(in.op(), r, in.dst(), in.src(), len);
            store(write, r[p.result], outBase, outStart + from, len);
        }
    }

    private static boolean advances(KernelPlan plan, int k) { return (plan.stepMask & (1 << k)) != 0; }

    private static void load(ElementAccess read, Object base, int start, double[] into, int len) {
        if (base instanceof double[] d) {
            System.arraycopy(d, start, into, 0, len);
        } else if (base instanceof float[] f) {
            for (int i = 0; i < len; i++) into[i] = f[start + i];
        } else {
            for (int i = 0; i < len; i++) into[i] = read.readDouble(base, start + i);
        }
    }

    private static void store(ElementAccess write, double[] from, Object base, int start, int len) {
        if (base instanceof double[] d) {
            System.arraycopy(from, 0, d, start, len);
        } else if (base instanceof float[] f) {
            for (int i = 0; i < len; i++) f[start + i] = (float) from[i];
        } else {
            for (int i = 0; i < len; i++) write.writeDouble(base, start + i, from[i]);
        }
    }
}
