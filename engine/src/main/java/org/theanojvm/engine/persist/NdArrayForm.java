package org.theanojvm.engine.persist;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/**
 * What an NdArray is written as: dtype, shape and the elements in C order. The array's memory
 * segment (heap or native) has no serial form of its own, and strides or offsets of a view are not
 * worth keeping.
 */
public record NdArrayForm(DType dtype, long[] shape, byte[] data) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public static NdArrayForm of(NdArray a) {
        byte[] data = new byte[Math.toIntExact(a.nbytes())];
        a.copyTo(MemorySegment.ofArray(data));
        return new NdArrayForm(a.dtype(), a.shape(), data);
    }

    @Serial
    private Object readResolve() {
        return NdArray.fromBuffer(dtype, shape, MemorySegment.ofArray(data));
    }
}
