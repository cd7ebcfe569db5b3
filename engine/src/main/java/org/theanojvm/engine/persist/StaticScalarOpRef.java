package org.theanojvm.engine.persist;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import org.theanojvm.engine.ops.scalar.ScalarOp;

/**
 * A scalar op that is a constant of the engine (exp, add, sigmoid...), written as the class that
 * declares it and its name. Those ops hold their math as lambdas, which have no serial form; and the
 * reader should get the very same constant back, as Theano's unpickled scalar ops compare equal.
 */
public record StaticScalarOpRef(String holderClass, String name) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() throws InvalidObjectException {
        ScalarOp op = ScalarOp.staticInstance(holderClass, name);
        if (op == null) {
            throw new InvalidObjectException("this theano-jvm version has no scalar op " + name + " in " + holderClass);
        }
        return op;
    }
}
