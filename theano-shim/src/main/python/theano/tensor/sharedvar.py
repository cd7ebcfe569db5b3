"""theano.tensor.sharedvar: the shared variable classes of tensors and their constructors."""
import numpy

from theano.compile.sharedvalue import SharedVariable, shared_constructor
from theano.tensor.type import TensorType
from theano.tensor.var import _tensor_py_operators
from theano import _engine as E


class TensorSharedVariable(_tensor_py_operators, SharedVariable):
    """A shared tensor (theano.tensor.sharedvar.TensorSharedVariable)."""


class ScalarSharedVariable(TensorSharedVariable):
    """A shared 0-d tensor made from a Python or NumPy scalar."""


@shared_constructor
def tensor_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False, broadcastable=None,
                       target="cpu"):
    """SharedVariable constructor for TensorType: NumPy arrays keep their dtype."""
    if target != "cpu":
        raise TypeError("not for cpu")
    if not isinstance(value, numpy.ndarray):
        raise TypeError()
    if broadcastable is None:
        broadcastable = (False,) * len(value.shape)
    type = TensorType(value.dtype, broadcastable=broadcastable)
    return TensorSharedVariable(type=type, value=value, name=name, strict=strict, allow_downcast=allow_downcast)


@shared_constructor
def scalar_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False, target="cpu"):
    """SharedVariable constructor for scalars: Python floats are float64, ints int64 (NumPy's dtypes)."""
    if target != "cpu":
        raise TypeError("not for cpu")
    if not isinstance(value, (numpy.number, numpy.bool_, float, int, complex)):
        raise TypeError()
    try:
        dtype = value.dtype
    except Exception:
        dtype = numpy.asarray(value).dtype
    value = numpy.asarray(value, dtype=str(dtype))
    tensor_type = TensorType(dtype=str(value.dtype), broadcastable=[])
    return ScalarSharedVariable(type=tensor_type, value=value, name=name, strict=strict, allow_downcast=allow_downcast)


E.register_variable_class("shared", TensorSharedVariable)
