package org.theanojvm.truffle.graph;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * Intermediate buffers of one call that may be reused: a buffer enters when the last client of its
 * variable has run (and nothing can still alias it, which the graph builder guarantees), and leaves
 * as the output of a later node of the same dtype and element count. Lives for one call only, so no
 * buffer handed back to the caller is ever written again.
 */
public final class BufferPool {
    private final ArrayList<NdArray> free = new ArrayList<>();

    /** A C-contiguous array of this dtype and shape, recycled when possible (contents undefined). */
    @TruffleBoundary
    public NdArray take(DType dtype, long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        for (int i = free.size() - 1; i >= 0; i--) {
            NdArray b = free.get(i);
            if (b.dtype() == dtype && b.size() == n) {
                free.remove(i);
                return new NdArray(dtype, shape, NdArray.cStrides(shape, dtype.itemsize()), 0, b.segment());
            }
        }
        return NdArray.empty(dtype, shape);
    }

    /** Gives back a buffer that was obtained from {@link #take} and is dead now. */
    @TruffleBoundary
    public void release(NdArray a) {
        if (a != null && a.size() > 0) free.add(a);
    }

    public int freeCount() { return free.size(); }
}
