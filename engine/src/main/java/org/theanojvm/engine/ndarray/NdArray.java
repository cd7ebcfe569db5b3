package org.theanojvm.engine.ndarray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.types.DType;

/**
 * An n-dimensional array laid out as NumPy lays it out: dtype, shape, strides in bytes and a byte offset
 * into a {@link MemorySegment}. Fresh arrays are heap segments over a primitive array of the element
 * type (so they are naturally aligned); a segment over native memory works the same way, which lets the
 * Python side block-copy NumPy buffers and lets BLAS read the data in place later.
 *
 * <p>Views (transpose, dimshuffle, slicing, broadcasting, reshape of contiguous data) share the segment.
 * Element access is by byte offset through {@link #readDouble(long)} and friends, which convert between
 * the stored dtype and the Java domain (double, long, boolean, complex pair) as NumPy's casts do.
 */
public final class NdArray implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;

    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private final transient MemorySegment seg;

    /** Written as dtype, shape and C-order bytes (a memory segment has no serial form). */
    @java.io.Serial
    private Object writeReplace() { return org.theanojvm.engine.persist.NdArrayForm.of(this); }

    public NdArray(DType dtype, long[] shape, long[] strides, long offset, MemorySegment seg) {
        if (shape.length != strides.length) throw new IllegalArgumentException("shape/strides rank differ");
        this.dtype = dtype;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
        this.seg = seg;
    }

    // ------------------------------------------------------------------ factories

    /** A new C-contiguous array; the heap storage is zero-filled. */
    public static NdArray empty(DType dtype, long... shape) {
        for (long s : shape) {
            if (s < 0) throw new TheanoValueError("negative dimensions are not allowed");
        }
        long n = Strided.size(shape);
        return new NdArray(dtype, shape, cStrides(shape, dtype.itemsize()), 0, allocate(dtype, n));
    }

    public static NdArray zeros(DType dtype, long... shape) { return empty(dtype, shape); }

    public static NdArray full(DType dtype, double value, long... shape) {
        NdArray a = empty(dtype, shape);
        a.fill(value);
        return a;
    }

    /** A new C-contiguous array of values (rounded to the dtype as NumPy's casts do). */
    public static NdArray fromDoubles(DType dtype, long[] shape, double... values) {
        NdArray a = empty(dtype, shape);
        if (values.length != a.size()) throw new IllegalArgumentException("expected " + a.size() + " values, got " + values.length);
        if (dtype == DType.FLOAT64) {
            MemorySegment.copy(values, 0, a.seg, F64, a.offset, values.length);
            return a;
        }
        if (dtype == DType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            MemorySegment.copy(f, 0, a.seg, F32, a.offset, f.length);
            return a;
        }
        long item = dtype.itemsize();
        for (int i = 0; i < values.length; i++) a.writeDouble(i * item, values[i]);
        return a;
    }

    public static NdArray fromLongs(DType dtype, long[] shape, long... values) {
        NdArray a = empty(dtype, shape);
        if (values.length != a.size()) throw new IllegalArgumentException("expected " + a.size() + " values, got " + values.length);
        long item = dtype.itemsize();
        for (int i = 0; i < values.length; i++) a.writeLong(i * item, values[i]);
        return a;
    }

    public static NdArray fromBooleans(long[] shape, boolean... values) {
        NdArray a = empty(DType.BOOL, shape);
        if (values.length != a.size()) throw new IllegalArgumentException("expected " + a.size() + " values, got " + values.length);
        for (int i = 0; i < values.length; i++) a.writeLong(i, values[i] ? 1 : 0);
        return a;
    }

    /** float64 vector. */
    public static NdArray vector(double... values) { return fromDoubles(DType.FLOAT64, new long[] {values.length}, values); }

    public static NdArray scalar(DType dtype, double v) { return fromDoubles(dtype, new long[0], v); }

    public static NdArray scalarLong(DType dtype, long v) { return fromLongs(dtype, new long[0], v); }

    /** float64 0-d array. */
    public static NdArray scalar(double v) { return scalar(DType.FLOAT64, v); }

    /**
     * A float64 array over the caller's {@code double[]}, not copied: C order, shape {@code shape} (none:
     * a vector of all of it). Writes through either side are seen by the other, so a Java program can
     * hand its data to a compiled function without a copy (a function never writes its arguments).
     */
    public static NdArray wrap(double[] data, long... shape) { return over(DType.FLOAT64, MemorySegment.ofArray(data), data.length, shape); }

    /** As {@link #wrap(double[], long...)}: a float32 array over the caller's {@code float[]}. */
    public static NdArray wrap(float[] data, long... shape) { return over(DType.FLOAT32, MemorySegment.ofArray(data), data.length, shape); }

    /** As {@link #wrap(double[], long...)}: an int32 array over the caller's {@code int[]}. */
    public static NdArray wrap(int[] data, long... shape) { return over(DType.INT32, MemorySegment.ofArray(data), data.length, shape); }

    /** As {@link #wrap(double[], long...)}: an int64 array over the caller's {@code long[]}. */
    public static NdArray wrap(long[] data, long... shape) { return over(DType.INT64, MemorySegment.ofArray(data), data.length, shape); }

    private static NdArray over(DType dtype, MemorySegment seg, int length, long[] shape) {
        long[] s = shape.length == 0 ? new long[] {length} : shape;
        for (long d : s) {
            if (d < 0) throw new TheanoValueError("negative dimensions are not allowed");
        }
        if (Strided.size(s) != length) {
            throw new TheanoValueError("cannot reshape array of size " + length + " into shape " + shapeString(s));
        }
        return new NdArray(dtype, s, cStrides(s, dtype.itemsize()), 0, seg);
    }

    /**
     * Copies a C-contiguous buffer (e.g. a NumPy array's data, by address) into a new heap array:
     * one bulk copy, no per-element work.
     */
    public static NdArray fromBuffer(DType dtype, long[] shape, MemorySegment src) {
        NdArray a = empty(dtype, shape);
        MemorySegment.copy(src, 0, a.seg, 0, a.nbytes());
        return a;
    }

    /** {@link #fromBuffer} reading {@code nbytes} at a native address (needs native access enabled). */
    public static NdArray fromAddress(DType dtype, long[] shape, long address) {
        long n = Strided.size(shape) * dtype.itemsize();
        return fromBuffer(dtype, shape, MemorySegment.ofAddress(address).reinterpret(n));
    }

    /**
     * A C-contiguous array over {@code nbytes} of native memory at an address, not copied (e.g. a buffer
     * NumPy owns). Whoever holds the memory must keep it alive, and must not change it while the array
     * is in use.
     */
    public static NdArray overAddress(DType dtype, long[] shape, long address) {
        long n = Strided.size(shape) * dtype.itemsize();
        return new NdArray(dtype, shape, cStrides(shape, dtype.itemsize()), 0, MemorySegment.ofAddress(address).reinterpret(n));
    }

    /** Writes the elements in C order, densely, into {@code dst} (e.g. a NumPy buffer). */
    public void copyTo(MemorySegment dst) {
        NdArray c = isCContiguous() ? this : copy();
        MemorySegment.copy(c.seg, c.offset, dst, 0, c.nbytes());
    }

    /** {@link #copyTo} into native memory at an address. */
    public void copyToAddress(long address) {
        copyTo(MemorySegment.ofAddress(address).reinterpret(nbytes()));
    }

    /** The index of the element at position flat in C order (NumPy's unravel_index for this shape). */
    public long[] unravelIndex(long flat) {
        long[] idx = new long[shape.length];
        long r = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = r % shape[d];
            r /= shape[d];
        }
        return idx;
    }

    static MemorySegment allocate(DType dtype, long n) {
        if (n > Integer.MAX_VALUE / 2) throw new TheanoValueError("array is too big for a heap segment: " + n + " elements");
        int k = (int) n;
        return switch (dtype) {
            case FLOAT64 -> MemorySegment.ofArray(new double[k]);
            case COMPLEX128 -> MemorySegment.ofArray(new double[2 * k]);
            case FLOAT32 -> MemorySegment.ofArray(new float[k]);
            case COMPLEX64 -> MemorySegment.ofArray(new float[2 * k]);
            case INT64, UINT64 -> MemorySegment.ofArray(new long[k]);
            case INT32, UINT32 -> MemorySegment.ofArray(new int[k]);
            case INT16, UINT16, FLOAT16 -> MemorySegment.ofArray(new short[k]);
            case INT8, UINT8, BOOL -> MemorySegment.ofArray(new byte[k]);
        };
    }

    public static long[] cStrides(long[] shape, int itemsize) {
        long[] st = new long[shape.length];
        long s = itemsize;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return st;
    }

    // ------------------------------------------------------------------ metadata

    public DType dtype() { return dtype; }

    public long[] shape() { return shape.clone(); }

    public long shape(int axis) { return shape[axis]; }

    /** Byte strides (a copy). */
    public long[] strides() { return strides.clone(); }

    /**
     * The strides counted in items, or null when the first element's address or a stride is not a
     * whole number of items: then the data cannot be indexed as an array of its items (Java array or
     * native memory alike; for a heap segment the address is the byte offset in its array).
     */
    public long[] elementStrides() {
        int item = dtype.itemsize();
        if ((seg.address() + offset) % item != 0) return null;
        long[] es = new long[strides.length];
        for (int d = 0; d < strides.length; d++) {
            if (strides[d] % item != 0) return null;
            es[d] = strides[d] / item;
        }
        return es;
    }

    long[] shapeRef() { return shape; }

    long[] stridesRef() { return strides; }

    /** Byte offset of element (0, ..., 0) in {@link #segment()}. */
    public long offset() { return offset; }

    public MemorySegment segment() { return seg; }

    public int ndim() { return shape.length; }

    public long size() { return Strided.size(shape); }

    public long nbytes() { return size() * dtype.itemsize(); }

    public boolean isCContiguous() {
        long s = dtype.itemsize();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != s) return false;
            s *= shape[d];
        }
        return true;
    }

    /** Python-style shape tuple text: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    public static String shapeString(long[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(")").toString();
    }

    // ------------------------------------------------------------------ raw element access by byte offset

    public double readDouble(long off) {
        return switch (dtype) {
            case FLOAT64, COMPLEX128 -> seg.get(F64, off);
            case FLOAT32, COMPLEX64 -> seg.get(F32, off);
            case FLOAT16 -> Float.float16ToFloat(seg.get(I16, off));
            case INT64 -> seg.get(I64, off);
            case UINT64 -> unsignedToDouble(seg.get(I64, off));
            case INT32 -> seg.get(I32, off);
            case UINT32 -> Integer.toUnsignedLong(seg.get(I32, off));
            case INT16 -> seg.get(I16, off);
            case UINT16 -> seg.get(I16, off) & 0xffff;
            case INT8 -> seg.get(I8, off);
            case UINT8 -> seg.get(I8, off) & 0xff;
            case BOOL -> seg.get(I8, off) != 0 ? 1.0 : 0.0;
        };
    }

    public long readLong(long off) {
        return switch (dtype) {
            case INT64, UINT64 -> seg.get(I64, off);
            case INT32 -> seg.get(I32, off);
            case UINT32 -> Integer.toUnsignedLong(seg.get(I32, off));
            case INT16 -> seg.get(I16, off);
            case UINT16 -> seg.get(I16, off) & 0xffff;
            case INT8 -> seg.get(I8, off);
            case UINT8 -> seg.get(I8, off) & 0xff;
            case BOOL -> seg.get(I8, off) != 0 ? 1 : 0;
            default -> doubleToLong(readDouble(off));
        };
    }

    public boolean readBoolean(long off) {
        if (dtype.isComplex()) {
            double[] c = readComplex(off);
            return c[0] != 0 || c[1] != 0;
        }
        if (dtype.isFloat()) return readDouble(off) != 0;
        return readLong(off) != 0;
    }

    /** {re, im}; im is 0 for real dtypes. */
    public double[] readComplex(long off) {
        return switch (dtype) {
            case COMPLEX128 -> new double[] {seg.get(F64, off), seg.get(F64, off + 8)};
            case COMPLEX64 -> new double[] {seg.get(F32, off), seg.get(F32, off + 4)};
            default -> new double[] {readDouble(off), 0};
        };
    }

    /** Stores v converted to this dtype as NumPy's astype would (truncation toward zero for ints). */
    public void writeDouble(long off, double v) {
        switch (dtype) {
            case FLOAT64 -> seg.set(F64, off, v);
            case FLOAT32 -> seg.set(F32, off, (float) v);
            case FLOAT16 -> seg.set(I16, off, Float.floatToFloat16((float) v));
            case COMPLEX128 -> { seg.set(F64, off, v); seg.set(F64, off + 8, 0.0); }
            case COMPLEX64 -> { seg.set(F32, off, (float) v); seg.set(F32, off + 4, 0f); }
            case BOOL -> seg.set(I8, off, (byte) (v != 0 ? 1 : 0));
            case UINT64 -> seg.set(I64, off, v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : doubleToLong(v));
            default -> writeLong(off, doubleToLong(v));
        }
    }

    /** Stores an integer value; integer dtypes wrap like C casts, floats convert. */
    public void writeLong(long off, long v) {
        switch (dtype) {
            case INT64, UINT64 -> seg.set(I64, off, v);
            case INT32, UINT32 -> seg.set(I32, off, (int) v);
            case INT16, UINT16 -> seg.set(I16, off, (short) v);
            case INT8, UINT8 -> seg.set(I8, off, (byte) v);
            case BOOL -> seg.set(I8, off, (byte) (v != 0 ? 1 : 0));
            default -> writeDouble(off, (double) v);
        }
    }

    public void writeBoolean(long off, boolean v) {
        if (dtype.isFloat() || dtype.isComplex()) writeDouble(off, v ? 1 : 0);
        else writeLong(off, v ? 1 : 0);
    }

    public void writeComplex(long off, double re, double im) {
        switch (dtype) {
            case COMPLEX128 -> { seg.set(F64, off, re); seg.set(F64, off + 8, im); }
            case COMPLEX64 -> { seg.set(F32, off, (float) re); seg.set(F32, off + 4, (float) im); }
            default -> writeDouble(off, re); // NumPy drops the imaginary part (with a ComplexWarning)
        }
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) return v;
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    static long doubleToLong(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Long.MIN_VALUE; // what x86 NumPy produces
        return (long) v;
    }

    // ------------------------------------------------------------------ element access by index

    public long offsetOf(long... idx) {
        if (idx.length != shape.length) throw new TheanoIndexError("expected " + shape.length + " indices, got " + idx.length);
        long off = offset;
        for (int d = 0; d < idx.length; d++) {
            long i = idx[d];
            if (i < 0) i += shape[d];
            if (i < 0 || i >= shape[d]) {
                throw new TheanoIndexError("index " + idx[d] + " is out of bounds for axis " + d + " with size " + shape[d]);
            }
            off += i * strides[d];
        }
        return off;
    }

    public double getDouble(long... idx) { return readDouble(offsetOf(idx)); }

    public long getLong(long... idx) { return readLong(offsetOf(idx)); }

    public boolean getBoolean(long... idx) { return readBoolean(offsetOf(idx)); }

    public double[] getComplex(long... idx) { return readComplex(offsetOf(idx)); }

    public void setDouble(long[] idx, double v) { writeDouble(offsetOf(idx), v); }

    public void setLong(long[] idx, long v) { writeLong(offsetOf(idx), v); }

    /** The single element of a size-1 array, as a double (NumPy's {@code item()}). */
    public double item() {
        if (size() != 1) throw new TheanoValueError("can only convert an array of size 1 to a Python scalar");
        return readDouble(offset);
    }

    public long itemLong() {
        if (size() != 1) throw new TheanoValueError("can only convert an array of size 1 to a Python scalar");
        return readLong(offset);
    }

    /**
     * Elements in C order. C-contiguous float64 and float32 arrays take one bulk copy (and one widening
     * loop): ops that compute on double[] (convolution, pooling, softmax) would otherwise spend more on
     * the general strided per-element walk than on their arithmetic.
     */
    public double[] toDoubleArray() {
        int n = (int) size();
        if (isCContiguous() && dtype == DType.FLOAT64) {
            double[] out = new double[n];
            MemorySegment.copy(seg, F64, offset, out, 0, n);
            return out;
        }
        if (isCContiguous() && dtype == DType.FLOAT32) {
            float[] f = new float[n];
            MemorySegment.copy(seg, F32, offset, f, 0, n);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = f[i];
            return out;
        }
        double[] out = new double[n];
        int[] k = {0};
        Strided.forEach(new NdArray[] {this}, off -> out[k[0]++] = readDouble(off[0]));
        return out;
    }

    /** Elements in C order as floats (float32 C-contiguous arrays in one bulk copy; others rounded from double). */
    public float[] toFloatArray() {
        int n = (int) size();
        float[] out = new float[n];
        if (isCContiguous() && dtype == DType.FLOAT32) {
            MemorySegment.copy(seg, F32, offset, out, 0, n);
            return out;
        }
        double[] d = toDoubleArray();
        for (int i = 0; i < n; i++) out[i] = (float) d[i];
        return out;
    }

    public long[] toLongArray() {
        long[] out = new long[(int) size()];
        int[] k = {0};
        Strided.forEach(new NdArray[] {this}, off -> out[k[0]++] = readLong(off[0]));
        return out;
    }

    /** Byte offsets of all elements in C order (handy for simple loops in ops). */
    public long[] elementOffsets() {
        long[] out = new long[(int) size()];
        int[] k = {0};
        Strided.forEach(new NdArray[] {this}, off -> out[k[0]++] = off[0]);
        return out;
    }

    public void fill(double v) {
        Strided.forEach(new NdArray[] {this}, off -> writeDouble(off[0], v));
    }

    /** Copies src (same shape, any dtype and layout) into this array with NumPy casting. */
    public void assign(NdArray src) {
        if (!Arrays.equals(shape, src.shape)) {
            src = src.broadcastTo(shape);
        }
        if (src.dtype == dtype && size() > 0 && copyRowsInBulk(src)) return;
        final NdArray s = src;
        Strided.forEach(new NdArray[] {this, s}, off -> copyElement(s, off[1], this, off[0]));
    }

    /**
     * Same-dtype copies (copy(), scan's output stacking, slices assigned whole) as bulk
     * MemorySegment copies instead of one converting read and write per element: the whole array when
     * both sides are C-contiguous, else row by row when both have a dense innermost axis. Overlapping
     * source and destination copy as if through a temporary (MemorySegment.copy's contract) in the
     * contiguous case; the row case leaves overlapping memory to the element loop. False when
     * the layout allows neither (then the element loop runs).
     */
    private boolean copyRowsInBulk(NdArray src) {
        if (isCContiguous() && src.isCContiguous()) {
            MemorySegment.copy(src.seg, src.offset, seg, offset, nbytes());
            return true;
        }
        int last = shape.length - 1;
        long item = dtype.itemsize();
        if (last < 0 || strides[last] != item || src.strides[last] != item) return false;
        // row order could read a row already overwritten: overlapping strided copies keep the element loop
        if (seg.asOverlappingSlice(src.seg).isPresent()) return false;
        long rowBytes = shape[last] * item;
        forEachRow(src, 0, src.offset, offset, (srcRow, dstRow) -> MemorySegment.copy(src.seg, srcRow, seg, dstRow, rowBytes));
        return true;
    }

    /** Receives the byte offsets of one innermost row of the source and of this array. */
    @FunctionalInterface
    private interface RowBody {
        void row(long srcOff, long dstOff);
    }

    /** Calls body for every innermost row of this array and the same row of src (same shape), in C order. */
    private void forEachRow(NdArray src, int dim, long srcOff, long dstOff, RowBody body) {
        if (dim == shape.length - 1) {
            body.row(srcOff, dstOff);
            return;
        }
        for (long i = 0; i < shape[dim]; i++) {
            forEachRow(src, dim + 1, srcOff + i * src.strides[dim], dstOff + i * strides[dim], body);
        }
    }

    /**
     * this += src, element by element in C order (src has this shape, possibly with stride-0 broadcast
     * axes). Same-dtype float32/float64 operands (IncSubtensor's gradients, scan's accumulations) add
     * row by row with typed accesses; other dtypes convert through double or long per element.
     */
    public void addAssign(NdArray src) {
        if (size() == 0) return;
        if (src.dtype == dtype && (dtype == DType.FLOAT32 || dtype == DType.FLOAT64) && shape.length > 0) {
            forEachRow(src, 0, src.offset, offset, (srcRow, dstRow) -> addRow(src, srcRow, dstRow));
            return;
        }
        boolean fl = dtype.isFloat() || src.dtype.isFloat();
        final NdArray s = src;
        Strided.forEach(new NdArray[] {this, s}, off -> {
            if (fl) writeDouble(off[0], readDouble(off[0]) + s.readDouble(off[1]));
            else writeLong(off[0], readLong(off[0]) + s.readLong(off[1]));
        });
    }

    /** One innermost row of this += the same row of src (float32 or float64, the same dtype). */
    private void addRow(NdArray src, long srcOff, long dstOff) {
        int last = shape.length - 1;
        long n = shape[last], ds = strides[last], ss = src.strides[last];
        MemorySegment sseg = src.seg;
        if (dtype == DType.FLOAT32) {
            for (long i = 0; i < n; i++) seg.set(F32, dstOff + i * ds, seg.get(F32, dstOff + i * ds) + sseg.get(F32, srcOff + i * ss));
        } else {
            for (long i = 0; i < n; i++) seg.set(F64, dstOff + i * ds, seg.get(F64, dstOff + i * ds) + sseg.get(F64, srcOff + i * ss));
        }
    }

    /** Copies one element between arrays of possibly different dtypes, choosing the lossless domain. */
    public static void copyElement(NdArray src, long so, NdArray dst, long dOff) {
        DType sd = src.dtype;
        if (sd.isComplex()) {
            double[] c = src.readComplex(so);
            dst.writeComplex(dOff, c[0], c[1]);
        } else if (sd.isFloat()) {
            dst.writeDouble(dOff, src.readDouble(so));
        } else if (sd == DType.UINT64 && !dst.dtype.isInteger()) {
            dst.writeDouble(dOff, src.readDouble(so));
        } else {
            dst.writeLong(dOff, src.readLong(so));
        }
    }

    // ------------------------------------------------------------------ copies and views

    /** A fresh C-contiguous copy. */
    public NdArray copy() { return astype(dtype); }

    /** A fresh C-contiguous copy converted to {@code dt}. */
    public NdArray astype(DType dt) {
        NdArray out = empty(dt, shape);
        out.assign(this);
        return out;
    }

    /**
     * This array over the Java heap: itself when it already is; for a view of native memory (an argument
     * in a NumPy buffer, a transposed view of one) the same view over a heap copy of its whole segment,
     * which is one bulk copy where {@link #copy()} would walk a strided view element by element. A view
     * of a much larger segment, or one not aligned to its items, gets {@link #copy()}.
     */
    public NdArray onHeap() {
        if (seg.heapBase().isPresent()) return this;
        long item = dtype.itemsize(), bytes = seg.byteSize();
        boolean aligned = offset % item == 0 && bytes % item == 0;
        for (long st : strides) aligned &= st % item == 0;
        if (!aligned || bytes > 2 * nbytes() + 4096) return copy();
        MemorySegment heap = allocate(dtype, bytes / item);
        MemorySegment.copy(seg, 0, heap, 0, bytes);
        return new NdArray(dtype, shape, strides, offset, heap);
    }

    /** Same data, C-contiguous: this array itself when it already is. */
    public NdArray ascontiguous() { return isCContiguous() ? this : copy(); }

    /** Permutes axes (a view). */
    public NdArray transpose(int... axes) {
        if (axes.length == 0 && shape.length > 0) {
            axes = new int[shape.length];
            for (int i = 0; i < axes.length; i++) axes[i] = axes.length - 1 - i;
        }
        if (axes.length != shape.length) throw new TheanoValueError("axes don't match array");
        long[] ns = new long[axes.length];
        long[] nst = new long[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (seen[a]) throw new TheanoValueError("repeated axis in transpose");
            seen[a] = true;
            ns[i] = shape[a];
            nst[i] = strides[a];
        }
        return new NdArray(dtype, ns, nst, offset, seg);
    }

    /**
     * DimShuffle as a view: {@code order[i]} is an input axis or -1 for a new broadcastable axis.
     * Input axes that are not listed must have length 1 and are dropped.
     */
    public NdArray dimshuffle(int[] order) {
        long[] ns = new long[order.length];
        long[] nst = new long[order.length];
        boolean[] used = new boolean[shape.length];
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0) {
                ns[i] = 1;
                nst[i] = 0;
            } else {
                ns[i] = shape[order[i]];
                nst[i] = strides[order[i]];
                used[order[i]] = true;
            }
        }
        for (int d = 0; d < shape.length; d++) {
            if (!used[d] && shape[d] != 1) {
                throw new TheanoValueError("cannot drop dimension " + d + " of length " + shape[d]);
            }
        }
        return new NdArray(dtype, ns, nst, offset, seg);
    }

    /** A read-only-by-convention view with stride 0 on stretched axes (NumPy broadcast_to). */
    public NdArray broadcastTo(long[] target) {
        if (target.length < shape.length) throw new TheanoValueError("cannot broadcast " + shapeString(shape) + " to " + shapeString(target));
        long[] nst = new long[target.length];
        int pad = target.length - shape.length;
        for (int d = 0; d < target.length; d++) {
            if (d < pad) {
                nst[d] = 0;
                continue;
            }
            long s = shape[d - pad];
            if (s == target[d]) nst[d] = strides[d - pad];
            else if (s == 1) nst[d] = 0;
            else throw new TheanoValueError("operands could not be broadcast together with remapped shapes [original->remapped]: "
                    + shapeString(shape) + " and requested shape " + shapeString(target));
        }
        return new NdArray(dtype, target, nst, offset, seg);
    }

    /** Basic slice along one axis with already-normalized start/stop/step (a view); length computed as Python does. */
    public NdArray slice(int axis, long start, long stop, long step) {
        long len;
        if (step > 0) len = stop > start ? (stop - start + step - 1) / step : 0;
        else len = start > stop ? (start - stop + (-step) - 1) / (-step) : 0;
        long[] ns = shape.clone();
        long[] nst = strides.clone();
        ns[axis] = len;
        nst[axis] = strides[axis] * step;
        long off = len > 0 ? offset + start * strides[axis] : offset;
        return new NdArray(dtype, ns, nst, off, seg);
    }

    /** Integer index along one axis, dropping it (a view). Negative indices count from the end. */
    public NdArray index(int axis, long i) {
        long n = shape[axis];
        long j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
            throw new TheanoIndexError("index " + i + " is out of bounds for axis " + axis + " with size " + n);
        }
        long[] ns = new long[shape.length - 1];
        long[] nst = new long[shape.length - 1];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d == axis) continue;
            ns[k] = shape[d];
            nst[k++] = strides[d];
        }
        return new NdArray(dtype, ns, nst, offset + j * strides[axis], seg);
    }

    /**
     * NumPy reshape: one entry may be -1. A view when the data is C-contiguous, else a copy.
     */
    public NdArray reshape(long... newShape) {
        long[] ns = resolveReshape(shape, newShape);
        NdArray src = ascontiguous();
        return new NdArray(dtype, ns, cStrides(ns, dtype.itemsize()), src.offset, src.seg);
    }

    static long[] resolveReshape(long[] shape, long[] newShape) {
        long size = Strided.size(shape);
        long known = 1;
        int neg = -1;
        long[] ns = newShape.clone();
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == -1) {
                if (neg >= 0) throw new TheanoValueError("can only specify one unknown dimension");
                neg = i;
            } else if (ns[i] < 0) {
                throw new TheanoValueError("negative dimensions not allowed");
            } else {
                known *= ns[i];
            }
        }
        if (neg >= 0) {
            if (known == 0 || size % known != 0) {
                throw new TheanoValueError("cannot reshape array of size " + size + " into shape " + shapeStringWithNeg(newShape));
            }
            ns[neg] = size / known;
        } else if (known != size) {
            throw new TheanoValueError("cannot reshape array of size " + size + " into shape " + shapeStringWithNeg(newShape));
        }
        return ns;
    }

    private static String shapeStringWithNeg(long[] s) { return shapeString(s); }

    // ------------------------------------------------------------------ comparison helpers (tests, value checks)

    /** Same shape and every element within {@code atol + rtol*|b|} (NaNs equal each other). */
    public boolean allClose(NdArray other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) && Double.isNaN(b[i])) continue;
            if (a[i] == b[i]) continue;
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) return false;
        }
        return true;
    }

    /** Exact equality of dtype, shape and values. */
    public boolean sameAs(NdArray other) {
        return dtype == other.dtype && allClose(other, 0, 0);
    }

    /** NumPy's str(). */
    @Override
    public String toString() { return NdFormat.str(this); }

    /** NumPy's repr(), e.g. {@code array([1., 2.])}. */
    public String repr() { return NdFormat.repr(this); }
}
