"""theano.tensor.var: TensorVariable, TensorConstant and the Python operators on tensors."""
import numpy

from theano import _engine as E
from theano.gof.graph import Constant, Variable


_basic = []  # theano.tensor.basic, which imports this module: imported on first use


def _tb():
    # every Python operator on a variable goes through here: no import statement per call, which
    # GraalPy runs interpreted while a graph is being built
    if not _basic:
        from theano.tensor import basic
        _basic.append(basic)
    return _basic[0]


class AsTensorError(TypeError):
    """Raised when as_tensor_variable isn't able to create a TensorVariable."""


class _tensor_py_operators(object):
    """Arithmetic, comparisons, indexing and the tensor methods, as Theano 1.0 defines them."""

    # Comparison results refuse bool() (so `a < b < c` fails loudly); every other variable is True.
    _is_nonzero = True

    def __bool__(self):
        if self._is_nonzero:
            return True
        raise TypeError("Variables do not support boolean operations.")

    # --- arithmetic
    def __abs__(self):
        return _tb().abs_(self)

    def __neg__(self):
        return _tb().neg(self)

    def __invert__(self):
        return _tb().invert(self)

    def __lt__(self, other):
        rval = _tb().lt(self, other)
        rval._is_nonzero = False
        return rval

    def __le__(self, other):
        rval = _tb().le(self, other)
        rval._is_nonzero = False
        return rval

    def __gt__(self, other):
        rval = _tb().gt(self, other)
        rval._is_nonzero = False
        return rval

    def __ge__(self, other):
        rval = _tb().ge(self, other)
        rval._is_nonzero = False
        return rval

    def _binary(self, fn, other, reflected=False):
        try:
            return fn(other, self) if reflected else fn(self, other)
        except (NotImplementedError, AsTensorError):
            # Theano returns NotImplemented so Python can try the other operand's method
            return NotImplemented

    def __and__(self, other):
        return self._binary(_tb().and_, other)

    def __or__(self, other):
        return self._binary(_tb().or_, other)

    def __xor__(self, other):
        return self._binary(_tb().xor, other)

    def __rand__(self, other):
        return self._binary(_tb().and_, other, True)

    def __ror__(self, other):
        return self._binary(_tb().or_, other, True)

    def __rxor__(self, other):
        return self._binary(_tb().xor, other, True)

    def __add__(self, other):
        return self._binary(_tb().add, other)

    def __sub__(self, other):
        return self._binary(_tb().sub, other)

    def __mul__(self, other):
        return self._binary(_tb().mul, other)

    def __div__(self, other):
        return self._binary(_tb().div_proxy, other)

    def __truediv__(self, other):
        return self._binary(_tb().true_div, other)

    def __floordiv__(self, other):
        return self._binary(_tb().int_div, other)

    def __mod__(self, other):
        return self._binary(_tb().mod_check, other)

    def __divmod__(self, other):
        return _tb().divmod(self, other)

    def __pow__(self, other):
        return self._binary(_tb().pow, other)

    def __radd__(self, other):
        return self._binary(_tb().add, other, True)

    def __rsub__(self, other):
        return self._binary(_tb().sub, other, True)

    def __rmul__(self, other):
        return self._binary(_tb().mul, other, True)

    def __rdiv__(self, other):
        return self._binary(_tb().div_proxy, other, True)

    def __rtruediv__(self, other):
        return self._binary(_tb().true_div, other, True)

    def __rfloordiv__(self, other):
        return self._binary(_tb().int_div, other, True)

    def __rmod__(self, other):
        return self._binary(_tb().mod_check, other, True)

    def __rdivmod__(self, other):
        return _tb().divmod(other, self)

    def __rpow__(self, other):
        return self._binary(_tb().pow, other, True)

    def __matmul__(self, other):
        return self._binary(_tb().dot, other)

    def __rmatmul__(self, other):
        return self._binary(_tb().dot, other, True)

    # Theano's in-place operators are not in-place: x += 1 rebinds x to a new expression
    def __iadd__(self, other):
        return _tb().add(self, other)

    def __isub__(self, other):
        return _tb().sub(self, other)

    def __imul__(self, other):
        return _tb().mul(self, other)

    def __itruediv__(self, other):
        return _tb().true_div(self, other)

    def __ipow__(self, other):
        return _tb().pow(self, other)

    # NumPy: make ndarray + variable call our reflected operators instead of broadcasting elementwise
    __array_priority__ = 1000
    __array_ufunc__ = None

    # --- type information
    @property
    def ndim(self):
        return int(self._v.ndim())

    @property
    def dtype(self):
        return str(self._v.dtype().npName())

    @property
    def broadcastable(self):
        b = self._v.broadcastable()
        return tuple(bool(b[i]) for i in range(len(b)))

    @property
    def shape(self):
        return _tb().shape(self)

    @property
    def size(self):
        if self.ndim == 1:
            return self.shape[0]
        return _tb().prod(self.shape)

    def __len__(self):
        # Theano: "TensorVariable has no len()": symbolic lengths are not Python ints
        raise TypeError("objects of type %s have no len()" % self.__class__.__name__)

    def __iter__(self):
        try:
            for i in range(_tb().get_vector_length(self)):
                yield self[i]
        except TypeError:
            # This prevents accidental iteration via sum(self)
            raise TypeError("TensorType does not support iteration. Maybe you are using builtins.sum instead of "
                            "theano.tensor.sum? (Maybe .max?)")

    # --- views and shapes
    def dimshuffle(self, *pattern):
        if len(pattern) == 1 and isinstance(pattern[0], (list, tuple)):
            pattern = pattern[0]
        return _tb().dimshuffle(self, pattern)

    def reshape(self, shape, ndim=None):
        if ndim is not None and not isinstance(ndim, int):
            raise ValueError("Expected ndim to be an integer, is " + str(type(ndim)))
        return _tb().reshape(self, shape, ndim=ndim)

    def flatten(self, ndim=1, outdim=None):
        return _tb().flatten(self, outdim if outdim is not None else ndim)

    def ravel(self):
        return _tb().flatten(self)

    def transpose(self, *axes):
        if len(axes) == 0:
            return _tb().transpose(self)
        if len(axes) == 1 and isinstance(axes[0], (list, tuple)):
            axes = axes[0]
        return _tb().transpose(self, axes)

    @property
    def T(self):
        return _tb().transpose(self)

    def swapaxes(self, axis1, axis2):
        return _tb().swapaxes(self, axis1, axis2)

    def astype(self, dtype):
        return _tb().cast(self, dtype)

    def squeeze(self):
        return _tb().squeeze(self)

    def diagonal(self, offset=0, axis1=0, axis2=1):
        return _tb().diagonal(self, offset, axis1, axis2)

    def take(self, indices, axis=None, mode="raise"):
        return _tb().take(self, indices, axis, mode)

    def repeat(self, repeats, axis=None):
        return _tb().repeat(self, repeats, axis)

    def fill(self, value):
        return _tb().fill(self, value)

    def copy(self, name=None):
        r = _tb().tensor_copy(self)
        r.name = name
        return r

    # --- reductions
    def sum(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _tb().sum(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def prod(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _tb().prod(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def mean(self, axis=None, dtype=None, keepdims=False, acc_dtype=None):
        return _tb().mean(self, axis=axis, dtype=dtype, keepdims=keepdims, acc_dtype=acc_dtype)

    def var(self, axis=None, ddof=0, keepdims=False, corrected=False):
        return _tb().var(self, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected)

    def std(self, axis=None, ddof=0, keepdims=False, corrected=False):
        return _tb().std(self, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected)

    def max(self, axis=None, keepdims=False):
        return _tb().max(self, axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        return _tb().min(self, axis, keepdims=keepdims)

    def argmax(self, axis=None, keepdims=False):
        return _tb().argmax(self, axis, keepdims=keepdims)

    def argmin(self, axis=None, keepdims=False):
        return _tb().argmin(self, axis, keepdims=keepdims)

    def any(self, axis=None, keepdims=False):
        return _tb().any(self, axis=axis, keepdims=keepdims)

    def all(self, axis=None, keepdims=False):
        return _tb().all(self, axis=axis, keepdims=keepdims)

    def norm(self, L, axis=None, keepdims=False):
        if L == 0:
            raise NotImplementedError()
        if numpy.isinf(L):
            raise NotImplementedError()
        y = _tb().pow(_tb().pow(_tb().abs_(self), L).sum(axis=axis), 1.0 / L)
        if keepdims:
            return _tb().makeKeepDims(self, y, axis)
        return y

    def cumsum(self, axis=None):
        return _tb().cumsum(self, axis)

    def cumprod(self, axis=None):
        return _tb().cumprod(self, axis)

    # --- elementwise methods
    def clip(self, a_min, a_max):
        return _tb().clip(self, a_min, a_max)

    def round(self, mode=None):
        return _tb().round(self, mode)

    def conj(self):
        return _tb().conj(self)

    conjugate = conj

    @property
    def real(self):
        return _tb().real(self)

    @property
    def imag(self):
        return _tb().imag(self)

    def sort(self, axis=-1, kind="quicksort", order=None):
        return _tb().sort(self, axis, kind, order)

    def argsort(self, axis=-1, kind="quicksort", order=None):
        return _tb().argsort(self, axis, kind, order)

    def nonzero(self, return_matrix=False):
        return _tb().nonzero(self, return_matrix)

    def nonzero_values(self):
        return _tb().nonzero_values(self)

    def searchsorted(self, v, side="left", sorter=None):
        from theano.tensor.extra_ops import searchsorted
        return searchsorted(self, v, side, sorter)

    def compress(self, a, axis=None):
        """The slices of a (along axis) where this condition vector is nonzero."""
        from theano.tensor.extra_ops import compress
        return compress(self, a, axis=axis)

    def dot(self, other):
        return _tb().dot(self, other)

    def __rdot__(self, other):
        return _tb().dot(other, self)

    # --- indexing
    def __getitem__(self, args):
        from theano.tensor import subtensor
        return subtensor.getitem(self, args)

    def __setitem__(self, key, value):
        raise TypeError("Theano variables are immutable: use theano.tensor.set_subtensor(x[key], value) "
                        "instead of x[key] = value")

    def zeros_like(self, dtype=None):
        return _tb().zeros_like(self, dtype=dtype)

    def ones_like(self, dtype=None):
        return _tb().ones_like(self, dtype=dtype)

    def get_scalar_constant_value(self):
        return _tb().get_scalar_constant_value(self)


class TensorVariable(_tensor_py_operators, Variable):
    """A symbolic tensor (theano.tensor.var.TensorVariable)."""

    def __init__(self, type, owner=None, index=None, name=None):
        Variable.__init__(self, type, owner, index, name)


class TensorConstant(_tensor_py_operators, Constant):
    """A tensor with a fixed value (theano.tensor.var.TensorConstant); str is Theano's
    TensorConstant{2}, TensorConstant{(3,) of 1.0}."""

    def __init__(self, type, data, name=None):
        Constant.__init__(self, type, data, name)

    def signature(self):
        return (self.type, self.data.tobytes())

    def __hash__(self):
        return id(self)


# TensorConstant inherits __eq__ identity; Theano also keeps `==` as identity for constants
TensorConstant.__eq__ = object.__eq__
TensorConstant.__hash__ = object.__hash__

E.register_variable_class("tensor", TensorVariable)
E.register_variable_class("constant", TensorConstant)
