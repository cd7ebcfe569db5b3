package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;

/** A scalar constant inside a fused expression (a Composite's constant operand). */
public final class ConstantNode extends ScalarNode {
    private final double d;
    private final long l;

    public ConstantNode(double d, long l) {
        this.d = d;
        this.l = l;
    }

    @Override
    public double executeDouble(VirtualFrame frame) { return d; }

    @Override
    public long executeLong(VirtualFrame frame) { return l; }
}
