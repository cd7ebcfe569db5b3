package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code theano.gradient.DisconnectedInputError}. */
public class DisconnectedInputError extends TheanoException {
    public static final String PYTHON_TYPE = "theano.gradient.DisconnectedInputError";

    public DisconnectedInputError(String message) { super(PYTHON_TYPE, message); }

    public DisconnectedInputError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public DisconnectedInputError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
