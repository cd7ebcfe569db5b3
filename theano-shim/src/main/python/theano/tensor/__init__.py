"""theano.tensor: symbolic tensors and the functions on them."""
from theano.tensor.basic import *  # noqa: F401,F403  (Theano exposes all of tensor.basic here)
from theano.tensor import basic, elemwise, nnet, sharedvar, subtensor, type, var  # noqa: F401
from theano.tensor import signal  # noqa: F401  (T.signal.pool)
from theano.tensor import nlinalg, slinalg  # noqa: F401  (T.nlinalg.matrix_inverse, T.slinalg.cholesky)
from theano.tensor.basic import (_multi, as_tensor_variable, get_scalar_constant_value, NotScalarConstantError,
                                 abs_, all, any, max, min, round, sum, pow, divmod)
from theano.tensor.elemwise import CAReduce, DimShuffle, Elemwise
from theano.tensor.sharedvar import TensorSharedVariable, ScalarSharedVariable
from theano.tensor.subtensor import (advanced_subtensor, advanced_subtensor1, inc_subtensor, set_subtensor)
from theano.tensor.type import TensorType
from theano.tensor.var import AsTensorError, TensorConstant, TensorVariable, _tensor_py_operators
from theano.gradient import Lop, Rop, consider_constant, grad, hessian, jacobian, zero_grad, disconnected_grad
from theano.tensor.nnet.sigm import sigmoid, softplus
from theano.tensor import extra_ops  # noqa: F401
from theano.tensor.extra_ops import (DiffOp, bincount, squeeze, repeat, bartlett, fill_diagonal,  # noqa: F401
                                     fill_diagonal_offset, cumsum, cumprod)

