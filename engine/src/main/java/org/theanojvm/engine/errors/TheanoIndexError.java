package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code IndexError}. */
public class TheanoIndexError extends TheanoException {
    public static final String PYTHON_TYPE = "IndexError";

    public TheanoIndexError(String message) { super(PYTHON_TYPE, message); }

    public TheanoIndexError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoIndexError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
