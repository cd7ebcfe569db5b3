package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code ValueError}. */
public class TheanoValueError extends TheanoException {
    public static final String PYTHON_TYPE = "ValueError";

    public TheanoValueError(String message) { super(PYTHON_TYPE, message); }

    public TheanoValueError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoValueError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
