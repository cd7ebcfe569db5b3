package org.theanojvm.engine.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;
import org.theanojvm.engine.types.Type;

/**
 * A node of the graph holding a value of a {@link Type}: a graph input (no owner), an op output
 * ({@code owner().outputs().get(index())}), a {@link Constant} or a {@link SharedVariable}.
 * Identity is object identity, as in Theano. The tag map is free-form metadata (e.g. "trace": the
 * Python creation backtrace the shim wants in error messages, "test_value").
 */
public class Variable implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final Type type;
    Apply owner;
    int index;
    private String name;
    /** Not persisted: it holds the shim's Python wrappers and creation traces of this process. */
    private transient Map<String, Object> tag = new LinkedHashMap<>();

    public Variable(Type type, Apply owner, int index, String name) {
        this.type = type;
        this.owner = owner;
        this.index = index;
        this.name = name;
    }

    /** A fresh unowned variable of a type, e.g. {@code new Variable(TensorType.vector(FLOAT64), "x")}. */
    public Variable(Type type, String name) { this(type, null, 0, name); }

    public Type type() { return type; }

    public boolean isTensor() { return type instanceof TensorType; }

    public TensorType tensorType() {
        if (type instanceof TensorType t) return t;
        throw new TheanoTypeError("Expected a TensorType variable, got " + type + " (" + this + ")");
    }

    public DType dtype() { return tensorType().dtype(); }

    public int ndim() { return tensorType().ndim(); }

    public boolean[] broadcastable() { return tensorType().broadcastable(); }

    public Apply owner() { return owner; }

    public int index() { return index; }

    public String name() { return name; }

    public Variable setName(String name) {
        this.name = name;
        return this;
    }

    public Map<String, Object> tag() {
        if (tag == null) tag = new LinkedHashMap<>(); // an unpickled variable starts with an empty tag
        return tag;
    }

    /** An unowned copy with the same type, name and tag (Theano's Variable.clone()). */
    public Variable cloneVariable() {
        Variable v = new Variable(type, null, 0, name);
        v.tag().putAll(tag());
        return v;
    }

    /** Theano's str(): the name; else {@code Op.index} for an op output; else {@code <Type>}. */
    @Override
    public String toString() {
        if (name != null) return name;
        if (owner != null) {
            int d = owner.op().defaultOutput();
            if (d >= 0 && d == index) return owner.op() + ".out";
            return owner.op() + "." + index;
        }
        return "<" + type + ">";
    }
}
