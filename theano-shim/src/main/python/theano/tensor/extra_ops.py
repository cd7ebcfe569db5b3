"""theano.tensor.extra_ops: Theano 1.0's NumPy-like extras (cumsum, bincount, searchsorted, diff, ...).

Most are compositions of existing ops, as Theano builds them (bincount is an inc_subtensor into zeros,
to_one_hot a set_subtensor, repeat an alloc); searchsorted, Unique and the cumulative ops are engine
ops. Gradients come from those ops' gradients.
"""
import numbers

import numpy

from theano import _engine as E
from theano.gof.graph import Apply
from theano.gof.op import Op, _EngineOp, register_engine_op_class
from theano.tensor import basic
from theano.tensor.basic import (as_tensor_variable, cumprod, cumsum, repeat, squeeze)  # noqa: F401 (Theano's names)

_T = E.T

__all__ = ["cumsum", "cumprod", "searchsorted", "diff", "DiffOp", "bincount", "squeeze", "compress", "repeat",
           "bartlett", "fill_diagonal", "fill_diagonal_offset", "to_one_hot", "Unique", "unique", "CumOp", "UnravelIndex", "unravel_index",
           "RavelMultiIndex", "ravel_multi_index"]


def _int(value, what):
    if isinstance(value, (numbers.Integral, numpy.integer)) and not isinstance(value, bool):
        return int(value)
    raise TypeError("%s must be an integer, got %r" % (what, value))


def searchsorted(x, v, side="left", sorter=None):
    """Indices (int64, shaped like v) where v's elements would be inserted into the sorted vector x
    (numpy.searchsorted); sorter: an integer vector of indices that sorts x."""
    if side not in ("left", "right"):
        raise ValueError("'%s' is an invalid value for keyword 'side'" % (side,))
    x = as_tensor_variable(x)
    v = as_tensor_variable(v)
    with E.errors():
        return E.wrap(_T.searchsorted(x._v, v._v, side,
                                      None if sorter is None else as_tensor_variable(sorter)._v))


class CumOp(object):
    """Theano's CumOp(axis, mode): callable like the op, builds cumsum or cumprod."""

    def __init__(self, axis=None, mode="add"):
        if mode not in ("add", "mul"):
            raise ValueError('%s: Unknown mode "%s"' % (type(self).__name__, mode))
        self.axis = axis
        self.mode = mode

    def __call__(self, x):
        return (cumsum if self.mode == "add" else cumprod)(x, self.axis)


def diff(x, n=1, axis=-1):
    """The n-th order discrete difference along axis (numpy.diff): out[i] = x[i + 1] - x[i], n times.

    Built as a subtraction of two subtensors per order, so its gradient is the subtensors' (Theano's
    DiffOp has one for vectors only)."""
    x = as_tensor_variable(x)
    n = _int(n, "n")
    if n < 0:
        raise ValueError("order must be non-negative but got %d" % n)
    if x.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    ax = _int(axis, "axis")
    if not -x.ndim <= ax < x.ndim:
        raise ValueError("axis %d is out of bounds for array of dimension %d" % (ax, x.ndim))
    ax %= x.ndim
    for _ in range(n):
        upper = [slice(None)] * x.ndim
        lower = [slice(None)] * x.ndim
        upper[ax] = slice(1, None)
        lower[ax] = slice(None, -1)
        x = x[tuple(upper)] - x[tuple(lower)]
    return x


class DiffOp(object):
    """Theano's DiffOp(n, axis): callable like the op, builds diff(x, n, axis)."""

    def __init__(self, n=1, axis=-1):
        self.n = n
        self.axis = axis

    def __call__(self, x):
        return diff(x, self.n, self.axis)

    def __str__(self):
        return "DiffOp{n=%s, axis=%s}" % (self.n, self.axis)


def bincount(x, weights=None, minlength=None, assert_nonneg=False):
    """Counts of each value in the non-negative integer vector x (numpy.bincount), or the sums of the
    weights at each value; at least minlength bins. As Theano 1.0: the counts have x's dtype, the sums
    the weights' dtype, and negative values are only checked with assert_nonneg."""
    x = as_tensor_variable(x)
    if x.ndim != 1:
        raise TypeError("Inputs must be of dimension 1.")
    if not x.dtype.startswith(("int", "uint")):
        raise TypeError("bincount: x must be an integer vector, got %s" % (x.type,))
    if assert_nonneg:
        x = _assert_nonneg(x)
    max_value = basic.cast(x.max() + 1, "int64")
    if minlength is not None:
        max_value = basic.maximum(max_value, minlength)
    if weights is None:
        out = basic.zeros([max_value], dtype=x.dtype)
        return basic.inc_subtensor(out[x], 1)
    weights = as_tensor_variable(weights)
    out = basic.zeros([max_value], dtype=weights.dtype)
    return basic.inc_subtensor(out[x], weights)


class _AssertNonneg(Op):
    """x itself, after checking that it has no negative value (Theano uses its Assert op here)."""
    __props__ = ()

    def make_node(self, x):
        x = as_tensor_variable(x)
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        x, = inputs
        if (x < 0).any():
            raise AssertionError("Input to bincount has negative values!")
        output_storage[0][0] = x


_assert_nonneg = _AssertNonneg()


def compress(condition, x, axis=None):
    """The slices of x along axis (x flattened when None) where condition is nonzero (numpy.compress)."""
    indices = basic.flatnonzero(condition)
    return as_tensor_variable(x).take(indices, axis=axis)


def bartlett(M):
    """The Bartlett (triangular) window of M points, a float64 vector (numpy.bartlett); empty for M < 1."""
    M = as_tensor_variable(M)
    if M.ndim != 0:
        raise TypeError("Bartlett only works on scalar input")
    if not M.dtype.startswith(("int", "uint")):
        raise TypeError("Bartlett only works on integer input")
    m = basic.maximum(M, 0)
    n = basic.cast(basic.arange(m), "float64")
    # numpy: 2n/(M-1) on the first half, 2 - 2n/(M-1) on the second; M == 1 gives [1.]
    half = basic.cast(basic.maximum(m - 1, 1), "float64")
    w = basic.switch(basic.le(n, half / 2), 2 * n / half, 2 - 2 * n / half)
    return basic.switch(basic.eq(m, 1), basic.ones_like(w), w)


def fill_diagonal(a, val):
    """A copy of a (at least 2-d) with its main diagonal a[i, i, ..., i] set to the scalar val.

    Rectangular matrices are accepted (min(rows, cols) entries, as Theano); for more dimensions all must
    be equal. val must not upcast a's dtype. Built as set_subtensor on the diagonal's index arrays."""
    a = as_tensor_variable(a)
    val = as_tensor_variable(val)
    if a.ndim < 2:
        raise TypeError("FillDiagonal: first parameter must have at least two dimensions")
    if val.ndim != 0:
        raise TypeError("FillDiagonal: second parameter must be a scalar")
    if basic._upcast(a.dtype, val.dtype) != a.dtype:
        raise TypeError("FillDiagonal: type of second parameter must be the same as the first's")
    n = a.shape[0]
    for d in range(1, a.ndim):
        n = basic.minimum(n, a.shape[d])
    idx = basic.arange(n)
    return basic.set_subtensor(a[(idx,) * a.ndim], basic.cast(val, a.dtype))


def fill_diagonal_offset(a, val, offset):
    """A copy of the matrix a with its offset diagonal (above the main one for offset > 0, below for
    offset < 0) set to the scalar val; offset may be symbolic. Not wrapped for tall matrices (Theano's)."""
    a = as_tensor_variable(a)
    val = as_tensor_variable(val)
    offset = as_tensor_variable(offset)
    if a.ndim != 2:
        raise TypeError("FillDiagonalOffset: first parameter must have exactly two dimensions")
    if val.ndim != 0:
        raise TypeError("FillDiagonalOffset: second parameter must be a scalar")
    if offset.ndim != 0:
        raise TypeError("FillDiagonalOffset: third parameter must be a scalar")
    if basic._upcast(a.dtype, val.dtype) != a.dtype:
        raise TypeError("FillDiagonalOffset: type of second parameter must be the same as the first's")
    if not offset.dtype.startswith(("int", "uint")):
        raise TypeError("FillDiagonalOffset: type of third parameter must be as integer use "
                        "theano.tensor.cast( input, 'int32/int64')")
    offset = basic.cast(offset, "int64")
    height, width = a.shape[0], a.shape[1]
    row0 = basic.maximum(-offset, 0)
    col0 = basic.maximum(offset, 0)
    n = basic.maximum(basic.minimum(height - row0, width - col0), 0)
    idx = basic.arange(n)
    return basic.set_subtensor(a[idx + row0, idx + col0], basic.cast(val, a.dtype))


def to_one_hot(y, nb_class, dtype=None):
    """A (len(y), nb_class) matrix whose row i is the one-hot encoding of y[i] (dtype floatX by default)."""
    y = as_tensor_variable(y)
    ret = basic.zeros((y.shape[0], nb_class), dtype=dtype)
    return basic.set_subtensor(ret[basic.arange(y.shape[0]), y], 1)


class Unique(object):
    """Theano's Unique(return_index, return_inverse, return_counts) op: numpy.unique of the flattened
    input. Called on x it gives the sorted distinct values, or a list [values, index?, inverse?, counts?]
    (int64 vectors) when any return_* flag is set."""

    def __init__(self, return_index=False, return_inverse=False, return_counts=False):
        self.return_index = bool(return_index)
        self.return_inverse = bool(return_inverse)
        self.return_counts = bool(return_counts)

    def __call__(self, x):
        x = as_tensor_variable(x)
        with E.errors():
            outs = E.wrap_list(_T.unique(x._v, self.return_index, self.return_inverse, self.return_counts))
        if not (self.return_index or self.return_inverse or self.return_counts):
            return outs[0]
        return outs

    def __str__(self):
        return "Unique{return_index=%s, return_inverse=%s, return_counts=%s}" % (
            self.return_index, self.return_inverse, self.return_counts)


def unique(ar, return_index=False, return_inverse=False, return_counts=False):
    """numpy.unique-like helper over Unique: the values, or a list with the requested extras."""
    return Unique(return_index, return_inverse, return_counts)(ar)


class UnravelIndex(_EngineOp):
    """Theano's UnravelIndex(ndim, order='C'): numpy.unravel_index as ndim int64 outputs shaped like the
    indices (the engine's ExtraOps.UnravelIndex)."""

    def __init__(self, ndim, order="C"):
        assert order in ("C", "F")
        if not isinstance(ndim, int) or ndim < 1:
            raise ValueError("ndim must be an integer greater than 0")
        with E.errors():
            _EngineOp.__init__(self, E.jtype("ops.ExtraOps$UnravelIndex")(int(ndim), order))

    ndim = property(lambda self: int(self._jop.ndim()))
    order = property(lambda self: str(self._jop.order()))

    def make_node(self, indices, dims):
        return _EngineOp.make_node(self, as_tensor_variable(indices), as_tensor_variable(dims))


class RavelMultiIndex(_EngineOp):
    """Theano's RavelMultiIndex(mode='raise', order='C'): numpy.ravel_multi_index; called on the
    coordinate arrays then dims, it gives the int64 flat indices."""

    def __init__(self, mode="raise", order="C"):
        assert mode in ("raise", "wrap", "clip")
        assert order in ("C", "F")
        with E.errors():
            _EngineOp.__init__(self, E.jtype("ops.ExtraOps$RavelMultiIndex")(mode, order))

    mode = property(lambda self: str(self._jop.mode()))
    order = property(lambda self: str(self._jop.order()))

    def make_node(self, *inp):
        return _EngineOp.make_node(self, *[as_tensor_variable(i) for i in inp])


register_engine_op_class("org.theanojvm.engine.ops.ExtraOps$UnravelIndex", UnravelIndex)
register_engine_op_class("org.theanojvm.engine.ops.ExtraOps$RavelMultiIndex", RavelMultiIndex)


def unravel_index(indices, dims, order="C", ndim=None):
    """The tuple of int64 coordinate arrays (each shaped like indices) of the flat indices into an array
    of shape dims (numpy.unravel_index); ndim is needed when len(dims) is not known from the graph."""
    if ndim is None:
        try:
            ndim = basic.get_vector_length(dims)
        except ValueError:
            raise ValueError(
                "The length of the provided dimension list (%s) cannot "
                "be automatically determined, so Theano is not able "
                "to know what the number of dimensions of the unraveled "
                "index will be. You can provide the 'ndim' keyword "
                "argument to 'unravel_index' to avoid this problem." % str(dims))
    res = UnravelIndex(ndim=ndim, order=order)(indices, dims)
    if ndim == 1:
        return (res,)
    return tuple(res)


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """The int64 flat indices into an array of shape dims of the coordinate arrays in multi_index
    (numpy.ravel_multi_index); mode 'raise', 'wrap' or 'clip' for out-of-bounds coordinates."""
    if not isinstance(multi_index, (tuple, list)):
        raise TypeError("multi_index must be a tuple or a list.")
    args = tuple(multi_index) + (dims,)
    return RavelMultiIndex(mode=mode, order=order)(*args)
