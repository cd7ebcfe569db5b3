package org.theanojvm.engine;

import org.theanojvm.engine.types.DType;

/**
 * Process-wide settings that Theano keeps in {@code theano.config}. Only the flags the engine itself
 * consults live here; the Python shim reads THEANO_FLAGS/.theanorc and sets them.
 * Not thread-safe on purpose, like Theano's config: set it before building graphs.
 */
public final class Config {
    private Config() {}

    private static DType floatX = DType.FLOAT64;
    /** Theano's default 'raise'; one of raise, warn, ignore. */
    private static String onUnusedInput = "raise";

    public static DType floatX() { return floatX; }

    public static void setFloatX(DType d) {
        if (d != DType.FLOAT64 && d != DType.FLOAT32 && d != DType.FLOAT16) {
            throw new IllegalArgumentException("floatX must be float64, float32 or float16, got " + d);
        }
        floatX = d;
    }

    public static void setFloatX(String name) { setFloatX(DType.of(name)); }

    /** Theano's exception_verbosity: "low" or "high" (op errors then carry a debugprint of the failing node). */
    private static String exceptionVerbosity = "low";

    public static String exceptionVerbosity() { return exceptionVerbosity; }

    public static void setExceptionVerbosity(String v) {
        if (!v.equals("low") && !v.equals("high")) throw new IllegalArgumentException("exception_verbosity must be low or high");
        exceptionVerbosity = v;
    }

    public static String onUnusedInput() { return onUnusedInput; }

    public static void setOnUnusedInput(String v) {
        if (!v.equals("raise") && !v.equals("warn") && !v.equals("ignore")) {
            throw new IllegalArgumentException("on_unused_input must be raise, warn or ignore");
        }
        onUnusedInput = v;
    }
}
