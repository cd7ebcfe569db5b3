package org.theanojvm.engine.graph;

import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ndarray.NdFormat;
import org.theanojvm.engine.types.TensorType;

/**
 * A variable with a fixed value (TensorConstant). The data is copied on construction and never
 * mutated, so constants can be shared between graphs and clones.
 */
public class Constant extends Variable {
    private final NdArray data;

    public Constant(TensorType type, NdArray data, String name) {
        super(type, null, 0, name);
        if (data.dtype() != type.dtype() || data.ndim() != type.ndim()) {
            throw new IllegalArgumentException("constant data " + data.dtype() + "/" + data.ndim() + "d does not match " + type);
        }
        this.data = data.copy();
    }

    /** The value (do not mutate it). */
    public NdArray data() { return data; }

    /** Constants are immutable, so a clone is the constant itself. */
    @Override
    public Variable cloneVariable() { return this; }

    /** Same type and same values: Theano merges such constants. */
    public boolean signatureEquals(Constant o) {
        return type().equals(o.type()) && data.sameAs(o.data);
    }

    /** Theano 1.0's TensorConstant.__str__, e.g. {@code TensorConstant{2}}, {@code TensorConstant{(3,) of 1.0}}. */
    @Override
    public String toString() {
        if (name() != null) return name();
        String s;
        if (data.ndim() > 0 && data.size() > 1 && allEqual()) {
            s = NdArray.shapeString(data.shape()) + " of " + NdFormat.scalarStr(data, data.offset());
        } else {
            s = data.toString();
        }
        if (s.length() > 20) s = s.substring(0, 10) + ".." + s.substring(s.length() - 10);
        return "TensorConstant{" + s + "}";
    }

    private boolean allEqual() {
        double[] v = data.toDoubleArray();
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) return false;
        }
        return true;
    }
}
