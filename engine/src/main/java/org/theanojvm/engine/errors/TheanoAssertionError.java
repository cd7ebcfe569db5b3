package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code AssertionError}. */
public class TheanoAssertionError extends TheanoException {
    public static final String PYTHON_TYPE = "AssertionError";

    public TheanoAssertionError(String message) { super(PYTHON_TYPE, message); }

    public TheanoAssertionError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoAssertionError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
