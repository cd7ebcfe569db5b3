package org.theanojvm.engine.persist;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.types.Type;

/**
 * Engine objects (ops, types, NdArrays) to and from text. Base64 text rather than bytes because a
 * Java String reaches Python as one str, while a Java byte[] would be read element by element.
 *
 * <p>Loading runs Java deserialization, which can construct any serializable class on the class
 * path: like Python's pickle, only load what you trust. Objects are only accepted from the engine's
 * own packages and the JDK's collections, which keeps a foreign file from reaching other classes.
 */
public final class EngineSerialization {
    private EngineSerialization() {}

    /**
     * A graph repeats the same ops and types at many nodes (every float64 vector, every add). Ops and
     * types are values (equal when interchangeable, see Op#props), so each distinct one is encoded and
     * decoded once per process while it is in these small caches; the same text also lets the
     * pickle store it once.
     */
    private static final Map<Object, String> ENCODED = lruMap(512);
    private static final Map<String, Object> DECODED = lruMap(512);

    private static <K, V> Map<K, V> lruMap(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) { return size() > capacity; }
        });
    }

    /** The object serialized as Base64 text; a part that cannot be persisted gives Theano's TypeError. */
    public static String encode(Object value) {
        boolean cacheable = value instanceof Op || value instanceof Type;
        if (cacheable) {
            String known = ENCODED.get(value);
            if (known != null) return known;
        }
        String text = encodeUncached(value);
        if (cacheable) ENCODED.put(value, text);
        return text;
    }

    private static String encodeUncached(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new TheanoTypeError("cannot pickle " + value + ": it holds a " + e.getMessage()
                    + ", which has no persistent form (e.g. a user Python op inside scan's inner graph)");
        } catch (IOException e) {
            throw new TheanoTypeError("cannot pickle " + value + ": " + e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The object that {@link #encode} turned into this text (ops and types: one instance per text). */
    public static Object decode(String text) {
        Object known = DECODED.get(text);
        if (known != null) return known;
        Object value = decodeUncached(text);
        if (value instanceof Op || value instanceof Type) DECODED.put(text, value);
        return value;
    }

    private static Object decodeUncached(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new TheanoValueError("not a theano-jvm engine pickle: " + e.getMessage());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(EngineSerialization::allowed);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new TheanoValueError("not a theano-jvm engine pickle: it names a class outside theano-jvm's engine ("
                        + e.getMessage() + ")");
            }
            throw new TheanoValueError("this pickle was written by another theano-jvm version and cannot be read ("
                    + e.getMessage() + ")");
        } catch (IOException | ClassNotFoundException e) {
            throw new TheanoValueError("cannot unpickle theano-jvm engine object: " + e);
        }
    }

    private static java.io.ObjectInputFilter.Status allowed(java.io.ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) return java.io.ObjectInputFilter.Status.UNDECIDED;
        while (c.isArray()) c = c.getComponentType();
        if (c.isPrimitive()) return java.io.ObjectInputFilter.Status.ALLOWED;
        String n = c.getName();
        boolean ok = n.startsWith("org.theanojvm.") || n.startsWith("java.lang.") || n.startsWith("java.util.")
                || Serializable.class == c;
        return ok ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED;
    }
}
