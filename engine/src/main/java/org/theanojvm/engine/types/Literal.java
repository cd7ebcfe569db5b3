package org.theanojvm.engine.types;

import org.theanojvm.engine.ndarray.NdArray;

/**
 * A value that came from Python data that is not an ndarray (a list, a Python int/float), already
 * turned into an array by {@code numpy.asarray}. Theano checks such values differently from ndarrays:
 * it accepts them when the conversion to the variable's dtype is lossless (so {@code [1.0, 2.0]} fits an
 * fvector), while an ndarray must not need a downcast. {@code pythonFloat} marks a bare Python float,
 * which may always be stored into floatX; {@code pyStr} is Python's str() of the original (for messages).
 */
public record Literal(NdArray value, boolean pythonFloat, String pyStr) {
    public Literal(NdArray value, boolean pythonFloat) { this(value, pythonFloat, null); }

    public static Literal of(double v) { return new Literal(NdArray.scalar(v), true, null); }

    public static Literal of(long v) { return new Literal(NdArray.scalarLong(DType.INT64, v), false, Long.toString(v)); }

    public static Literal of(double... v) { return new Literal(NdArray.vector(v), false, null); }

    public String describe() {
        if (pyStr != null) return pyStr;
        return value.toString();
    }
}
