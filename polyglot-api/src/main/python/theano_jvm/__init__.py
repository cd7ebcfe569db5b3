"""Python side of theano-jvm's runtime (the launcher's helpers and NumPy <-> engine marshalling).

The Theano API itself is the `theano` package (theano-shim/); this package holds what is specific
to running on the JVM.
"""
