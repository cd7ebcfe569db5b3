package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives;
import org.theanojvm.engine.types.DType;

/**
 * Reads and writes one element of a heap array of a given dtype, converting exactly as NdArray's
 * readDouble/readLong/writeDouble/writeLong do (the reference's semantics: C-style wrapping for ints,
 * NaN/inf to Long.MIN_VALUE, unsigned 64-bit through doubles). One stateless singleton per dtype; the
 * kernels keep them in compilation-final fields so each access is a constant-folded plain array access.
 */
public abstract class ElementAccess {
    public abstract double readDouble(Object base, int i);

    public abstract long readLong(Object base, int i);

    public abstract void writeDouble(Object base, int i, double v);

    public abstract void writeLong(Object base, int i, long v);

    /** The accessor of a real dtype; complex dtypes have none (they are not run by Truffle kernels). */
    public static ElementAccess of(DType d) {
        return switch (d) {
            case FLOAT64 -> F64;
            case FLOAT32 -> F32;
            case FLOAT16 -> F16;
            case INT64 -> I64;
            case UINT64 -> U64;
            case INT32 -> new Int32(false);
            case UINT32 -> new Int32(true);
            case INT16 -> new Int16(false);
            case UINT16 -> new Int16(true);
            case INT8 -> new Int8(false, false);
            case UINT8 -> new Int8(true, false);
            case BOOL -> new Int8(false, true);
            default -> throw new IllegalArgumentException("no element access for " + d);
        };
    }

    static long doubleToLong(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Long.MIN_VALUE; // what x86 NumPy produces
        return (long) v;
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) return v;
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static double[] f64(Object b) { return CompilerDirectives.castExact(b, double[].class); }

    private static final ElementAccess F64 = new ElementAccess() {
        public double readDouble(Object b, int i) { return f64(b)[i]; }
        public long readLong(Object b, int i) { return doubleToLong(f64(b)[i]); }
        public void writeDouble(Object b, int i, double v) { f64(b)[i] = v; }
        public void writeLong(Object b, int i, long v) { f64(b)[i] = v; }
    };

    private static float[] f32(Object b) { return CompilerDirectives.castExact(b, float[].class); }

    private static final ElementAccess F32 = new ElementAccess() {
        public double readDouble(Object b, int i) { return f32(b)[i]; }
        public long readLong(Object b, int i) { return doubleToLong(f32(b)[i]); }
        public void writeDouble(Object b, int i, double v) { f32(b)[i] = (float) v; }
        public void writeLong(Object b, int i, long v) { f32(b)[i] = (float) (double) v; }
    };

    private static short[] i16(Object b) { return CompilerDirectives.castExact(b, short[].class); }

    private static final ElementAccess F16 = new ElementAccess() {
        public double readDouble(Object b, int i) { return Float.float16ToFloat(i16(b)[i]); }
        public long readLong(Object b, int i) { return doubleToLong(readDouble(b, i)); }
        public void writeDouble(Object b, int i, double v) { i16(b)[i] = Float.floatToFloat16((float) v); }
        public void writeLong(Object b, int i, long v) { writeDouble(b, i, (double) v); }
    };

    private static long[] i64(Object b) { return CompilerDirectives.castExact(b, long[].class); }

    private static final ElementAccess I64 = new ElementAccess() {
        public double readDouble(Object b, int i) { return i64(b)[i]; }
        public long readLong(Object b, int i) { return i64(b)[i]; }
        public void writeDouble(Object b, int i, double v) { i64(b)[i] = doubleToLong(v); }
        public void writeLong(Object b, int i, long v) { i64(b)[i] = v; }
    };

    private static final ElementAccess U64 = new ElementAccess() {
        public double readDouble(Object b, int i) { return unsignedToDouble(i64(b)[i]); }
        public long readLong(Object b, int i) { return i64(b)[i]; }
        public void writeDouble(Object b, int i, double v) { i64(b)[i] = v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : doubleToLong(v); }
        public void writeLong(Object b, int i, long v) { i64(b)[i] = v; }
    };

    private static final class Int32 extends ElementAccess {
        private final boolean unsigned;

        Int32(boolean unsigned) { this.unsigned = unsigned; }

        private static int[] a(Object b) { return CompilerDirectives.castExact(b, int[].class); }

        public double readDouble(Object b, int i) { return readLong(b, i); }
        public long readLong(Object b, int i) { return unsigned ? Integer.toUnsignedLong(a(b)[i]) : a(b)[i]; }
        public void writeDouble(Object b, int i, double v) { a(b)[i] = (int) doubleToLong(v); }
        public void writeLong(Object b, int i, long v) { a(b)[i] = (int) v; }
    }

    private static final class Int16 extends ElementAccess {
        private final boolean unsigned;

        Int16(boolean unsigned) { this.unsigned = unsigned; }

        public double readDouble(Object b, int i) { return readLong(b, i); }
        public long readLong(Object b, int i) { return unsigned ? i16(b)[i] & 0xffff : i16(b)[i]; }
        public void writeDouble(Object b, int i, double v) { i16(b)[i] = (short) doubleToLong(v); }
        public void writeLong(Object b, int i, long v) { i16(b)[i] = (short) v; }
    }

    /** int8, uint8 and bool (stored as 0/1 bytes; any non-zero byte reads as 1). */
    private static final class Int8 extends ElementAccess {
        private final boolean unsigned;
        private final boolean bool;

        Int8(boolean unsigned, boolean bool) {
            this.unsigned = unsigned;
            this.bool = bool;
        }

        private static byte[] a(Object b) { return CompilerDirectives.castExact(b, byte[].class); }

        public double readDouble(Object b, int i) { return readLong(b, i); }
        public long readLong(Object b, int i) {
            byte v = a(b)[i];
            return bool ? (v != 0 ? 1 : 0) : unsigned ? v & 0xff : v;
        }
        public void writeDouble(Object b, int i, double v) {
            a(b)[i] = bool ? (byte) (v != 0 ? 1 : 0) : (byte) doubleToLong(v);
        }
        public void writeLong(Object b, int i, long v) { a(b)[i] = bool ? (byte) (v != 0 ? 1 : 0) : (byte) v; }
    }
}
