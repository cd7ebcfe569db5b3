package org.theanojvm.truffle.fuzz;

import java.lang.foreign.Arena;
import java.util.Random;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * Random input values for the fuzzer. Values are small and signed so that integer arithmetic stays
 * mostly in range, with exact zeros (division by zero, log(0)) and, in some arrays, the edge values
 * where executors most often disagree: NaN, +-inf, -0.0, huge and subnormal floats, the extremes of
 * each integer type. Arrays come in the layouts a NumPy caller can hand over: contiguous on the heap,
 * in native memory (a NumPy buffer, read in place by the SIMD kernels), strided, reversed or transposed
 * views, so that the kernels' stride handling is exercised, not only the contiguous fast path.
 */
final class RandomValues {
    private final Random rnd;
    private final Arena arena;

    /** @param arena owns the native arrays; the caller closes it when the case is done */
    RandomValues(Random rnd, Arena arena) {
        this.rnd = rnd;
        this.arena = arena;
    }

    NdArray of(DType d, long[] shape) {
        NdArray a = layout(d, shape);
        boolean edges = rnd.nextInt(8) == 0;
        for (long off : a.elementOffsets()) write(a, off, d, edges && rnd.nextInt(4) == 0);
        return a;
    }

    /** An empty array with the requested shape in one of the layouts a caller may pass. */
    private NdArray layout(DType d, long[] shape) {
        int nd = shape.length;
        switch (nd == 0 ? 0 : rnd.nextInt(8)) {
            case 1: { // native memory, as a NumPy buffer
                long n = Math.max(1, NdArray.empty(d, shape).nbytes());
                return NdArray.overAddress(d, shape, arena.allocate(n, 16).address());
            }
            case 2: { // every other element along one axis
                int ax = rnd.nextInt(nd);
                long[] big = shape.clone();
                big[ax] = shape[ax] * 2;
                return NdArray.empty(d, big).slice(ax, 0, shape[ax] * 2, 2);
            }
            case 3: { // reversed along one axis (negative stride)
                int ax = rnd.nextInt(nd);
                if (shape[ax] == 0) return NdArray.empty(d, shape);
                return NdArray.empty(d, shape).slice(ax, shape[ax] - 1, -1, -1);
            }
            case 4: { // transposed (Fortran order for a matrix)
                long[] rev = new long[nd];
                int[] axes = new int[nd];
                for (int i = 0; i < nd; i++) {
                    rev[i] = shape[nd - 1 - i];
                    axes[i] = nd - 1 - i;
                }
                return NdArray.empty(d, rev).transpose(axes);
            }
            default:
                return NdArray.empty(d, shape);
        }
    }

    private void write(NdArray a, long off, DType d, boolean edge) {
        switch (d.kind()) {
            case BOOL -> a.writeLong(off, rnd.nextInt(2));
            case UNSIGNED -> a.writeLong(off, edge ? unsignedEdge(d) : rnd.nextInt(12));
            case SIGNED -> a.writeLong(off, edge ? signedEdge(d) : rnd.nextInt(13) - 6);
            case FLOAT -> a.writeDouble(off, edge ? floatEdge() : ordinaryFloat());
            case COMPLEX -> a.writeComplex(off, edge ? floatEdge() : ordinaryFloat(), ordinaryFloat());
        }
    }

    private double ordinaryFloat() {
        int k = rnd.nextInt(10);
        if (k == 0) return 0.0;
        if (k == 1) return rnd.nextInt(7) - 3; // small integers: exact arithmetic, ties for max/argmax
        return rnd.nextGaussian() * 2;
    }

    private double floatEdge() {
        return switch (rnd.nextInt(9)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> 1e30 * (rnd.nextBoolean() ? 1 : -1);
            case 5 -> 4.9e-320; // subnormal in float64, zero in float32
            case 6 -> 0.5 + rnd.nextInt(5); // halves: rounding modes differ here
            case 7 -> 700 + rnd.nextInt(20); // exp overflows around 709.8
            default -> 65504.0; // float16's largest
        };
    }

    private long signedEdge(DType d) {
        long max = (1L << (d.itemsize() * 8 - 1)) - 1;
        return switch (rnd.nextInt(5)) {
            case 0 -> max;
            case 1 -> -max - 1;
            case 2 -> -1;
            case 3 -> 0;
            default -> max / 2 + 1;
        };
    }

    private long unsignedEdge(DType d) {
        long max = d.itemsize() == 8 ? -1L : (1L << (d.itemsize() * 8)) - 1;
        return switch (rnd.nextInt(4)) {
            case 0 -> max;
            case 1 -> 0;
            case 2 -> max - 1;
            default -> d.itemsize() == 8 ? Long.MIN_VALUE : (max >>> 1) + 1; // the top bit set
        };
    }
}
