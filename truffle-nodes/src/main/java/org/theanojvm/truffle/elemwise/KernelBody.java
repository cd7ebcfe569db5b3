package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import org.theanojvm.truffle.elemwise.scalar.ScalarNode;

/**
 * What a kernel does for one element: load each operand into its frame slot, evaluate the scalar
 * expression tree, store the result. The domain (long or double) and the dtype accessors are
 * compilation-final, so after partial evaluation this is straight-line code.
 */
public final class KernelBody extends Node {
    @CompilationFinal(dimensions = 1) private final ElementAccess[] reads;
    @CompilationFinal(dimensions = 1) private final int[] slots;
    @CompilationFinal(dimensions = 1) private final boolean[] literal; // a constant in the tree: nothing to load
    private final ElementAccess write;
    private final boolean longDomain;
    @Child private ScalarNode expr;

    public KernelBody(ElementAccess[] reads, int[] slots, boolean[] literal, ElementAccess write, boolean longDomain, ScalarNode expr) {
        this.reads = reads;
        this.slots = slots;
        this.literal = literal;
        this.write = write;
        this.longDomain = longDomain;
        this.expr = expr;
    }

    public int operands() { return reads.length; }

    public void load(VirtualFrame frame, int k, Object base, int index) {
        if (literal[k]) return;
        if (longDomain) frame.setLong(slots[k], reads[k].readLong(base, index));
        else frame.setDouble(slots[k], reads[k].readDouble(base, index));
    }

    public void computeAndStore(VirtualFrame frame, Object outBase, int outIndex) {
        if (longDomain) write.writeLong(outBase, outIndex, expr.executeLong(frame));
        else write.writeDouble(outBase, outIndex, expr.executeDouble(frame));
    }
}
