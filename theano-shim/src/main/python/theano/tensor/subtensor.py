"""theano.tensor.subtensor: x[...] (basic and advanced indexing), set_subtensor and inc_subtensor.

getitem follows Theano 1.0's _tensor_py_operators.__getitem__ step by step (Ellipsis expansion,
newaxis through dimshuffle, a single index array with full slices elsewhere becomes take(), other
arrays AdvancedSubtensor, the rest basic Subtensor) and builds the engine ops for each case.
"""
import collections.abc
import numbers

import numpy

from theano import _engine as E
from theano.gof.graph import Variable

_T = E.T
_S = E.SubtensorOps


class AdvancedIndexingError(TypeError):
    """Raised when Subtensor is asked to perform advanced indexing."""


def _is_int(x):
    return isinstance(x, (numbers.Integral, numpy.integer)) and not isinstance(x, (bool, numpy.bool_))


def _includes_bool(el):
    if isinstance(el, (numpy.bool_, bool)) or (hasattr(el, "dtype") and el.dtype == "bool"):
        return True
    if not isinstance(el, Variable) and isinstance(el, collections.abc.Iterable) and not isinstance(el, str):
        for e in el:
            if _includes_bool(e):
                return True
    return False


def _is_basic(arg):
    """Whether Subtensor.convert accepts the entry (no advanced indexing needed)."""
    if arg is None or isinstance(arg, slice) or _is_int(arg):
        return True
    if isinstance(arg, Variable):
        return arg.ndim == 0 and arg.dtype != "bool"
    return False


def _slice_part(p):
    if p is None:
        return None
    if _is_int(p):
        return int(p)
    if isinstance(p, Variable):
        return p._v
    if isinstance(p, numpy.ndarray) and p.ndim == 0:
        return int(p)
    raise TypeError("Expected an integer or an integer scalar variable in a slice, got %r" % (p,))


def _basic_entry(arg):
    if isinstance(arg, slice):
        return _S.slice(_slice_part(arg.start), _slice_part(arg.stop), _slice_part(arg.step))
    if _is_int(arg):
        return _S.idx(int(arg))
    return _S.idx(arg._v)


def _advanced_entry(arg):
    if arg is None:
        return None
    if isinstance(arg, slice):
        return _basic_entry(arg)
    if _is_int(arg):
        return int(arg)
    return E.to_engine(arg)


def getitem(x, args):
    if isinstance(args, list) and any(isinstance(a, slice) for a in args):
        pass
    elif not isinstance(args, tuple):
        args = args,

    ellipses = []
    index_dim_count = 0
    for i, arg in enumerate(args):
        if arg is numpy.newaxis:
            pass
        elif arg is Ellipsis:
            ellipses.append(i)
        elif isinstance(arg, (numpy.ndarray, Variable)) and hasattr(arg, "dtype") and arg.dtype == "bool":
            index_dim_count += arg.ndim
        else:
            if _includes_bool(arg):
                raise TypeError("TensorType does not support Python bools for indexing, such as "
                                "tensor[[True, False]]. To use a boolean mask, convert the mask to a NumPy array "
                                "first, e.g., tensor[numpy.array([True, False])].")
            index_dim_count += 1
    if x.ndim < index_dim_count:
        raise IndexError("too many indices for array")
    if len(ellipses) > 1:
        raise IndexError("an index can only have a single Ellipsis (`...`)")
    elif len(ellipses) == 1:
        new_axes = sum(1 for index in args if index is numpy.newaxis)
        ellipsis_at = ellipses[0]
        args = list(args)
        args[ellipsis_at: ellipsis_at + 1] = [slice(None)] * (x.ndim - (len(args) - 1 - new_axes))

    args = tuple(args)
    advanced = False
    axis = None
    for i, arg in enumerate(args):
        if not _is_basic(arg):
            if advanced:
                axis = None
                break
            advanced = True
            axis = i

    if advanced:
        full = lambda a: isinstance(a, slice) and a.start is None and a.stop is None and a.step is None
        if (axis is not None and all(full(a) for a in args[:axis]) and all(full(a) for a in args[axis + 1:]) and
                (not hasattr(args[axis], "dtype") or args[axis].dtype != "bool") and
                isinstance(args[axis], (numpy.ndarray, list, Variable))):
            return x.take(args[axis], axis)
        return advanced_subtensor(x, *args)

    if any(a is None for a in args):
        counter = 0
        pattern = []
        new_args = []
        for arg in args:
            if arg is numpy.newaxis:
                pattern.append("x")
                new_args.append(slice(None, None, None))
            else:
                pattern.append(counter)
                counter += 1
                new_args.append(arg)
        pattern.extend(list(range(counter, x.ndim)))
        view = x.dimshuffle(pattern)
        full_slices = all(isinstance(a, slice) and a.start is None and a.stop is None and a.step is None
                          for a in new_args)
        if full_slices:
            return view
        return view.__getitem__(tuple(new_args))

    entries = [_basic_entry(a) for a in args]
    with E.errors():
        return E.wrap(_T.subtensor(x._v, *entries))


def advanced_subtensor1(x, ilist):
    """x[ilist] for an integer vector ilist (AdvancedSubtensor1)."""
    with E.errors():
        return E.wrap(_T.advancedSubtensor1(E.to_engine(x), E.to_engine(ilist)))


def advanced_subtensor(x, *args):
    """NumPy advanced indexing (AdvancedSubtensor): several index arrays, masks, mixed with slices."""
    try:
        fn = _T.advancedSubtensor
    except BaseException:
        raise NotImplementedError("theano-jvm: indexing with several index arrays (AdvancedSubtensor) needs a "
                                  "newer engine build") from None
    entries = [_advanced_entry(a) for a in args]
    with E.errors():
        return E.wrap(fn(x._v, *entries))


def _prepare_y(x, y):
    from theano.tensor.basic import addbroadcast, as_tensor_variable
    x = as_tensor_variable(x)
    y = as_tensor_variable(y)
    if y.ndim > x.ndim:
        raise TypeError("Trying to increment a %d-dimensional subtensor with a %d-dimensional value." % (x.ndim, y.ndim))
    dim_offset = x.ndim - y.ndim
    for dim in range(y.ndim):
        if x.broadcastable[dim + dim_offset] and not y.broadcastable[dim]:
            y = addbroadcast(y, dim)
    return x, y


def set_subtensor(x, y, inplace=False, tolerate_inplace_aliasing=False):
    """Returns x's base tensor with the part x indexes set to y (x must be an indexing result)."""
    return inc_subtensor(x, y, inplace, set_instead_of_inc=True, tolerate_inplace_aliasing=tolerate_inplace_aliasing)


def inc_subtensor(x, y, inplace=False, set_instead_of_inc=False, tolerate_inplace_aliasing=False):
    """Returns x's base tensor with y added to (or, set_instead_of_inc, stored into) the part x indexes."""
    x, y = _prepare_y(x, y)
    if x.owner is None:
        raise TypeError("x must be the result of a subtensor operation")
    with E.errors():
        if set_instead_of_inc:
            return E.wrap(_T.setSubtensor(x._v, y._v))
        return E.wrap(_T.incSubtensor(x._v, y._v))
