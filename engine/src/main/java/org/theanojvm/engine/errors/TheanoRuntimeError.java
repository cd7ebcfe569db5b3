package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code RuntimeError}. */
public class TheanoRuntimeError extends TheanoException {
    public static final String PYTHON_TYPE = "RuntimeError";

    public TheanoRuntimeError(String message) { super(PYTHON_TYPE, message); }

    public TheanoRuntimeError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoRuntimeError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
