"""theano.tensor over pytensor.tensor, plus theano.tensor.nnet."""
from pytensor.tensor import *  # noqa: F401,F403
from pytensor.tensor import grad  # noqa: F401

from . import nnet, signal, shared_randomstreams  # noqa: F401
