package org.theanojvm.engine.graph;

/**
 * Creation backtraces. The shim stores in a variable's tag "trace" the text Python's
 * traceback.print_list wrote for the stack where the variable was created; Theano appends it to some
 * error messages (get_variable_trace_string).
 */
public final class Traces {
    private Traces() {}

    /** Theano's get_variable_trace_string: "" without a trace. */
    public static String variableTraceString(Variable v) {
        Object t = v.tag().get("trace");
        if (t == null || t.toString().isEmpty()) return "";
        return " \nBacktrace when that variable is created:\n\n" + t;
    }
}
