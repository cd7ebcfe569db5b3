/**
 * Persistence of engine objects (Theano's pickling): ops, types and constant data as bytes.
 *
 * <p>Graphs are not serialized here as a whole. The shim pickles a graph node by node with Python's
 * pickle, so that a graph, the shared variables it reads and the model objects holding both keep
 * their identities in one pickle (pickle's memo does that). Only the parts that are engine-only (an
 * op with its parameters, a type, and what an op holds inside: scan's and ifelse's inner graphs) go
 * through Java serialization, via {@link EngineSerialization}.
 */
package org.theanojvm.engine.persist;
