package org.theanojvm.truffle.fuzz;

import java.util.List;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.printing.DebugPrint;
import org.theanojvm.engine.scan.ScanOp;
import org.theanojvm.engine.types.DType;

/**
 * One generated graph: its inputs, the values to call it with, its outputs (with whether each must be
 * bit-exact in every executor, see {@link Sym#exact}), and the names of the ops the generator applied
 * (for coverage counts). The same seed always gives the same case.
 */
record FuzzCase(long seed, List<Variable> inputs, List<NdArray> values, List<Variable> outputs, List<Boolean> exactOutputs, List<String> ops) {

    /** Theano's debugprint of the outputs (inner scan graphs included), for reproducing a mismatch. */
    String debugprint() {
        DebugPrint p = new DebugPrint("CHAR", true, false);
        for (Variable o : outputs) p.printRoot(o, null, -1);
        p.printInnerGraphs(-1);
        return p.text();
    }

    /**
     * The least precise float dtype among output i and every value it is computed from (scan bodies
     * included): a float64 output computed from float32 values carries float32 rounding differences, so it
     * is compared with float32's tolerance. Null when no float value is involved.
     */
    DType coarsestFloat(int i) {
        DType coarsest = null;
        List<Variable> todo = new java.util.ArrayList<>(List.of(outputs.get(i)));
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            for (Variable v : Graphs.ancestors(todo, null)) {
                if (!seen.add(v)) continue;
                if (v.isTensor() && v.dtype().isContinuous()) coarsest = coarser(coarsest, v.dtype().realPart());
                if (v.owner() != null && v.owner().op() instanceof ScanOp scan && seen.add(scan)) todo.addAll(scan.inner().outputs());
            }
            todo.removeIf(seen::contains);
        }
        return coarsest;
    }

    private static DType coarser(DType a, DType b) { return a == null || b.itemsize() < a.itemsize() ? b : a; }

    /** The inputs with their values' dtype, shape and layout. */
    String describeInputs() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            NdArray v = values.get(i);
            sb.append("  ").append(inputs.get(i)).append(": ").append(inputs.get(i).type()).append(" value ")
                    .append(NdArray.shapeString(v.shape())).append(" strides ").append(NdArray.shapeString(v.strides()))
                    .append(v.size() <= 12 ? " = " + v.toString().replace('\n', ' ') : "").append('\n');
        }
        return sb.toString();
    }
}
