package org.theanojvm.engine.ops.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.types.DType;

/**
 * A scalar expression graph used as one scalar op (Theano's {@code theano.scalar.Composite}): what
 * elementwise fusion puts inside a single {@code Elemwise{Composite{...}}} so the whole tree is
 * evaluated per element in one loop.
 *
 * <h2>Structure (the whole public API)</h2>
 * <ul>
 *   <li>{@link #nInputs()} scalar inputs, with fixed dtypes {@link #inputDTypes()}.</li>
 *   <li>{@link #nodes()}: a topologically ordered list of {@link Node}s. Each node is a ScalarOp applied
 *       to operand <em>refs</em>: a ref {@code r < nInputs} is input {@code r}; a ref {@code r >= nInputs}
 *       is the result of node {@code r - nInputs}, which always comes earlier in the list.</li>
 *   <li>{@link #outputRefs()}: the refs of the outputs. Elemwise has one output, so it is one ref today;
 *       it is an array so the API does not change if multi-output Elemwise arrives.</li>
 *   <li>{@link #refDType(int)}: the dtype of any ref (inputs as given, nodes inferred by each op's
 *       output dtype rule), so an executor knows where values are rounded.</li>
 * </ul>
 * Nested Composites are allowed as node ops (they evaluate recursively), but fusion flattens them.
 *
 * <h2>Semantics</h2>
 * Evaluation is exactly what the equivalent chain of separate Elemwise nodes would compute: each node
 * runs in its own domain (exact integer arithmetic when its operands and result are discrete and the
 * op has an integer implementation, else double, complex when any operand is complex) and its value is
 * rounded to the node's dtype before later nodes read it (float32 rounding, integer wrap-around), as
 * storing an intermediate array would. The gradient expands the inner graph into tensor-level
 * Elemwise nodes and differentiates those, so every inner op keeps its own gradient rule.
 */
public final class Composite extends ScalarOp {

    /** One inner application: {@code op(operand refs...)}. */
    public record Node(ScalarOp op, int[] operands) implements java.io.Serializable {
        public Node {
            operands = operands.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && n.op.equals(op) && Arrays.equals(n.operands, operands);
        }

        @Override
        public int hashCode() { return op.hashCode() * 31 + Arrays.hashCode(operands); }

        @Override
        public String toString() { return op + Arrays.toString(operands); }
    }

    private final DType[] inputDTypes;
    private final List<Node> nodes;
    private final int[] outputRefs;
    private final DType[] nodeDTypes;
    private final boolean longImpl;
    private final String expr;

    /**
     * @param inputDTypes dtype of each scalar input
     * @param nodes topologically ordered inner nodes (refs as described in the class comment)
     * @param outputRefs refs of the outputs (exactly one for now)
     */
    public Composite(DType[] inputDTypes, List<Node> nodes, int[] outputRefs) {
        super("composite", inputDTypes.length);
        if (outputRefs.length != 1) throw new IllegalArgumentException("Composite supports exactly one output (Elemwise is single-output)");
        this.inputDTypes = inputDTypes.clone();
        this.nodes = List.copyOf(nodes);
        this.outputRefs = outputRefs.clone();
        int nin = inputDTypes.length;
        this.nodeDTypes = new DType[nodes.size()];
        boolean allLong = true;
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (n.op.nin() >= 0 && n.op.nin() != n.operands.length) {
                throw new IllegalArgumentException("node " + k + ": " + n.op + " takes " + n.op.nin() + " operands, got " + n.operands.length);
            }
            DType[] in = new DType[n.operands.length];
            for (int j = 0; j < in.length; j++) {
                int r = n.operands[j];
                if (r < 0 || r >= nin + k) throw new IllegalArgumentException("node " + k + ": operand ref " + r + " is not an input or an earlier node");
                in[j] = refDType(r);
                allLong &= in[j].isDiscrete() || !n.op.readsValue(j);
            }
            nodeDTypes[k] = n.op.outputDType(in);
            allLong &= nodeDTypes[k].isDiscrete() && n.op.hasLongImpl();
        }
        for (int r : outputRefs) {
            if (r < 0 || r >= nin + nodes.size()) throw new IllegalArgumentException("output ref " + r + " out of range");
        }
        this.longImpl = allLong;
        this.expr = format(this.outputRefs[0]);
    }

    public int nInputs() { return inputDTypes.length; }

    public DType[] inputDTypes() { return inputDTypes.clone(); }

    public List<Node> nodes() { return nodes; }

    public int[] outputRefs() { return outputRefs.clone(); }

    /** The dtype of a ref: an input's dtype or the inferred dtype of an inner node. */
    public DType refDType(int ref) { return ref < inputDTypes.length ? inputDTypes[ref] : nodeDTypes[ref - inputDTypes.length]; }

    /** The printed expression inside the braces, e.g. {@code ((i0 * i1) + i2)}. */
    public String expression() { return expr; }

    // ------------------------------------------------------------------ types

    /** The inner graph was typed for {@link #inputDTypes()}; other input dtypes are a type error (as Theano's Composite). */
    @Override
    public DType outputDType(DType[] in) {
        if (!Arrays.equals(in, inputDTypes)) {
            throw new TheanoTypeError(this + " was built for input dtypes " + Arrays.toString(inputDTypes) + ", got " + Arrays.toString(in));
        }
        return refDType(outputRefs[0]);
    }

    @Override
    public boolean hasLongImpl() { return longImpl; }

    // ------------------------------------------------------------------ evaluation

    @Override
    public double evalDouble(double[] x) {
        int nin = inputDTypes.length;
        double[] v = Arrays.copyOf(x, nin + nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            DType od = nodeDTypes[k];
            boolean asLong = computesOnLongs(n, od);
            if (asLong) {
                long[] a = new long[n.operands.length];
                for (int j = 0; j < a.length; j++) a[j] = (long) v[n.operands[j]];
                v[nin + k] = toDouble(wrap(n.op.evalLong(a, od), od), od);
            } else {
                double[] a = new double[n.operands.length];
                for (int j = 0; j < a.length; j++) a[j] = v[n.operands[j]];
                v[nin + k] = round(n.op.evalDouble(a), od);
            }
        }
        return v[outputRefs[0]];
    }

    /**
     * Whether inner node n (output dtype od) computes on exact longs: a discrete result of an op with an
     * integer implementation, every operand whose value it reads discrete too.
     */
    private boolean computesOnLongs(Node n, DType od) {
        boolean asLong = od.isDiscrete() && n.op.hasLongImpl();
        for (int j = 0; j < n.operands.length; j++) asLong &= refDType(n.operands[j]).isDiscrete() || !n.op.readsValue(j);
        return asLong;
    }

    /**
     * Evaluation with every value held as an array of its dtype holds it, as the chain of separate Elemwise
     * nodes stores them: discrete values as exact longs (as {@code NdArray.readLong} reads them: no double
     * holds every uint64 above 2**63 or int64 above 2**53), floats as doubles. A discrete node computed in
     * the double domain (a cast from float, a comparison of floats) stores its result as
     * {@code NdArray.writeDouble} would ({@link #stored}).
     *
     * @param xd the float inputs' values (entries of discrete inputs are ignored)
     * @param xl the discrete inputs' values (entries of float inputs are ignored)
     * @param discreteResult receives the result when the output dtype is discrete
     * @return the result when the output dtype is a float (meaningless otherwise)
     */
    public double evalExact(double[] xd, long[] xl, long[] discreteResult) {
        int nin = inputDTypes.length;
        double[] dv = Arrays.copyOf(xd, nin + nodes.size());
        long[] lv = Arrays.copyOf(xl, nin + nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            DType od = nodeDTypes[k];
            boolean asLong = computesOnLongs(n, od);
            if (asLong) {
                long[] a = new long[n.operands.length];
                for (int j = 0; j < a.length; j++) {
                    int r = n.operands[j];
                    a[j] = refDType(r).isDiscrete() ? lv[r] : (long) dv[r]; // a float operand here is one whose value is not read
                }
                lv[nin + k] = wrap(n.op.evalLong(a, od), od);
            } else {
                double[] a = new double[n.operands.length];
                for (int j = 0; j < a.length; j++) {
                    int r = n.operands[j];
                    a[j] = refDType(r).isDiscrete() ? toDouble(lv[r], refDType(r)) : dv[r];
                }
                double d = n.op.evalDouble(a);
                if (od.isDiscrete()) lv[nin + k] = stored(d, od);
                else dv[nin + k] = round(d, od);
            }
        }
        int out = outputRefs[0];
        discreteResult[0] = lv[out];
        return dv[out];
    }

    /** The long that storing double v in an array of discrete dtype d and reading it back gives (NdArray.writeDouble, readLong). */
    public static long stored(double v, DType d) {
        return switch (d) {
            case BOOL -> v != 0 ? 1 : 0;
            case UINT64 -> v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : toLong(v);
            default -> wrap(toLong(v), d);
        };
    }

    @Override
    public long evalLong(long[] x) { return evalLong(x, refDType(outputRefs[0])); }

    @Override
    public long evalLong(long[] x, DType out) {
        int nin = inputDTypes.length;
        long[] v = Arrays.copyOf(x, nin + nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            long[] a = new long[n.operands.length];
            for (int j = 0; j < a.length; j++) a[j] = v[n.operands[j]];
            v[nin + k] = wrap(n.op.evalLong(a, nodeDTypes[k]), nodeDTypes[k]);
        }
        return v[outputRefs[0]];
    }

    @Override
    public double[] evalComplex(double[][] x) {
        int nin = inputDTypes.length;
        double[][] v = Arrays.copyOf(x, nin + nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            DType od = nodeDTypes[k];
            boolean complex = od.isComplex();
            for (int r : n.operands) complex |= refDType(r).isComplex();
            double[][] a = new double[n.operands.length][];
            for (int j = 0; j < a.length; j++) a[j] = v[n.operands[j]];
            if (complex) {
                double[] r = n.op.evalComplex(a);
                v[nin + k] = od.isComplex() ? new double[] {round(r[0], od), round(r[1], od)} : new double[] {round(r[0], od), 0};
            } else {
                double[] re = new double[a.length];
                for (int j = 0; j < a.length; j++) re[j] = a[j][0];
                // a real node inside a complex expression: same per-node domain rule as evalDouble
                v[nin + k] = new double[] {new Composite(pick(n.operands), List.of(new Node(n.op, seq(a.length))), new int[] {a.length}).evalDouble(re), 0};
            }
        }
        return v[outputRefs[0]];
    }

    private DType[] pick(int[] refs) {
        DType[] d = new DType[refs.length];
        for (int j = 0; j < refs.length; j++) d[j] = refDType(refs[j]);
        return d;
    }

    private static int[] seq(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** A double value as storing it in an array of dtype d and reading it back would give. */
    public static double round(double v, DType d) {
        return switch (d) {
            case FLOAT64, COMPLEX128 -> v;
            case FLOAT32, COMPLEX64 -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BOOL -> v != 0 ? 1 : 0;
            case UINT64 -> v >= 0x1p63 ? v : toDouble(wrap(toLong(v), d), d);
            default -> toDouble(wrap(toLong(v), d), d);
        };
    }

    /** An integer wrapped to dtype d as a C cast (and NdArray.writeLong) does. */
    public static long wrap(long v, DType d) {
        return switch (d) {
            case INT32 -> (int) v;
            case UINT32 -> v & 0xffffffffL;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xffff;
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xff;
            case BOOL -> v != 0 ? 1 : 0;
            default -> v;
        };
    }

    private static long toLong(double v) { return Double.isNaN(v) || Double.isInfinite(v) ? Long.MIN_VALUE : (long) v; }

    /** A discrete value of dtype d as a double (what NdArray.readDouble gives for it). */
    public static double toDouble(long v, DType d) {
        if (d == DType.UINT64 && v < 0) return ((v >>> 1) | (v & 1)) * 2.0;
        return v;
    }

    // ------------------------------------------------------------------ gradient

    /**
     * Expands the inner graph over the tensor inputs (one Elemwise per inner node), then back-propagates
     * {@code gz} through it: each inner op contributes its own gradient rule. Inputs the expression does
     * not use get zeros.
     */
    @Override
    public List<Variable> grad(List<Variable> inputs, Variable output, Variable gz) {
        Variable out = expand(inputs).get(0);
        Map<Variable, Variable> known = new IdentityHashMap<>();
        known.put(out, gz);
        return Gradient.grad(null, inputs, null, "ignore", false, known, "zero", "return");
    }

    /** The outputs as tensor expressions of the given tensor inputs (one Elemwise per inner node). */
    public List<Variable> expand(List<Variable> inputs) {
        int nin = inputDTypes.length;
        Variable[] v = new Variable[nin + nodes.size()];
        for (int i = 0; i < nin; i++) v[i] = inputs.get(i);
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            Variable[] a = new Variable[n.operands.length];
            for (int j = 0; j < a.length; j++) a[j] = v[n.operands[j]];
            v[nin + k] = Elemwise.noInplace(n.op).call(a);
        }
        List<Variable> r = new ArrayList<>();
        for (int o : outputRefs) r.add(v[o]);
        return Collections.unmodifiableList(r);
    }

    // ------------------------------------------------------------------ identity and printing

    @Override
    protected List<Object> props() { return List.of(Arrays.asList(inputDTypes), nodes, Arrays.toString(outputRefs)); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Composite c && Arrays.equals(c.inputDTypes, inputDTypes) && c.nodes.equals(nodes) && Arrays.equals(c.outputRefs, outputRefs);
    }

    @Override
    public int hashCode() { return nodes.hashCode() * 31 + Arrays.hashCode(outputRefs); }

    /** Theano's name: {@code Composite{((i0 * i1) + i2)}}. */
    @Override
    public String toString() { return "Composite{" + expr + "}"; }

    @Override
    public String name() { return toString(); }

    private String format(int ref) {
        int nin = inputDTypes.length;
        if (ref < nin) return "i" + ref;
        Node n = nodes.get(ref - nin);
        List<String> a = new ArrayList<>();
        for (int r : n.operands) a.add(format(r));
        String infix = INFIX.get(n.op.name());
        if (infix != null && a.size() >= 2) return "(" + String.join(" " + infix + " ", a) + ")";
        if (n.op.name().equals("neg")) return "(-" + a.get(0) + ")";
        if (n.op.name().equals("invert")) return "(~" + a.get(0) + ")";
        String fn = n.op instanceof Composite c ? c.toString() : PRINT_NAMES.getOrDefault(n.op.name(), n.op.name());
        return fn + "(" + String.join(", ", a) + ")";
    }

    /** Theano's scalar pprint operators. */
    private static final Map<String, String> INFIX = Map.ofEntries(Map.entry("add", "+"), Map.entry("sub", "-"), Map.entry("mul", "*"),
            Map.entry("true_div", "/"), Map.entry("int_div", "//"), Map.entry("mod", "%"), Map.entry("pow", "**"), Map.entry("and_", "&"),
            Map.entry("or_", "|"), Map.entry("xor", "^"));

    /** Theano's scalar op names where this engine's short names differ. */
    private static final Map<String, String> PRINT_NAMES = Map.ofEntries(Map.entry("lt", "LT"), Map.entry("gt", "GT"), Map.entry("le", "LE"),
            Map.entry("ge", "GE"), Map.entry("eq", "EQ"), Map.entry("neq", "NEQ"), Map.entry("switch", "Switch"), Map.entry("sigmoid", "scalar_sigmoid"),
            Map.entry("softplus", "scalar_softplus"), Map.entry("isnan", "IsNan"), Map.entry("isinf", "IsInf"));
}
