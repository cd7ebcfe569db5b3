package org.theanojvm.engine.errors;

import java.util.List;

/**
 * Root of the engine's exceptions. Each subclass names the Python exception class the shim must raise
 * ({@link #pythonExceptionType()}), and {@link #pythonArgs()} holds the Python {@code args} tuple so
 * that {@code str(e)} in Python is exactly what Theano prints (one arg: the arg; several: the tuple).
 */
public class TheanoException extends RuntimeException {
    private final List<Object> args;
    private final String pythonType;

    public TheanoException(String pythonType, String message) {
        this(pythonType, List.of(message), null);
    }

    public TheanoException(String pythonType, List<?> args, Throwable cause) {
        super(pythonStr(args), cause);
        this.args = List.copyOf(args);
        this.pythonType = pythonType;
    }

    /** Fully qualified Python exception class, e.g. {@code ValueError} or {@code theano.compile.function_module.UnusedInputError}. */
    public String pythonExceptionType() { return pythonType; }

    /** The Python exception's args: Strings are Python str objects, {@link Raw} values are other objects given by their repr. */
    public List<Object> pythonArgs() { return args; }

    /** A non-string Python object inside an exception's args, carried as its repr text. */
    public record Raw(String repr) {
        @Override
        public String toString() { return repr; }
    }

    /** Python's str(Exception(*args)). */
    static String pythonStr(List<?> args) {
        if (args.isEmpty()) return "";
        if (args.size() == 1) return String.valueOf(args.get(0));
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            Object a = args.get(i);
            sb.append(a instanceof String s ? pyRepr(s) : String.valueOf(a));
        }
        return sb.append(")").toString();
    }

    /** Python repr of a str (single quotes unless the text contains one and no double quote). */
    public static String pyRepr(String s) {
        char q = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) sb.append('\\');
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }
}
