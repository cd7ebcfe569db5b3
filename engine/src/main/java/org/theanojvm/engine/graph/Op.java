package org.theanojvm.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.NullType;

/**
 * An operation. Subclasses implement:
 * <ul>
 *   <li>{@link #makeNode}: check and convert inputs, infer output types, return the Apply;</li>
 *   <li>{@link #perform}: the reference implementation on NdArrays (fresh outputs or views of inputs);</li>
 *   <li>{@link #grad} (or {@link #lOp}): the symbolic gradient; {@link #rOp} when available;</li>
 *   <li>{@link #props}: the parameters that make two instances interchangeable (Theano's __props__),
 *       from which equals/hashCode follow, so identical nodes can be merged;</li>
 *   <li>{@link #toString}: the name Theano prints.</li>
 * </ul>
 */
public abstract class Op implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;


    public abstract Apply makeNode(List<Variable> inputs);

    /** The input whose buffer this op overwrites with its output (Theano's destroy_map), or -1. */
    public int destroyedInput() { return -1; }

    public final Apply makeNode(Variable... inputs) { return makeNode(Arrays.asList(inputs)); }

    /** Apply the op and return its (default) output, like calling a Theano op. */
    public Variable call(Variable... inputs) { return makeNode(inputs).defaultOutput(); }

    /** Apply the op and return all outputs. */
    public List<Variable> callAll(Variable... inputs) { return makeNode(inputs).outputs(); }

    /** Index of the output a plain call returns when there are several, or -1. */
    public int defaultOutput() { return -1; }

    /** Compute the outputs. Inputs must not be modified; outputs may be views of inputs. */
    public abstract NdArray[] perform(Apply node, NdArray[] inputs);

    /**
     * The gradient of the cost with respect to each input, given the gradients with respect to each
     * output (none is disconnected: the driver substitutes zeros). Default: not implemented, returned
     * as NullType variables as Theano's grad_not_implemented does.
     */
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        List<Variable> r = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) r.add(gradNotImplemented(this, i, inputs.get(i)));
        return r;
    }

    /** Like grad but also given the node's outputs (Theano's L_op); defaults to grad. */
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        return grad(inputs, outputGrads);
    }

    /** The R-operator: directional derivative of each output along evalPoints (null = zero/none). */
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) {
        throw new TheanoNotImplementedError(getClass().getSimpleName() + " does not implement R_op");
    }

    /** connectionPattern[i][j]: whether output j depends on input i (default: all true). */
    public boolean[][] connectionPattern(Apply node) {
        boolean[][] p = new boolean[node.inputs().size()][node.outputs().size()];
        for (boolean[] row : p) Arrays.fill(row, true);
        return p;
    }

    /** The parameters that identify this op (Theano's __props__ values). */
    protected abstract List<Object> props();

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && deepEquals(props(), ((Op) o).props());
    }

    private static boolean deepEquals(List<Object> a, List<Object> b) {
        return Arrays.deepEquals(a.toArray(), b.toArray());
    }

    @Override
    public final int hashCode() { return getClass().hashCode() * 31 + Arrays.deepHashCode(props().toArray()); }

    @Override
    public abstract String toString();

    /** Theano's grad_not_implemented: a NullType variable explaining the missing gradient. */
    public static Variable gradNotImplemented(Op op, int xPos, Variable x) {
        return new NullType("This variable is Null because the grad method for input " + xPos + " (" + x + ") of the "
                + op + " op is not implemented.").makeVariable(null);
    }

    /** Theano's grad_undefined: the gradient is mathematically undefined. */
    public static Variable gradUndefined(Op op, int xPos, Variable x, String comment) {
        return new NullType("This variable is Null because the grad method for input " + xPos + " (" + x + ") of the "
                + op + " op is mathematically undefined. " + (comment == null ? "" : comment)).makeVariable(null);
    }

    /** grad_undefined for every input: the grad of ops with integer or index outputs (Eye, UnravelIndex...). */
    public static List<Variable> gradUndefinedForEveryInput(Op op, List<Variable> inputs) {
        List<Variable> grads = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) grads.add(gradUndefined(op, i, inputs.get(i), null));
        return grads;
    }
}
