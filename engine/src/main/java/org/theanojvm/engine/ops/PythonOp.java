package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.Type;

/**
 * An op implemented outside Java: a user's {@code theano.Op} subclass written in Python (seed 002's
 * softmax op, {@code as_op} functions...). The engine treats it like any op: it sits in graphs, is
 * cloned by givens, executed by the executor and differentiated by {@code Gradient}; each of those
 * steps calls back into the {@link Implementation} the host language supplies.
 *
 * <p>The engine stays language-neutral: the implementation is a plain Java interface (GraalPy lets a
 * Python object implement it), values cross as {@link NdArray}s and graphs as engine Variables. A
 * failing {@code perform} reports a {@link Failure} instead of throwing through the executor, so the
 * executor can add Theano's "Apply node that caused the error" context while keeping the user's
 * exception kind (the host re-raises the same class).
 */
public final class PythonOp extends Op {

    /** What the host implements. Each method may be called many times; all but perform are graph-time. */
    public interface Implementation {
        /** Op.make_node on new inputs; returns an Apply whose op is this PythonOp (used when clones change input types). */
        Apply makeNode(List<Variable> inputs);

        /** Op.perform: fills {@code outputs} (one array per node output); returns null or the failure. */
        Failure perform(Apply node, NdArray[] inputs, NdArray[] outputs);

        /** Op.L_op / Op.grad: adds one gradient term per input to {@code result}. */
        void grad(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads, List<Variable> result);

        /** Op.R_op: adds one term per output to {@code result} (null entries allowed); false when the op has no R_op. */
        boolean rOp(List<Variable> inputs, List<Variable> evalPoints, List<Variable> result);

        /** Op.connection_pattern: overwrites entries of {@code pattern} (pre-filled with true) when the op defines one. */
        void connectionPattern(Apply node, boolean[][] pattern);
    }

    /** A failed perform: the host exception's class (as the host names it) and its message. */
    public record Failure(String pythonType, String message) {}

    private final Implementation impl;
    private final String name;
    private final String identity;
    private final int defaultOutput;

    /**
     * @param name what str(op) prints (Theano: {@code ClassName{prop=value}} for ops with __props__)
     * @param identity equal strings mean interchangeable ops (Theano's __props__ equality)
     * @param defaultOutput the output a call returns, or -1 (Theano's default_output)
     */
    public PythonOp(Implementation impl, String name, String identity, int defaultOutput) {
        this.impl = impl;
        this.name = name;
        this.identity = identity;
        this.defaultOutput = defaultOutput;
    }

    public Implementation implementation() { return impl; }

    /** Builds a node of this op with outputs of the given types (what the host's theano.Apply(op, inputs, outputs) does). */
    public Apply newApply(List<Variable> inputs, List<? extends Type> outputTypes) { return new Apply(this, inputs, outputTypes); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Apply node = impl.makeNode(inputs);
        if (node == null || node.op() != this) {
            throw new TheanoTypeError(name + ".make_node must return an Apply node of this op, got " + node);
        }
        return node;
    }

    @Override
    public int defaultOutput() { return defaultOutput; }

    @Override
    public NdArray[] perform(Apply node, NdArray[] inputs) {
        NdArray[] out = new NdArray[node.outputs().size()];
        Failure f = impl.perform(node, inputs, out);
        if (f != null) throw new TheanoException(f.pythonType(), List.of(f.message()), null);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new TheanoException("ValueError", List.of(name + ".perform did not set output_storage[" + i + "][0]"), null);
            }
        }
        return out;
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        List<Variable> r = new ArrayList<>();
        impl.grad(inputs, outputs, outputGrads, r);
        return r;
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return lOp(inputs, null, outputGrads);
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) {
        List<Variable> r = new ArrayList<>();
        if (!impl.rOp(inputs, evalPoints, r)) throw new TheanoNotImplementedError(name + " does not implement R_op");
        return r;
    }

    @Override
    public boolean[][] connectionPattern(Apply node) {
        boolean[][] p = new boolean[node.inputs().size()][node.outputs().size()];
        for (boolean[] row : p) Arrays.fill(row, true);
        impl.connectionPattern(node, p);
        return p;
    }

    @Override
    protected List<Object> props() { return List.of(identity); }

    @Override
    public String toString() { return name; }
}
