package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * An NdArray seen as its backing Java array with element (not byte) offset and strides, which is what
 * the kernels index. Arrays over native memory (small call arguments, which the shim passes in NumPy
 * buffers) are seen through a bulk heap copy ({@link NdArray#onHeap}); arrays not element-aligned
 * through a contiguous heap copy.
 */
public record HeapView(Object base, int offset, int[] strides) {
    @TruffleBoundary
    public static HeapView of(NdArray a) {
        MemorySegment seg = a.segment();
        Object base = seg.heapBase().orElse(null);
        int item = a.dtype().itemsize();
        long[] bs = a.strides();
        boolean ok = base != null && (seg.address() + a.offset()) % item == 0;
        for (int d = 0; ok && d < bs.length; d++) ok = bs[d] % item == 0;
        if (!ok) return of(base == null ? a.onHeap() : a.copy());
        int[] es = new int[bs.length];
        for (int d = 0; d < bs.length; d++) es[d] = (int) (bs[d] / item);
        return new HeapView(base, (int) ((seg.address() + a.offset()) / item), es);
    }
}
