"""theano.scalar: scalar types, dtype upcasting and the scalar ops Elemwise applies."""
from theano.scalar.basic import *  # noqa: F401,F403
from theano.scalar.basic import __all__  # noqa: F401
