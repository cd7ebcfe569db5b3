package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code theano.compile.function_module.UnusedInputError}. */
public class UnusedInputError extends TheanoException {
    public static final String PYTHON_TYPE = "theano.compile.function_module.UnusedInputError";

    public UnusedInputError(String message) { super(PYTHON_TYPE, message); }

    public UnusedInputError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public UnusedInputError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
