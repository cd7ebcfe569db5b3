package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.types.DType;

/**
 * Any ScalarOp without a dedicated node: calls the op's own evalDouble/evalLong, so every scalar op
 * runs in fused kernels with the reference's exact semantics. The op is a final field, so the Graal
 * partial evaluator sees a constant receiver and inlines its eval method; the argument array does
 * not escape and is scalar-replaced.
 */
public final class GenericScalarOpNode extends ScalarNode {
    private final ScalarOp op;
    private final DType outDtype; // evalLong needs it (bool results of invert)
    @Children private final ScalarNode[] args;

    public GenericScalarOpNode(ScalarOp op, DType outDtype, ScalarNode[] args) {
        this.op = op;
        this.outDtype = outDtype;
        this.args = args;
    }

    /** The op this node delegates to (tests check that no fused Composite runs through here). */
    public ScalarOp op() { return op; }

    @Override
    @ExplodeLoop
    public double executeDouble(VirtualFrame frame) {
        double[] x = new double[args.length];
        for (int i = 0; i < args.length; i++) x[i] = args[i].executeDouble(frame);
        return op.evalDouble(x);
    }

    @Override
    @ExplodeLoop
    public long executeLong(VirtualFrame frame) {
        long[] x = new long[args.length];
        for (int i = 0; i < args.length; i++) x[i] = args[i].executeLong(frame);
        return op.evalLong(x, outDtype);
    }
}
