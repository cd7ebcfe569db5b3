package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * An NdArray seen as its backing Java array with element (not byte) offset and strides, which is what
 * the kernels index. Arrays that are not heap-backed (wrapped native memory) or not element-aligned get
 * a contiguous heap copy first: correct, and rare on the hot path.
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
        if (!ok) return of(a.copy());
        int[] es = new int[bs.length];
        for (int d = 0; d < bs.length; d++) es[d] = (int) (bs[d] / item);
        return new HeapView(base, (int) ((seg.address() + a.offset()) / item), es);
    }
}
