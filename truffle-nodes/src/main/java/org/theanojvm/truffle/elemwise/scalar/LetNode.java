package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;

/**
 * Shared subexpressions of a fused expression (an inner Composite result read by several inner
 * nodes): each is evaluated once per element into its frame slot, in the Composite's topological
 * order, before the body, whose {@link OperandNode}s read them back. Without this a DAG would be
 * evaluated as a tree, repeating work exponentially in the worst case.
 */
public final class LetNode extends ScalarNode {
    @CompilationFinal(dimensions = 1) private final int[] slots;
    @CompilationFinal(dimensions = 1) private final boolean[] asLong;
    @Children private final ScalarNode[] values;
    @Child private ScalarNode body;

    public LetNode(int[] slots, boolean[] asLong, ScalarNode[] values, ScalarNode body) {
        this.slots = slots;
        this.asLong = asLong;
        this.values = values;
        this.body = body;
    }

    @ExplodeLoop
    private void bind(VirtualFrame frame) {
        for (int i = 0; i < values.length; i++) {
            if (asLong[i]) frame.setLong(slots[i], values[i].executeLong(frame));
            else frame.setDouble(slots[i], values[i].executeDouble(frame));
        }
    }

    @Override
    public double executeDouble(VirtualFrame frame) {
        bind(frame);
        return body.executeDouble(frame);
    }

    @Override
    public long executeLong(VirtualFrame frame) {
        bind(frame);
        return body.executeLong(frame);
    }
}
