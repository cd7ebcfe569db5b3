package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;

/**
 * One node of a scalar expression tree evaluated once per element by an elementwise kernel. A tree is
 * built for one evaluation domain, the one the reference {@code Elemwise.perform} picks from the dtypes:
 * {@link #executeLong} when every operand and the result are discrete and the op has an integer
 * implementation, {@link #executeDouble} otherwise (the result is rounded to the output dtype when the
 * kernel stores it). Operand values are read from frame slots that the kernel fills per element.
 */
public abstract class ScalarNode extends Node {
    public abstract double executeDouble(VirtualFrame frame);

    public abstract long executeLong(VirtualFrame frame);
}
