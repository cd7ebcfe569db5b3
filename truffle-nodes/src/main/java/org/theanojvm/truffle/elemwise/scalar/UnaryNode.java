package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;

/** Base of one-operand nodes: subclasses give the math in both domains. */
public abstract class UnaryNode extends ScalarNode {
    @Child private ScalarNode x;

    protected UnaryNode(ScalarNode x) { this.x = x; }

    protected abstract double apply(double v);

    /** Integer domain; only reached for ops with an integer implementation. */
    protected long apply(long v) { throw new IllegalStateException(getClass().getSimpleName() + " has no integer domain"); }

    @Override
    public final double executeDouble(VirtualFrame frame) { return apply(x.executeDouble(frame)); }

    @Override
    public final long executeLong(VirtualFrame frame) { return apply(x.executeLong(frame)); }
}
