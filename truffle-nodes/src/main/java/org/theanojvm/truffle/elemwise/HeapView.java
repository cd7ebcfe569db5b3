package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * An NdArray seen as its backing Java array with element (not byte) offset and strides, which is what
 * the kernels index. Arrays over native memory (small call arguments, which the shim passes in NumPy
 * buffers) are seen through a bulk heap copy ({@link NdArray#onHeap}); arrays not element-aligned
 * through a contiguous heap copy. For the SIMD kernels, a float input may instead stay in native
 * memory: its base is then a {@link NativeOperand} ({@link NativeOperand#view}).
 */
public record HeapView(Object base, int offset, int[] strides) {
    @TruffleBoundary
    public static HeapView of(NdArray a) {
        MemorySegment seg = a.segment();
        Object base = seg.heapBase().orElse(null);
        long[] es = a.elementStrides();
        if (base == null || es == null) return of(base == null ? a.onHeap() : a.copy());
        return over(base, (seg.address() + a.offset()) / a.dtype().itemsize(), es);
    }

    /** A view of {@code base} from item {@code first}, moving by {@code elementStrides}. */
    static HeapView over(Object base, long first, long[] elementStrides) {
        int[] es = new int[elementStrides.length];
        for (int d = 0; d < es.length; d++) es[d] = (int) elementStrides[d];
        return new HeapView(base, (int) first, es);
    }
}
