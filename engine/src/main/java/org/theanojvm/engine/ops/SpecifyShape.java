package org.theanojvm.engine.ops;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DisconnectedType;

/** x, checked at run time to have the given shape (theano.tensor.SpecifyShape, printed {@code SpecifyShape}). */
public final class SpecifyShape extends Op {
    public static final SpecifyShape INSTANCE = new SpecifyShape();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0), shape = inputs.get(1);
        if (shape.ndim() != 1 || !shape.dtype().isInteger()) throw new TheanoTypeError("Shape must be integers: " + shape.type());
        if (shape instanceof Constant c && c.data().size() != x.ndim()) {
            throw new TheanoValueError("The size of the shape must be equal to the number of dimensions of x (" + x.ndim() + ")");
        }
        return new Apply(this, inputs, List.of(x.type()));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        long[] s = in[1].toLongArray();
        if (s.length != x.ndim()) throw new TheanoAssertionError("");
        if (!Arrays.equals(s, x.shape())) {
            // Theano's assert message is the tuple ("got shape", x.shape, "expected", shape)
            throw new TheanoAssertionError("('got shape', " + NdArray.shapeString(x.shape()) + ", 'expected', " + in[1].repr() + ")");
        }
        return new NdArray[] {x};
    }

    @Override
    public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}}; }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return Arrays.asList(outputGrads.get(0), DisconnectedType.make());
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        if (ev.get(0) == null) return Collections.singletonList(null);
        return List.of(call(ev.get(0), inputs.get(1)));
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "SpecifyShape"; }
}
