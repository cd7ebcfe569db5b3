package org.theanojvm.engine.graph;

import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.Literal;
import org.theanojvm.engine.types.TensorType;

/**
 * A variable whose value lives outside any function and persists between calls (theano.shared).
 * Functions read it as an implicit input and may write it through updates. The value is owned by
 * this object: {@code getValue(false)} and {@code setValue(v, false)} copy, as Theano's borrow=False.
 */
public class SharedVariable extends Variable {
    private NdArray value;
    private final boolean strict;
    private final Boolean allowDowncast;
    private Variable defaultUpdate;

    public SharedVariable(TensorType type, NdArray value, String name, boolean strict, Boolean allowDowncast, boolean borrow) {
        super(type, null, 0, name);
        this.strict = strict;
        this.allowDowncast = allowDowncast;
        setValue(value, borrow);
    }

    /**
     * theano.shared(value, name, strict=False, allow_downcast=None, borrow=False, broadcastable=None):
     * the type takes the value's dtype and, unless given, an all-False broadcastable pattern.
     */
    public static SharedVariable create(NdArray value, String name, boolean borrow, boolean[] broadcastable) {
        boolean[] b = broadcastable != null ? broadcastable : new boolean[value.ndim()];
        return new SharedVariable(new TensorType(value.dtype(), b), value, name, false, null, borrow);
    }

    public static SharedVariable create(NdArray value, String name) { return create(value, name, false, null); }

    public NdArray getValue(boolean borrow) { return borrow ? value : value.copy(); }

    public NdArray getValue() { return getValue(false); }

    /** Accepts an NdArray or a {@link Literal}, filtered through the type (raises Theano's TypeError). */
    public void setValue(Object newValue, boolean borrow) {
        NdArray v = tensorType().filter(newValue, strict, allowDowncast);
        boolean isCallerObject = newValue instanceof NdArray a && a == v;
        this.value = (isCallerObject && !borrow) ? v.copy() : v;
    }

    /** Used by compiled functions to store an update already computed with the right type. */
    public void setValueInternal(NdArray v) { this.value = v; }

    /** Whether set_value refuses values that need a conversion (theano.shared's strict). */
    public boolean strict() { return strict; }

    /** theano.shared's allow_downcast (null: Theano's default rule). */
    public Boolean allowDowncast() { return allowDowncast; }

    public Variable defaultUpdate() { return defaultUpdate; }

    public void setDefaultUpdate(Variable u) { this.defaultUpdate = u; }

    @Override
    public Variable cloneVariable() { return this; }
}
