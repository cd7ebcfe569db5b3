package org.theanojvm.engine.errors;

import java.util.List;

/** Raised to Python as {@code TypeError}. */
public class TheanoTypeError extends TheanoException {
    public static final String PYTHON_TYPE = "TypeError";

    public TheanoTypeError(String message) { super(PYTHON_TYPE, message); }

    public TheanoTypeError(List<?> args) { super(PYTHON_TYPE, args, null); }

    public TheanoTypeError(List<?> args, Throwable cause) { super(PYTHON_TYPE, args, cause); }
}
