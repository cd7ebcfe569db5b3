"""Helpers that translated Python 2 code calls at run time (kept tiny: every py2 module imports it).

Python 2's `/` depends on the operand *types*, which only run time knows: integers floor, anything
else divides truly. This is `past.utils.old_div` of the `future` project, extended to NumPy integer
arrays and scalars, which Python 2's NumPy also floor-divided with `/`. Other objects (Theano
variables among them) get `/`, i.e. their own `__truediv__` -- Theano's already decides between
int_div and true_div by dtype, on Python 2 and 3 alike.
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


def old_div(a, b):
    """`a / b` as Python 2 evaluates it without `from __future__ import division`."""
    if type(a) is int and type(b) is int:  # the common case, without the ABC checks
        return a // b
    if _integral(a) and _integral(b):
        return a // b
    return a / b


def old_idiv(a, b):
    """`a /= b` as Python 2 evaluates it: the new value of `a` (the same object when in place)."""
    if _integral(a) and _integral(b):
        a //= b
    else:
        a /= b
    return a
