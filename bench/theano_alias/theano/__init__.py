"""Theano's names over PyTensor (benchmark only; see ../README.md)."""
from pytensor import config, function, grad, scan, shared  # noqa: F401
from pytensor.compile.io import In, Out  # noqa: F401

import theano.tensor  # noqa: F401,E402  (binds `theano` here too, as Theano's own __init__ does: scripts use `from theano import *`)
