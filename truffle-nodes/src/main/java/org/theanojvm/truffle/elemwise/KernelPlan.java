package org.theanojvm.truffle.elemwise;

import java.util.Arrays;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * The per-call layout of one elementwise kernel: the backing arrays of the operands (inputs, then the
 * output), where each starts, and how each moves along the output's dimensions. When every input is
 * either laid out exactly like the (C-contiguous) output or a single broadcast element, the kernel is
 * {@link #flat}: one counted loop, operand k advancing by bit k of {@link #stepMask} (1) or staying (0).
 * A base is a Java array, or, in a plan made for the SIMD kernels, a {@link NativeOperand}.
 */
public final class KernelPlan {
    public final Object[] bases;
    public final int[] starts;
    public final int[][] strides; // element strides per operand, along the output's dimensions
    public final int[] shape;
    public final int size;
    public final boolean flat;
    public final int stepMask;
    /** Whether some base is a {@link NativeOperand}, which only the SIMD kernels read. */
    public final boolean nativeInputs;

    private KernelPlan(Object[] bases, int[] starts, int[][] strides, int[] shape, int size, boolean flat, int stepMask, boolean nativeInputs) {
        this.bases = bases;
        this.starts = starts;
        this.strides = strides;
        this.shape = shape;
        this.size = size;
        this.flat = flat;
        this.stepMask = stepMask;
        this.nativeInputs = nativeInputs;
    }

    /** @param out a fresh C-contiguous array of the broadcast shape */
    public static KernelPlan of(NdArray[] ins, NdArray out) { return of(ins, out, false); }

    /**
     * @param nativeInputs whether float64/float32 inputs in native memory stay there as {@link NativeOperand}
     *     bases (for the SIMD kernels), instead of being seen through a heap copy
     */
    public static KernelPlan of(NdArray[] ins, NdArray out, boolean nativeInputs) {
        long[] shape = out.shape();
        int n = ins.length;
        Object[] bases = new Object[n + 1];
        int[] starts = new int[n + 1];
        int[][] strides = new int[n + 1][];
        int[] cStrides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            cStrides[d] = s;
            s *= (int) shape[d];
        }
        boolean flat = n < 31; // the step mask has one bit per input
        int mask = 0;
        boolean anyNative = false;
        for (int k = 0; k <= n; k++) {
            NdArray a = k < n ? ins[k].broadcastTo(shape) : out;
            HeapView v = nativeInputs && k < n ? NativeOperand.view(a) : null;
            if (v != null) anyNative = true;
            else v = HeapView.of(a);
            bases[k] = v.base();
            starts[k] = v.offset();
            strides[k] = v.strides();
            if (k == n) break;
            if (sameSteps(v.strides(), cStrides, shape)) mask |= 1 << k;
            else if (!allZero(v.strides(), shape)) flat = false;
        }
        int[] ishape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) ishape[d] = (int) shape[d];
        return new KernelPlan(bases, starts, strides, ishape, s, flat, mask, anyNative);
    }

    /**
     * Moves every operand's row start ({@code off}, the output's included) to the next row of the outer
     * dimensions in C order; {@code idx} is the outer index, all zeros before the first row.
     */
    public void advanceRow(int[] off, int[] idx) {
        for (int d = shape.length - 2; d >= 0; d--) {
            idx[d]++;
            for (int k = 0; k < off.length; k++) off[k] += strides[k][d];
            if (idx[d] < shape[d]) return;
            for (int k = 0; k < off.length; k++) off[k] -= strides[k][d] * shape[d];
            idx[d] = 0;
        }
    }

    /** Strides equal where they matter (length-1 dimensions never move). */
    private static boolean sameSteps(int[] st, int[] c, long[] shape) {
        for (int d = 0; d < st.length; d++) if (shape[d] > 1 && st[d] != c[d]) return false;
        return true;
    }

    private static boolean allZero(int[] st, long[] shape) {
        for (int d = 0; d < st.length; d++) if (shape[d] > 1 && st[d] != 0) return false;
        return true;
    }

    @Override
    public String toString() { return "KernelPlan" + Arrays.toString(shape) + (flat ? " flat mask=" + stepMask : " strided"); }
}
