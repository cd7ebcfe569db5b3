package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import org.theanojvm.truffle.elemwise.scalar.ScalarNode;

/**
 * What a kernel does for one element: load each operand into its frame slot, evaluate the scalar
 * expression tree, store the result. Each operand's domain (long or double; a fused Composite holds
 * discrete values as longs even in a double kernel), the result's and the dtype accessors are
 * compilation-final, so after partial evaluation this is straight-line code.
 */
public final class KernelBody extends Node {
    @CompilationFinal(dimensions = 1) private final ElementAccess[] reads;
    @CompilationFinal(dimensions = 1) private final int[] slots;
    @CompilationFinal(dimensions = 1) private final boolean[] literal; // a constant in the tree: nothing to load
    private final ElementAccess write;
    @CompilationFinal(dimensions = 1) private final boolean[] loadLong; // operand k loaded as a long (else a double)
    private final boolean storeLong;
    @Child private ScalarNode expr;

    public KernelBody(ElementAccess[] reads, int[] slots, boolean[] literal, ElementAccess write, boolean[] loadLong, boolean storeLong, ScalarNode expr) {
        this.reads = reads;
        this.slots = slots;
        this.literal = literal;
        this.write = write;
        this.loadLong = loadLong;
        this.storeLong = storeLong;
        this.expr = expr;
    }

    public int operands() { return reads.length; }

    public void load(VirtualFrame frame, int k, Object base, int index) {
        if (literal[k]) return;
        if (loadLong[k]) frame.setLong(slots[k], reads[k].readLong(base, index));
        else frame.setDouble(slots[k], reads[k].readDouble(base, index));
    }

    public void computeAndStore(VirtualFrame frame, Object outBase, int outIndex) {
        if (storeLong) write.writeLong(outBase, outIndex, expr.executeLong(frame));
        else write.writeDouble(outBase, outIndex, expr.executeDouble(frame));
    }
}
