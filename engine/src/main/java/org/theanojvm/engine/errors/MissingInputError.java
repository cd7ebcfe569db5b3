package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code theano.gof.fg.MissingInputError}. */
public class MissingInputError extends TheanoException {
    public static final String PYTHON_TYPE = "theano.gof.fg.MissingInputError";

    public MissingInputError(String message) { super(PYTHON_TYPE, message); }

    public MissingInputError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public MissingInputError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
