package org.theanojvm.engine.linalg;

import org.theanojvm.engine.errors.TheanoException;

/**
 * Raised to Python as {@code numpy.linalg.LinAlgError} (which is also scipy.linalg.LinAlgError): what
 * Theano 1.0's linalg ops let escape from NumPy/SciPy for singular or non-definite matrices.
 */
public class LinAlgError extends TheanoException {
    public static final String PYTHON_TYPE = "numpy.linalg.LinAlgError";

    public LinAlgError(String message) { super(PYTHON_TYPE, message); }
}
