package org.theanojvm.engine.types;

import org.theanojvm.engine.graph.Variable;

/** Type of an undefined or unimplemented gradient (theano.gradient.NullType); {@link #why()} says why. */
public final class NullType implements Type {
    private final String why;

    public NullType(String why) { this.why = why; }

    public String why() { return why; }

    @Override
    public Variable makeVariable(String name) { return new Variable(this, null, 0, name); }

    public static boolean is(Variable v) { return v != null && v.type() instanceof NullType; }

    @Override
    public String toString() { return "NullType"; }
}
