package org.theanojvm.engine.ops;

import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.TensorType;

/**
 * Changes the broadcastable flags of some axes (patternbroadcast / addbroadcast / unbroadcast),
 * checking at run time that axes marked broadcastable have length 1. Printed {@code Rebroadcast{?,0}}.
 */
public final class Rebroadcast extends Op {
    private final TreeMap<Integer, Boolean> axis;

    public Rebroadcast(java.util.Map<Integer, Boolean> axis) { this.axis = new TreeMap<>(axis); }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        boolean[] b = x.broadcastable();
        for (var e : axis.entrySet()) {
            if (e.getKey() >= b.length) {
                throw new TheanoValueError("Trying to rebroadcast non-existent dimension " + e.getKey());
            }
            b[e.getKey()] = e.getValue();
        }
        return new Apply(this, List.of(x), List.of(new TensorType(x.dtype(), b)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        for (var e : axis.entrySet()) {
            if (e.getValue() && in[0].shape(e.getKey()) != 1) {
                throw new TheanoValueError("Dimension " + e.getKey() + " in Rebroadcast's input was supposed to be 1 (got "
                        + in[0].shape(e.getKey()) + " instead)");
            }
        }
        return new NdArray[] {in[0]};
    }

    /** The gradient gets the input's flags back on the same axes. */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0);
        TreeMap<Integer, Boolean> back = new TreeMap<>();
        for (Integer k : axis.keySet()) back.put(k, x.broadcastable()[k]);
        return List.of(new Rebroadcast(back).call(outputGrads.get(0)));
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
        if (ev.get(0) == null) return Collections.singletonList(null);
        return List.of(call(ev.get(0)));
    }

    @Override
    protected List<Object> props() { return List.of(axis); }

    @Override
    public String toString() {
        if (axis.isEmpty()) return "Rebroadcast{}";
        String[] p = new String[axis.lastKey() + 1];
        java.util.Arrays.fill(p, "?");
        for (var e : axis.entrySet()) p[e.getKey()] = e.getValue() ? "1" : "0";
        return "Rebroadcast{" + String.join(",", p) + "}";
    }
}
