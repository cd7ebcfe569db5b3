package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;

/** Base of two-operand nodes; variadic add/mul are folded into chains of these, left to right like the reference. */
public abstract class BinaryNode extends ScalarNode {
    @Child private ScalarNode a;
    @Child private ScalarNode b;

    protected BinaryNode(ScalarNode a, ScalarNode b) {
        this.a = a;
        this.b = b;
    }

    protected abstract double apply(double x, double y);

    protected abstract long apply(long x, long y);

    @Override
    public final double executeDouble(VirtualFrame frame) { return apply(a.executeDouble(frame), b.executeDouble(frame)); }

    @Override
    public final long executeLong(VirtualFrame frame) { return apply(a.executeLong(frame), b.executeLong(frame)); }
}
