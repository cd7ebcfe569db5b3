package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;

/** A leaf: the current element of one kernel operand (or a shared subexpression), held in a frame slot. */
public final class OperandNode extends ScalarNode {
    private final int slot;

    public OperandNode(int slot) { this.slot = slot; }

    @Override
    public double executeDouble(VirtualFrame frame) { return frame.getDouble(slot); }

    @Override
    public long executeLong(VirtualFrame frame) { return frame.getLong(slot); }
}
