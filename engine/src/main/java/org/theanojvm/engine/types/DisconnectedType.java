package org.theanojvm.engine.types;

import org.theanojvm.engine.graph.Variable;

/** Type of the gradient placeholder meaning "this input does not influence that output" (theano.gradient.DisconnectedType). */
public final class DisconnectedType implements Type {
    public static final DisconnectedType INSTANCE = new DisconnectedType();

    private DisconnectedType() {}

    @Override
    public Variable makeVariable(String name) { return new Variable(this, null, 0, name); }

    /** A new disconnected placeholder variable ({@code DisconnectedType()()}). */
    public static Variable make() { return INSTANCE.makeVariable(null); }

    public static boolean is(Variable v) { return v != null && v.type() instanceof DisconnectedType; }

    @Override
    public String toString() { return "DisconnectedType"; }
}
