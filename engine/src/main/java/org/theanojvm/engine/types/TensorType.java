package org.theanojvm.engine.types;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;

/** Theano's TensorType: a dtype and a broadcastable pattern (one flag per dimension: length known to be 1). */
public final class TensorType implements Type {
    private final DType dtype;
    private final boolean[] broadcastable;

    public TensorType(DType dtype, boolean... broadcastable) {
        this.dtype = dtype;
        this.broadcastable = broadcastable.clone();
    }

    public static TensorType scalar(DType d) { return new TensorType(d); }

    public static TensorType vector(DType d) { return new TensorType(d, false); }

    public static TensorType matrix(DType d) { return new TensorType(d, false, false); }

    public static TensorType row(DType d) { return new TensorType(d, true, false); }

    public static TensorType col(DType d) { return new TensorType(d, false, true); }

    /** All dimensions non-broadcastable (tensor3, tensor4, ...). */
    public static TensorType ofRank(DType d, int ndim) { return new TensorType(d, new boolean[ndim]); }

    public DType dtype() { return dtype; }

    public boolean[] broadcastable() { return broadcastable.clone(); }

    public boolean broadcastable(int i) { return broadcastable[i]; }

    public int ndim() { return broadcastable.length; }

    public TensorType withDType(DType d) { return new TensorType(d, broadcastable); }

    public TensorType withBroadcastable(boolean... b) { return new TensorType(dtype, b); }

    @Override
    public Variable makeVariable(String name) { return new Variable(this, null, 0, name); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorType t && t.dtype == dtype && Arrays.equals(t.broadcastable, broadcastable);
    }

    @Override
    public int hashCode() { return dtype.hashCode() * 31 + Arrays.hashCode(broadcastable); }

    /** Theano 1.0's str: {@code TensorType(float64, vector)}, {@code TensorType(int64, (True, False, False))}, {@code TensorType(float64, 3D)}. */
    @Override
    public String toString() {
        String b;
        boolean any = false;
        for (boolean x : broadcastable) any |= x;
        int n = broadcastable.length;
        if (n == 0) b = "scalar";
        else if (n == 1 && !broadcastable[0]) b = "vector";
        else if (n == 2 && !broadcastable[0] && broadcastable[1]) b = "col";
        else if (n == 2 && broadcastable[0] && !broadcastable[1]) b = "row";
        else if (n == 2 && !any) b = "matrix";
        else if (any) b = broadcastableString(broadcastable);
        else b = n + "D";
        return "TensorType(" + dtype.npName() + ", " + b + ")";
    }

    /** Python tuple text of a broadcastable pattern: {@code (True, False)}, {@code (False,)}. */
    public static String broadcastableString(boolean[] b) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < b.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(b[i] ? "True" : "False");
        }
        if (b.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /**
     * Theano's TensorType.filter: convert a call argument or a shared value to this type or raise
     * TypeError with Theano's text. {@code data} is an {@link NdArray} (a NumPy ndarray) or a
     * {@link Literal} (other Python data after numpy.asarray). May return {@code data} itself when
     * nothing needs converting (the caller copies if it must not alias).
     */
    public NdArray filter(Object data, boolean strict, Boolean allowDowncast) {
        NdArray arr;
        if (data instanceof NdArray a) {
            if (strict) {
                if (a.dtype() != dtype) {
                    throw new TheanoTypeError(List.of(this + " expected a ndarray object with dtype = " + dtype + " (got " + a.dtype() + ")."));
                }
                arr = a;
            } else if (a.dtype() == dtype) {
                arr = a;
            } else if (Boolean.TRUE.equals(allowDowncast)) {
                arr = a.astype(dtype);
            } else {
                DType up = DType.upcast(dtype, a.dtype());
                if (up != dtype) {
                    throw new TheanoTypeError(List.of(this + " cannot store a value of dtype " + a.dtype() + " without risking loss of precision."
                            + " If you do not mind this loss, you can: 1) explicitly cast your data to " + dtype
                            + ", or 2) set \"allow_input_downcast=True\" when calling \"function\". Value: \"" + a.repr() + "\""));
                }
                arr = a.astype(dtype);
            }
        } else if (data instanceof Literal lit) {
            NdArray v = lit.value();
            if (strict) {
                throw new TheanoTypeError(List.of(this + " expected a ndarray object."));
            }
            if (v.dtype() == dtype) {
                arr = v;
            } else if (Boolean.TRUE.equals(allowDowncast)) {
                arr = v.astype(dtype);
            } else if (allowDowncast == null && lit.pythonFloat() && dtype == Config.floatX()) {
                arr = v.astype(dtype);
            } else {
                NdArray converted = v.astype(dtype);
                if (!valuesEqual(v, converted)) {
                    throw new TheanoTypeError(List.of(this + " cannot store accurately value " + lit.describe() + ", it would be represented as "
                            + converted + ". If you do not mind this precision loss, you can: 1) explicitly convert your data to a numpy array of dtype "
                            + dtype + ", or 2) set \"allow_input_downcast=True\" when calling \"function\".",
                            new TheanoException.Raw(lit.describe())));
                }
                arr = converted;
            }
        } else {
            throw new TheanoTypeError("Cannot convert " + data + " to " + this);
        }
        if (arr.ndim() != ndim()) {
            throw new TheanoTypeError("Wrong number of dimensions: expected " + ndim() + ", got " + arr.ndim() + " with shape "
                    + NdArray.shapeString(arr.shape()) + ".");
        }
        for (int i = 0; i < broadcastable.length; i++) {
            if (broadcastable[i] && arr.shape(i) != 1) {
                throw new TheanoTypeError(List.of("Non-unit value on shape on a broadcastable dimension.",
                        new TheanoException.Raw(NdArray.shapeString(arr.shape())), new TheanoException.Raw(broadcastableString(broadcastable))));
            }
        }
        return arr;
    }

    /** Element-wise equality of two same-shape arrays across dtypes (NaN equals NaN), as TensorType.values_eq. */
    static boolean valuesEqual(NdArray a, NdArray b) {
        if (a.dtype().isComplex() || b.dtype().isComplex()) {
            return a.allClose(b, 0, 0);
        }
        if (!a.dtype().isFloat() && !b.dtype().isFloat()) {
            long[] x = a.toLongArray(), y = b.toLongArray();
            return Arrays.equals(x, y);
        }
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) && Double.isNaN(y[i])) continue;
            if (x[i] != y[i]) return false;
        }
        return true;
    }
}
