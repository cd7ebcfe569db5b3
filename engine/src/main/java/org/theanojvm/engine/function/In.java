package org.theanojvm.engine.function;

import org.theanojvm.engine.graph.Variable;

/**
 * An input specification (theano.In / the old theano.Param): the variable, an optional name used for
 * keyword arguments, an optional default value (NdArray or Literal), an optional update expression
 * (makes the default a state carried between calls), and the borrow/mutable/strict/allow_downcast flags.
 * Immutable; the {@code with*} methods return modified copies.
 */
public record In(Variable variable, String name, Object value, boolean hasValue, Variable update, boolean borrow, boolean mutable,
        boolean strict, Boolean allowDowncast) {

    public static In of(Variable v) { return new In(v, v.name(), null, false, null, false, false, false, null); }

    public In withName(String n) { return new In(variable, n, value, hasValue, update, borrow, mutable, strict, allowDowncast); }

    /** A default value (theano.In(x, value=...)). */
    public In withValue(Object v) { return new In(variable, name, v, true, update, borrow, mutable, strict, allowDowncast); }

    public In withUpdate(Variable u) { return new In(variable, name, value, hasValue, u, borrow, mutable, strict, allowDowncast); }

    public In withBorrow(boolean b) { return new In(variable, name, value, hasValue, update, b, mutable, strict, allowDowncast); }

    public In withMutable(boolean m) { return new In(variable, name, value, hasValue, update, borrow, m, strict, allowDowncast); }

    public In withStrict(boolean s) { return new In(variable, name, value, hasValue, update, borrow, mutable, s, allowDowncast); }

    public In withAllowDowncast(Boolean a) { return new In(variable, name, value, hasValue, update, borrow, mutable, strict, a); }
}
