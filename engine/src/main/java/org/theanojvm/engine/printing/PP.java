package org.theanojvm.engine.printing;

import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.DimShuffle;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ScalarOp;

/**
 * theano.printing.pp (the default PPrinter): operators print infix and always parenthesized,
 * {@code (x ** TensorConstant{2})}; tensor-level elementwise functions print as {@code exp(x)};
 * DimShuffles that only add leading broadcastable axes are invisible, full reversals print
 * {@code x.T}; other ops print {@code str(op)(inputs)}; leaves print their str (Greek names as letters).
 */
public final class PP {
    private PP() {}

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("add", "+"), Map.entry("sub", "-"), Map.entry("mul", "*"), Map.entry("true_div", "/"),
            Map.entry("int_div", "//"), Map.entry("mod", "%"), Map.entry("pow", "**"), Map.entry("neg", "-"),
            Map.entry("and_", "&"), Map.entry("or_", "|"), Map.entry("xor", "^"), Map.entry("invert", "~"),
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("le", "<="), Map.entry("ge", ">="),
            Map.entry("eq", "=="), Map.entry("neq", "!="));

    /** Tensor-level function names that differ from the scalar op name. */
    private static final Map<String, String> FUNCTIONS = Map.of("second", "fill");

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "\u03b1"), Map.entry("beta", "\u03b2"), Map.entry("gamma", "\u03b3"), Map.entry("delta", "\u03b4"),
            Map.entry("epsilon", "\u03b5"));

    public static String pp(Variable v) {
        Apply node = v.owner();
        if (node == null) {
            String n = v.name();
            if (n != null && GREEK.containsKey(n)) return GREEK.get(n);
            return v.toString();
        }
        if (node.op() instanceof Elemwise ew && ew.toString().endsWith(",no_inplace}")) {
            ScalarOp s = ew.scalarOp();
            String op = OPERATORS.get(s.name());
            if (op != null) {
                StringBuilder sb = new StringBuilder("(");
                if (node.inputs().size() == 1) {
                    sb.append(op).append(pp(node.inputs().get(0)));
                } else {
                    for (int i = 0; i < node.inputs().size(); i++) {
                        if (i > 0) sb.append(' ').append(op).append(' ');
                        sb.append(pp(node.inputs().get(i)));
                    }
                }
                return sb.append(')').toString();
            }
            return FUNCTIONS.getOrDefault(s.name(), s.name()) + "(" + args(node) + ")";
        }
        if (node.op() instanceof DimShuffle ds) {
            int[] order = ds.newOrder();
            int start = 0;
            while (start < order.length && order[start] < 0) start++;
            Variable in = node.inputs().get(0);
            int nd = in.ndim();
            boolean identity = order.length - start == nd, reversed = order.length - start == nd;
            for (int i = start; i < order.length; i++) {
                identity &= order[i] == i - start;
                reversed &= order[i] == nd - 1 - (i - start);
            }
            if (identity) return pp(in);
            if (reversed) return pp(in) + ".T";
            StringBuilder sb = new StringBuilder("DimShuffle{");
            for (int i = start; i < order.length; i++) {
                if (i > start) sb.append(", ");
                sb.append(order[i] < 0 ? "x" : Integer.toString(order[i]));
            }
            return sb.append("}(").append(pp(in)).append(")").toString();
        }
        return node.op() + "(" + args(node) + ")";
    }

    private static String args(Apply node) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < node.inputs().size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(pp(node.inputs().get(i)));
        }
        return sb.toString();
    }
}
