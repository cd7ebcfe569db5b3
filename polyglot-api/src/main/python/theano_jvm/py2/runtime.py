"""Helpers that translated Python 2 code calls at run time (kept tiny: every py2 module imports it).

Python 2's `/` depends on the operand *types*, which only run time knows: integers floor, anything
else divides truly. This is `past.utils.old_div` of the `future` project, extended to NumPy integer
arrays and scalars, which Python 2's NumPy also floor-divided with `/`. Objects that still define
Python 2's `__div__`/`__rdiv__` (Theano variables: `M.shape[0] / 2` is int_div there, following
config.int_division) get those, as Python 2's `/` called them; anything else gets `/`.
"""
import numbers

__all__ = ["old_div", "old_idiv"]


def _integral(value):
    if isinstance(value, numbers.Integral):  # int, bool and NumPy integer scalars (registered)
        return True
    # A NumPy integer or bool array, recognised without importing NumPy.
    dtype = getattr(value, "dtype", None)
    return (dtype is not None and type(value).__module__ == "numpy"
            and getattr(dtype, "kind", None) in ("i", "u", "b"))


def _python2_div(a, b):
    """`a.__div__(b)`, else `b.__rdiv__(a)`, as Python 2 tried them; NotImplemented when neither."""
    div = getattr(type(a), "__div__", None)
    if div is not None:
        result = div(a, b)
        if result is not NotImplemented:
            return result
    rdiv = getattr(type(b), "__rdiv__", None)
    if rdiv is not None and type(b) is not type(a):
        return rdiv(b, a)
    return NotImplemented


def old_div(a, b):
    """`a / b` as Python 2 evaluates it without `from __future__ import division`."""
    if type(a) is int and type(b) is int:  # the common case, without the ABC checks
        return a // b
    if _integral(a) and _integral(b):
        return a // b
    result = _python2_div(a, b)
    if result is not NotImplemented:
        return result
    return a / b


def old_idiv(a, b):
    """`a /= b` as Python 2 evaluates it: the new value of `a` (the same object when in place)."""
    if _integral(a) and _integral(b):
        a //= b
        return a
    idiv = getattr(type(a), "__idiv__", None)
    result = idiv(a, b) if idiv is not None else NotImplemented
    if result is NotImplemented:
        result = _python2_div(a, b)
    if result is NotImplemented:
        a /= b
        return a
    return result
