package org.theanojvm.engine.types;

import org.theanojvm.engine.graph.Variable;

/**
 * A Theano type: what values a Variable can hold. TensorType is the main one; DisconnectedType and
 * NullType exist for the gradient machinery (as in Theano); random states, scan, sparse may follow.
 */
public interface Type extends java.io.Serializable {
    /** A fresh input variable of this type. */
    Variable makeVariable(String name);
}
