package org.theanojvm.engine.types;

import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoTypeError;

/**
 * NumPy/Theano element types, named as NumPy prints them. Promotion follows NumPy's type table
 * (what Theano 1.0 gets from {@code numpy.zeros((), a) + numpy.zeros((), b)}); {@link #upcast}
 * adds Theano's floatX rule on top.
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    INT8("int8", 1, Kind.SIGNED),
    INT16("int16", 2, Kind.SIGNED),
    INT32("int32", 4, Kind.SIGNED),
    INT64("int64", 8, Kind.SIGNED),
    UINT8("uint8", 1, Kind.UNSIGNED),
    UINT16("uint16", 2, Kind.UNSIGNED),
    UINT32("uint32", 4, Kind.UNSIGNED),
    UINT64("uint64", 8, Kind.UNSIGNED),
    FLOAT16("float16", 2, Kind.FLOAT),
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT),
    COMPLEX64("complex64", 8, Kind.COMPLEX),
    COMPLEX128("complex128", 16, Kind.COMPLEX);

    /** NumPy's dtype kinds, the classes upcasting and casting rules distinguish. */
    public enum Kind { BOOL, SIGNED, UNSIGNED, FLOAT, COMPLEX }

    private final String npName;
    private final int itemsize;
    private final Kind kind;

    DType(String npName, int itemsize, Kind kind) {
        this.npName = npName;
        this.itemsize = itemsize;
        this.kind = kind;
    }

    /** The name NumPy and Theano print, e.g. {@code float64}. */
    public String npName() { return npName; }

    public int itemsize() { return itemsize; }

    public Kind kind() { return kind; }

    public boolean isBool() { return kind == Kind.BOOL; }

    /** Signed or unsigned integer (not bool). */
    public boolean isInteger() { return kind == Kind.SIGNED || kind == Kind.UNSIGNED; }

    public boolean isUnsigned() { return kind == Kind.UNSIGNED; }

    public boolean isFloat() { return kind == Kind.FLOAT; }

    public boolean isComplex() { return kind == Kind.COMPLEX; }

    /** Theano's discrete_dtypes: bool and integers. */
    public boolean isDiscrete() { return kind == Kind.BOOL || isInteger(); }

    /** Theano's continuous_dtypes: floats and complex. */
    public boolean isContinuous() { return kind == Kind.FLOAT || kind == Kind.COMPLEX; }

    @Override
    public String toString() { return npName; }

    /** Looks a dtype up by its NumPy name; also accepts {@code floatX}. */
    public static DType of(String name) {
        if (name.equals("floatX")) return Config.floatX();
        for (DType d : values()) {
            if (d.npName.equals(name)) return d;
        }
        throw new TheanoTypeError("Unsupported dtype for TensorType: " + name);
    }

    private static DType signedOfSize(int size) {
        return switch (size) {
            case 1 -> INT8;
            case 2 -> INT16;
            case 4 -> INT32;
            case 8 -> INT64;
            default -> null;
        };
    }

    private static DType floatOfSize(int size) {
        return switch (size) {
            case 2 -> FLOAT16;
            case 4 -> FLOAT32;
            default -> FLOAT64;
        };
    }

    /** Smallest float that holds every value of an integer (or bool) type, as NumPy decides. */
    private static DType minFloatFor(DType i) {
        if (i.isBool()) return FLOAT16;
        return switch (i.itemsize) {
            case 1 -> FLOAT16;
            case 2 -> FLOAT32;
            default -> FLOAT64;
        };
    }

    /** NumPy's promote_types(a, b). */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a.isBool()) return b;
        if (b.isBool()) return a;
        if (a.isComplex() || b.isComplex()) {
            DType c = a.isComplex() ? a : b;
            DType o = a.isComplex() ? b : a;
            if (o.isComplex()) return a.itemsize >= b.itemsize ? a : b;
            DType f = o.isFloat() ? o : minFloatFor(o);
            if (c == COMPLEX128 || f == FLOAT64) return COMPLEX128;
            return COMPLEX64;
        }
        if (a.isFloat() && b.isFloat()) return a.itemsize >= b.itemsize ? a : b;
        if (a.isFloat() || b.isFloat()) {
            DType f = a.isFloat() ? a : b;
            DType i = a.isFloat() ? b : a;
            DType need = minFloatFor(i);
            return need.itemsize > f.itemsize ? need : f;
        }
        // both integers
        if (a.kind == b.kind) return a.itemsize >= b.itemsize ? a : b;
        DType s = a.kind == Kind.SIGNED ? a : b;
        DType u = a.kind == Kind.SIGNED ? b : a;
        if (s.itemsize > u.itemsize) return s;
        DType wider = signedOfSize(u.itemsize * 2);
        return wider != null ? wider : FLOAT64; // uint64 with any signed int: NumPy gives float64
    }

    /**
     * Theano's {@code scalar.upcast(*dtypes)}: NumPy promotion, except that when floatX is float32
     * (or float16) a float64 result that no input asked for explicitly is kept in floatX.
     */
    public static DType upcast(DType first, DType... rest) {
        DType fx = Config.floatX();
        boolean keep32 = fx == FLOAT32;
        boolean keep16 = fx == FLOAT16;
        DType z = first;
        if (first == FLOAT64) { keep32 = false; keep16 = false; }
        if (first == FLOAT32) keep16 = false;
        for (DType d : rest) {
            if (d == FLOAT64) { keep32 = false; keep16 = false; }
            if (d == FLOAT32) keep16 = false;
            z = promote(z, d);
        }
        if (z == FLOAT64) {
            if (keep16) return FLOAT16;
            if (keep32) return FLOAT32;
        } else if (z == FLOAT32 && keep16) {
            return FLOAT16;
        }
        return z;
    }

    public static DType upcast(java.util.List<DType> dtypes) {
        return upcast(dtypes.get(0), dtypes.subList(1, dtypes.size()).toArray(new DType[0]));
    }

    /**
     * Theano's {@code upgrade_to_float} mapping (exp, log, sqrt, ... of integers): 8/16-bit ints and
     * bool become float32, wider ints float64; floats are unchanged. Then upcast with floatX rules.
     */
    public static DType upgradeToFloat(DType... types) {
        DType[] conv = new DType[types.length];
        for (int i = 0; i < types.length; i++) {
            DType t = types[i];
            conv[i] = switch (t) {
                case BOOL, INT8, INT16, UINT8, UINT16 -> FLOAT32;
                case INT32, INT64, UINT32, UINT64 -> FLOAT64;
                default -> t;
            };
        }
        DType[] rest = new DType[conv.length - 1];
        System.arraycopy(conv, 1, rest, 0, rest.length);
        return upcast(conv[0], rest);
    }

    /** The float type of the same width family used for complex parts, e.g. complex64 -> float32. */
    public DType realPart() {
        return switch (this) {
            case COMPLEX64 -> FLOAT32;
            case COMPLEX128 -> FLOAT64;
            default -> this;
        };
    }

    static DType floatOf(int size) { return floatOfSize(size); }
}
