package org.theanojvm.engine.ndarray;

/**
 * The one strided loop of the reference engine: walks a shape in C order and keeps, for each operand,
 * the byte offset of the current element. Every elementwise, reduction and copy loop goes through here,
 * so views (transposes, broadcasts with stride 0, slices) need no special cases anywhere else.
 */
public final class Strided {
    private Strided() {}

    /** Receives the current byte offsets, one per operand. The array is reused: do not keep it. */
    @FunctionalInterface
    public interface Body {
        void apply(long[] offsets);
    }

    public static long size(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /**
     * @param shape   iteration space
     * @param strides strides[k][d]: byte stride of operand k along dimension d
     * @param base    byte offset of element (0,...,0) for each operand
     */
    public static void forEach(long[] shape, long[][] strides, long[] base, Body body) {
        long total = size(shape);
        if (total == 0) return;
        int nd = shape.length;
        int k = strides.length;
        long[] off = base.clone();
        long[] idx = new long[nd];
        for (long n = 0; n < total; n++) {
            body.apply(off);
            for (int d = nd - 1; d >= 0; d--) {
                idx[d]++;
                for (int j = 0; j < k; j++) off[j] += strides[j][d];
                if (idx[d] < shape[d]) break;
                for (int j = 0; j < k; j++) off[j] -= strides[j][d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** Loop over several arrays of the same shape. */
    public static void forEach(NdArray[] arrays, Body body) {
        long[][] st = new long[arrays.length][];
        long[] base = new long[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            st[i] = arrays[i].stridesRef();
            base[i] = arrays[i].offset();
        }
        forEach(arrays[0].shapeRef(), st, base, body);
    }
}
