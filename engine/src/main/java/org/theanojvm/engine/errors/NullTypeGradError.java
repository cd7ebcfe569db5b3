package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code theano.gradient.NullTypeGradError}. */
public class NullTypeGradError extends TheanoException {
    public static final String PYTHON_TYPE = "theano.gradient.NullTypeGradError";

    public NullTypeGradError(String message) { super(PYTHON_TYPE, message); }

    public NullTypeGradError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public NullTypeGradError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
