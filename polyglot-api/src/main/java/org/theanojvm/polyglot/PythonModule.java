package org.theanojvm.polyglot;

import java.nio.file.Path;
import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * A Python module (a Theano script's model, say) imported into a theano-jvm context and called from
 * Java with arrays in and out:
 *
 * <pre>{@code
 * try (Context python = TheanoJvm.newContext()) {
 *     PythonModule model = PythonModule.importModule(python, "model", Path.of("scripts"));
 *     NdArray costs = model.callForArray("fit", NdArray.wrap(xData, n, 3), yData, 100);
 * }
 * }</pre>
 *
 * Arguments: an {@link NdArray}, or a {@code double[]}/{@code float[]}/{@code int[]}/{@code long[]}
 * (a vector; wrap it with {@link NdArray#wrap(double[], long...)} for another shape), reaches Python as
 * a NumPy array of its dtype, made by one block copy of its memory, not through a Python list; other
 * values (numbers, strings, booleans, null, host objects) go as GraalPy passes them. Results: a NumPy
 * array or scalar comes back as a new NdArray (one block copy), a list or tuple as a
 * {@code java.util.List} of converted items, a Python number as a Long or Double, a string as a
 * String, None as null; anything else as the polyglot {@link Value}. A Python exception surfaces as a
 * {@link org.graalvm.polyglot.PolyglotException} with the Python traceback.
 */
public final class PythonModule {
    private final Value module;
    private final Value interop;

    private PythonModule(Value module, Value interop) {
        this.module = module;
        this.interop = interop;
    }

    /** Imports {@code name} (a dotted module name) with {@code searchPath} folders first on {@code sys.path}. */
    public static PythonModule importModule(Context python, String name, Path... searchPath) {
        Value interop = python.eval("python", "import theano_jvm.interop\ntheano_jvm.interop");
        String[] folders = Arrays.stream(searchPath).map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
        return new PythonModule(interop.invokeMember("import_module", name, folders), interop);
    }

    /** The module object itself, for anything the conversions here do not cover. */
    public Value value() { return module; }

    /** {@code module.function(*args)}, converted as the class comment says. */
    public Object call(String function, Object... args) {
        Object[] converted = new Object[args.length];
        for (int i = 0; i < args.length; i++) converted[i] = toPythonSide(args[i]);
        return fromPythonSide(interop.invokeMember("call", module, function, converted));
    }

    /** {@link #call}, for a function that returns one array (or scalar). */
    public NdArray callForArray(String function, Object... args) {
        Object r = call(function, args);
        if (r instanceof NdArray a) return a;
        throw new IllegalStateException(function + " returned " + r + ", not an array");
    }

    /** Java arrays travel as NdArrays over their own memory; the Python side copies them once into NumPy. */
    private static Object toPythonSide(Object arg) {
        return switch (arg) {
            case double[] d -> NdArray.wrap(d);
            case float[] f -> NdArray.wrap(f);
            case int[] i -> NdArray.wrap(i);
            case long[] l -> NdArray.wrap(l);
            case null, default -> arg;
        };
    }

    private static Object fromPythonSide(Value v) {
        if (v.isNull()) return null;
        if (v.isHostObject()) {
            Object o = v.asHostObject();
            if (o instanceof java.util.List<?> list) return list.stream().map(PythonModule::fromHostItem).toList();
            return o;
        }
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNumber()) {
            // a Python float with an integral value also "fits in a long": keep Python's type
            boolean pythonInt = v.fitsInLong() && !"float".equals(v.getMetaObject().getMetaSimpleName());
            return pythonInt ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.isString()) return v.asString();
        return v;
    }

    /** Items of a converted list were stored in a Java ArrayList by Python: plain Java values or Values. */
    private static Object fromHostItem(Object item) {
        return item instanceof Value v ? fromPythonSide(v) : item;
    }
}
