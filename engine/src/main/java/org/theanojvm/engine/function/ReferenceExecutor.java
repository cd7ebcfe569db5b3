package org.theanojvm.engine.function;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoRuntimeError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.printing.DebugPrint;

/**
 * The numerical oracle: walks the graph in topological order calling {@link org.theanojvm.engine.graph.Op#perform}.
 * Deliberately simple; faster executors are checked against it. It verifies that every op returns
 * values of its declared dtype and rank, and wraps op failures with Theano's context lines
 * (raise_with_op), keeping the Python exception kind of the original error.
 */
public final class ReferenceExecutor {
    private ReferenceExecutor() {}

    /** Runs the graph on input values (in fgraph.inputs() order) and returns the output values (may alias inputs). */
    public static NdArray[] run(FunctionGraph fg, List<NdArray> inputValues) { return run(fg, inputValues, null); }

    /** {@link #run}, showing every value to an observer (NanGuardMode, MonitorMode), or to none when null. */
    public static NdArray[] run(FunctionGraph fg, List<NdArray> inputValues, NodeObserver observer) {
        Map<Variable, NdArray> storage = new IdentityHashMap<>();
        for (int i = 0; i < fg.inputs().size(); i++) storage.put(fg.inputs().get(i), inputValues.get(i));
        if (observer != null) observer.inputs(fg.inputs(), inputValues);
        List<Apply> order = fg.toposort();
        for (int n = 0; n < order.size(); n++) {
            Apply node = order.get(n);
            NdArray[] ins = new NdArray[node.inputs().size()];
            for (int k = 0; k < ins.length; k++) ins[k] = valueOf(node.inputs().get(k), storage);
            if (observer != null) observe(observer, true, fg, node, n, ins, null);
            NdArray[] outs;
            try {
                outs = node.op().perform(node, ins);
            } catch (TheanoException e) {
                throw withOpContext(e.pythonExceptionType(), e.getMessage(), e, fg, node, n, ins);
            } catch (RuntimeException e) {
                throw withOpContext(TheanoRuntimeError.PYTHON_TYPE, e.toString(), e, fg, node, n, ins);
            }
            for (int k = 0; k < outs.length; k++) {
                Variable ov = node.outputs().get(k);
                NdArray v = outs[k];
                if (ov.isTensor() && (v.dtype() != ov.dtype() || v.ndim() != ov.ndim())) {
                    throw new TheanoAssertionError("Op " + node.op() + " returned a " + v.dtype() + " " + v.ndim() + "-d value for output " + k
                            + " of type " + ov.type() + " (engine bug)");
                }
                storage.put(ov, v);
            }
            if (observer != null) observe(observer, false, fg, node, n, ins, outs);
        }
        NdArray[] r = new NdArray[fg.outputs().size()];
        for (int i = 0; i < r.length; i++) r[i] = valueOf(fg.outputs().get(i), storage);
        return r;
    }

    /**
     * Shows a node's values to the observer. What it raises (NanGuardMode's "NaN detected", a
     * MonitorMode callback's error) gets the node's context, as Theano's VM adds to errors from its
     * per-node callbacks.
     */
    private static void observe(NodeObserver observer, boolean beforeNode, FunctionGraph fg, Apply node, int index, NdArray[] ins,
            NdArray[] outs) {
        try {
            if (beforeNode) observer.before(index, node, ins);
            else observer.after(index, node, ins, outs);
        } catch (TheanoException e) {
            if (e.getMessage() != null && e.getMessage().contains("Apply node that caused the error")) throw e;
            throw withOpContext(e.pythonExceptionType(), e.getMessage(), e, fg, node, index, ins);
        }
    }

    private static NdArray valueOf(Variable v, Map<Variable, NdArray> storage) {
        NdArray a = storage.get(v);
        if (a != null) return a;
        if (v instanceof Constant c) return c.data();
        throw new TheanoAssertionError("no value computed for " + v + " (engine bug)");
    }

    /** Theano 1.0's raise_with_op message, appended to the original error text. */
    static TheanoException withOpContext(String pyType, String msg, Throwable cause, FunctionGraph fg, Apply node, int index, NdArray[] ins) {
        StringBuilder sb = new StringBuilder(msg == null ? "" : msg);
        sb.append("\nApply node that caused the error: ").append(node);
        sb.append("\nToposort index: ").append(index);
        List<String> types = new ArrayList<>(), shapes = new ArrayList<>(), strides = new ArrayList<>(), values = new ArrayList<>();
        for (int k = 0; k < ins.length; k++) {
            types.add(node.inputs().get(k).type().toString());
            shapes.add(NdArray.shapeString(ins[k].shape()));
            strides.add(NdArray.shapeString(ins[k].strides()));
            values.add(ins[k].size() <= 5 ? ins[k].repr() : "'not shown'");
        }
        sb.append("\nInputs types: ").append(list(types)).append('\n');
        sb.append("Inputs shapes: ").append(list(shapes));
        sb.append("\nInputs strides: ").append(list(strides));
        sb.append("\nInputs values: ").append(list(values));
        boolean high = Config.exceptionVerbosity().equals("high");
        if (high) {
            List<String> nums = new ArrayList<>();
            for (NdArray a : ins) nums.add(Integer.toString(typeNum(a.dtype())));
            sb.append("\nInputs type_num: ").append(list(nums));
        }
        List<String> clients = new ArrayList<>();
        for (Variable o : node.outputs()) {
            List<String> cs = new ArrayList<>();
            for (FunctionGraph.Client c : fg.clients(o)) cs.add(c.toString());
            clients.add(list(cs));
        }
        sb.append("\nOutputs clients: ").append(list(clients)).append('\n');
        List<String> hints = new ArrayList<>();
        Object trace = node.outputs().isEmpty() ? null : node.outputs().get(0).tag().get("trace");
        if (trace != null && !trace.toString().isEmpty()) {
            sb.append("\nBacktrace when the node is created(use Theano flag traceback.limit=N to make it longer):\n").append(trace);
        } else {
            hints.add("HINT: Re-running with most Theano optimization disabled could give you a back-trace of when this node was created. "
                    + "This can be done with by setting the Theano flag 'optimizer=fast_compile'. If that does not work, Theano optimizations "
                    + "can be disabled with 'optimizer=None'.");
        }
        if (high) {
            DebugPrint p = new DebugPrint("CHAR", true, true);
            for (Variable o : node.outputs()) p.print(o, null, -1);
            sb.append("\nDebugprint of the apply node: \n").append(p.text());
        } else {
            hints.add("HINT: Use the Theano flag 'exception_verbosity=high' for a debugprint and storage map footprint of this apply node.");
        }
        sb.append('\n').append(String.join("\n", hints));
        return new TheanoException(pyType, List.of(sb.toString()), cause);
    }

    /** NumPy's dtype.num (Linux x86-64), which Theano prints as "Inputs type_num". */
    static int typeNum(org.theanojvm.engine.types.DType d) {
        return switch (d.npName()) {
            case "bool" -> 0;
            case "int8" -> 1;
            case "uint8" -> 2;
            case "int16" -> 3;
            case "uint16" -> 4;
            case "int32" -> 5;
            case "uint32" -> 6;
            case "int64" -> 7;
            case "uint64" -> 8;
            case "float16" -> 23;
            case "float32" -> 11;
            case "float64" -> 12;
            case "complex64" -> 14;
            case "complex128" -> 15;
            default -> -1;
        };
    }

    private static String list(List<String> items) { return "[" + String.join(", ", items) + "]"; }
}
