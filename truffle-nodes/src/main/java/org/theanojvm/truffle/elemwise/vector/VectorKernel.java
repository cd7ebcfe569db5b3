package org.theanojvm.truffle.elemwise.vector;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import org.theanojvm.truffle.elemwise.ElementAccess;
import org.theanojvm.truffle.elemwise.KernelPlan;
import org.theanojvm.truffle.elemwise.NativeOperand;

/**
 * Runs a {@link VectorProgram} over a kernel layout whose rows (the last dimension) are contiguous or
 * constant in every operand (Java arrays, or inputs left in native memory: {@link NativeOperand}): a
 * flat layout is one row of every element; the usual broadcast of a bias row over a matrix
 * ({@code tanh(dot(x, W) + b)}) is a row per matrix row. Each row goes a block at a time: load each
 * operand's block into its register as doubles, or floats for a single-precision program (a constant
 * operand fills its register once per row), run the instructions (each a SIMD loop, {@link VectorLoops}
 * or {@link FloatLoops}), store the result register.
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

    /** Below this many elements in a row, the scalar Truffle loop is as fast, with no boundary call. */
    public static final int MIN_ELEMENTS = 64;

    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("theano.jvm.vectorKernels"));

    /** Whether {@link #run} takes this layout: rows long enough, and contiguous or constant in every operand. */
    public static boolean accepts(KernelPlan plan) {
        if (plan.flat) return plan.size >= MIN_ELEMENTS;
        int last = plan.shape.length - 1;
        if (plan.shape[last] < MIN_ELEMENTS) return false;
        for (int[] st : plan.strides) if (st[last] != 0 && st[last] != 1) return false;
        return true;
    }

    /** @param reads one accessor per input, {@code write} the output's; the plan is one {@link #accepts} */
    @TruffleBoundary
    public static void run(VectorProgram p, KernelPlan plan, ElementAccess[] reads, ElementAccess write) {
        int n = p.inputs;
        Registers r = p.singlePrecision ? new FloatRegisters(p) : new DoubleRegisters(p);
        int last = plan.shape.length - 1;
        int inner = plan.flat ? plan.size : plan.shape[last];
        boolean[] advancing = new boolean[n];
        for (int k = 0; k < n; k++) advancing[k] = plan.flat ? (plan.stepMask & (1 << k)) != 0 : plan.strides[k][last] == 1;
        int[] off = plan.starts.clone(); // current row start per operand, the output's last
        int[] idx = new int[plan.shape.length];
        for (int row = 0, rows = plan.size / inner; row < rows; row++) {
            for (int k = 0; k < n; k++) {
                if (advancing[k]) continue;
                Object base = plan.bases[k];
                r.fill(k, base instanceof NativeOperand m ? m.read(off[k]) : reads[k].readDouble(base, off[k]));
            }
            for (int from = 0; from < inner; from += BLOCK) {
                int len = Math.min(BLOCK, inner - from);
                for (int k = 0; k < n; k++) {
                    if (advancing[k]) r.load(k, reads[k], plan.bases[k], off[k] + from, len);
                }
                r.execute(len);
                r.store(write, plan.bases[n], off[n] + from, len);
            }
            if (!plan.flat) plan.advanceRow(off, idx);
        }
    }

    /** One run's blocks: operands loaded into the first registers, the program run, its result register stored. */
    private interface Registers {
        /** A constant operand's value, once per row. */
        void fill(int k, double v);

        void load(int k, ElementAccess read, Object base, int start, int len);

        void execute(int len);

        void store(ElementAccess write, Object base, int start, int len);
    }

    private static final class DoubleRegisters implements Registers {
        private final VectorProgram p;
        private final double[][] r;

        DoubleRegisters(VectorProgram p) {
            this.p = p;
            this.r = new double[p.registers][BLOCK];
        }

        public void fill(int k, double v) { Arrays.fill(r[k], v); }

        public void load(int k, ElementAccess read, Object base, int start, int len) {
            double[] into = r[k];
            if (base instanceof double[] d) {
                System.arraycopy(d, start, into, 0, len);
            } else if (base instanceof float[] f) {
                for (int i = 0; i < len; i++) into[i] = f[start + i];
            } else if (base instanceof NativeOperand m) {
                m.load(start, into, len);
            } else {
                for (int i = 0; i < len; i++) into[i] = read.readDouble(base, start + i);
            }
        }

        public void execute(int len) {
            for (VectorProgram.Instruction in : p.code) VectorLoops.run(in.op(), r, in.dst(), in.src(), len);
        }

        public void store(ElementAccess write, Object base, int start, int len) {
            double[] from = r[p.result];
            if (base instanceof double[] d) {
                System.arraycopy(from, 0, d, start, len);
            } else if (base instanceof float[] f) {
                for (int i = 0; i < len; i++) f[start + i] = (float) from[i];
            } else {
                for (int i = 0; i < len; i++) write.writeDouble(base, start + i, from[i]);
            }
        }
    }

    /** A {@link VectorProgram#singlePrecision} program's: operands are float32 or integers that floats hold exactly. */
    private static final class FloatRegisters implements Registers {
        private final VectorProgram p;
        private final float[][] r;

        FloatRegisters(VectorProgram p) {
            this.p = p;
            this.r = new float[p.registers][BLOCK];
        }

        public void fill(int k, double v) { Arrays.fill(r[k], (float) v); }

        public void load(int k, ElementAccess read, Object base, int start, int len) {
            float[] into = r[k];
            if (base instanceof float[] f) {
                System.arraycopy(f, start, into, 0, len);
            } else if (base instanceof NativeOperand m) {
                m.load(start, into, len);
            } else {
                for (int i = 0; i < len; i++) into[i] = (float) read.readDouble(base, start + i);
            }
        }

        public void execute(int len) {
            for (VectorProgram.Instruction in : p.code) FloatLoops.run(in.op(), r, in.dst(), in.src(), len);
        }

        public void store(ElementAccess write, Object base, int start, int len) {
            float[] from = r[p.result];
            if (base instanceof float[] f) {
                System.arraycopy(from, 0, f, start, len);
            } else {
                for (int i = 0; i < len; i++) write.writeDouble(base, start + i, from[i]);
            }
        }
    }
}
