package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code NotImplementedError}. */
public class TheanoNotImplementedError extends TheanoException {
    public static final String PYTHON_TYPE = "NotImplementedError";

    public TheanoNotImplementedError(String message) { super(PYTHON_TYPE, message); }

    public TheanoNotImplementedError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoNotImplementedError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
