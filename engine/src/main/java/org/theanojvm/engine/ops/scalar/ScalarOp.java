package org.theanojvm.engine.ops.scalar;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.types.DType;

/**
 * A scalar function applied elementwise by {@link org.theanojvm.engine.ops.Elemwise} (Theano's
 * theano.scalar ops). It declares its output dtype rule and evaluates one element in one of three
 * domains, which Elemwise picks from the dtypes:
 * <ul>
 *   <li>long: all inputs and the output discrete (bool/int) and {@link #hasLongImpl()} — exact integer math;</li>
 *   <li>complex: any complex operand — {@link #evalComplex} (few ops so far);</li>
 *   <li>double: everything else; the result is rounded to the output dtype when stored.</li>
 * </ul>
 * The gradient is given at tensor level ({@link #grad}) over the Elemwise's tensor inputs, which is
 * what Theano's Elemwise builds from the scalar gradient graph.
 */
public abstract class ScalarOp implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** The engine's constant scalar ops by "holder class#name", for unpickling (see StaticScalarOpRef). */
    private static final java.util.Map<String, ScalarOp> STATIC_INSTANCES = new java.util.concurrent.ConcurrentHashMap<>();

    private final String name;
    private final int nin;
    /** The class whose static initializer created this op (so it is one of its constants), else null. */
    private final transient String staticHolder;

    /** @param nin number of inputs, or -1 for variadic (add, mul) */
    protected ScalarOp(String name, int nin) {
        this.name = name;
        this.nin = nin;
        this.staticHolder = registerIfStatic(this, name);
    }

    /** Records an op made by a class initializer (EXP = new UnaryFloat(...)) as that class's constant. */
    private static String registerIfStatic(ScalarOp op, String name) {
        String holder = StackWalker.getInstance().walk(frames -> frames.limit(12)
                .filter(f -> f.getMethodName().equals("<clinit>")).findFirst().map(StackWalker.StackFrame::getClassName).orElse(null));
        if (holder == null) return null;
        return STATIC_INSTANCES.putIfAbsent(holder + "#" + name, op) == null ? holder : null;
    }

    /** The constant scalar op called name that holderClass declares (initializing that class), or null. */
    public static ScalarOp staticInstance(String holderClass, String name) {
        try {
            Class.forName(holderClass, true, ScalarOp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return STATIC_INSTANCES.get(holderClass + "#" + name);
    }

    /**
     * The engine's constant scalar ops by name (theano.scalar.exp, .add...), after initializing the
     * classes that declare them; the first declared wins when two share a name.
     */
    public static java.util.Map<String, ScalarOp> constants(String... holderClasses) {
        for (String h : holderClasses) {
            try {
                Class.forName(h, true, ScalarOp.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // an engine without that family of ops: its names are simply absent
            }
        }
        java.util.Map<String, ScalarOp> byName = new java.util.TreeMap<>();
        for (var e : STATIC_INSTANCES.entrySet()) byName.putIfAbsent(e.getKey().substring(e.getKey().indexOf('#') + 1), e.getValue());
        return byName;
    }

    /** Constants are written by reference (their math is held in lambdas); other scalar ops by their fields. */
    @java.io.Serial
    protected Object writeReplace() {
        return staticHolder != null ? new org.theanojvm.engine.persist.StaticScalarOpRef(staticHolder, name) : this;
    }

    public String name() { return name; }

    public int nin() { return nin; }

    /** Output dtype for these input dtypes (Theano's output_types_preference); throws TypeError if unsupported. */
    public abstract DType outputDType(DType[] in);

    public double evalDouble(double[] x) {
        throw new TheanoNotImplementedError(name + " has no floating-point implementation");
    }

    /** Integer-domain evaluation; only called when {@link #hasLongImpl()}. */
    public long evalLong(long[] x) {
        throw new TheanoNotImplementedError(name + " has no integer implementation");
    }

    public boolean hasLongImpl() { return false; }

    /**
     * Whether the op's result depends on this input's value, not only on its shape. The evaluation domain
     * (long or double) is chosen from the inputs whose values are read: fill(x, y) of a float model x and
     * int64 y copies y exactly, in the long domain, where reading y as a double would round it above 2**53.
     */
    public boolean readsValue(int input) { return true; }

    /** Integer-domain evaluation knowing the output dtype (bool results need it, e.g. invert). */
    public long evalLong(long[] x, DType out) { return evalLong(x); }

    /** Complex evaluation: x[i] = {re, im}; returns {re, im}. */
    public double[] evalComplex(double[][] x) {
        throw new TheanoNotImplementedError(name + " is not implemented for complex numbers yet");
    }

    /**
     * Gradient of sum(output * gz) with respect to each input, as tensor expressions in the Elemwise
     * inputs, output and output gradient (not yet summed over broadcast dimensions: Elemwise does that).
     * A null entry means "undefined"; Elemwise turns it into a NullType.
     */
    public abstract List<Variable> grad(List<Variable> inputs, Variable output, Variable gz);

    /** Parameters that distinguish instances (e.g. Cast's dtype). */
    protected List<Object> props() { return List.of(); }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ScalarOp) o).name.equals(name) && props().equals(((ScalarOp) o).props());
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + props().hashCode(); }

    @Override
    public String toString() { return name; }

    // ---------------------------------------------------------------- output dtype rules (Theano names)

    /** upcast_out: NumPy promotion with floatX rule. */
    public static DType upcastOut(DType[] in) { return DType.upcast(Arrays.asList(in)); }

    /** upcast_out_nobool: like upcast_out but bool alone is not allowed. */
    public static DType upcastOutNoBool(String op, DType[] in) {
        DType d = upcastOut(in);
        if (d == DType.BOOL) throw new TheanoTypeError(op + " does not support bool inputs");
        return d;
    }

    /** same_out: the dtype of the first input. */
    public static DType sameOut(DType[] in) { return in[0]; }

    /** upgrade_to_float: ints become float32 (8/16-bit) or float64, then upcast. */
    public static DType upgradeToFloat(DType[] in) { return DType.upgradeToFloat(in); }

    public static DType upgradeToFloatNoComplex(String op, DType[] in) {
        for (DType d : in) {
            if (d.isComplex()) throw new TheanoTypeError(op + " does not support complex inputs");
        }
        return DType.upgradeToFloat(in);
    }

    /** same_out_float_only. */
    public static DType sameOutFloatOnly(String op, DType[] in) {
        if (!in[0].isFloat()) throw new TheanoTypeError("type not supported: " + in[0] + " (" + op + " needs a float input)");
        return in[0];
    }

    /** Integer (or bool) inputs only, upcast (bitwise ops). */
    public static DType intOut(String op, DType[] in) {
        for (DType d : in) {
            if (!d.isDiscrete()) throw new TheanoTypeError(op + " only supports integer and bool inputs, got " + d);
        }
        return upcastOut(in);
    }
}
