"""theano.updates: OrderedUpdates, the ordered {shared variable: new value} map that scan returns and
that theano.function takes as `updates`."""
import warnings
from collections import OrderedDict


def _shared_variable_class():
    from theano.compile.sharedvalue import SharedVariable
    return SharedVariable


class OrderedUpdates(OrderedDict):
    """An OrderedDict whose keys must be shared variables; `+` merges two of them (a key updated
    twice to different values is a collision, as in Theano)."""

    def __init__(self, *key, **kwargs):
        if (len(key) >= 1 and isinstance(key[0], dict) and len(key[0]) > 1
                and not isinstance(key[0], OrderedDict)):
            warnings.warn("Initializing an `OrderedUpdates` from a non-ordered dictionary with 2+ elements could "
                          "make your code non-deterministic. You can use an OrderedDict that is available at "
                          "theano.compat.OrderedDict for python 2.6+.")
        super(OrderedUpdates, self).__init__(*key, **kwargs)
        for k in self:
            if not isinstance(k, _shared_variable_class()):
                raise TypeError("OrderedUpdates keys must inherit from SharedVariable", k)

    def __setitem__(self, key, value):
        if isinstance(key, _shared_variable_class()):
            return super(OrderedUpdates, self).__setitem__(key, value)
        raise TypeError("OrderedUpdates keys must inherit from SharedVariable", key)

    def update(self, other=None):
        if other is None:
            return
        if isinstance(other, dict) and len(other) > 1 and not isinstance(other, OrderedDict):
            warnings.warn("Updating an `OrderedUpdates` with a non-ordered dictionary with 2+ elements could make "
                          "your code non-deterministic", stacklevel=2)
        for key, val in OrderedDict(other).items():
            if key in self:
                if self[key] is val:
                    continue
                raise KeyError("Collision", key)
            self[key] = val

    def __add__(self, other):
        rval = OrderedUpdates()
        rval.update(self)
        rval.update(other)
        return rval

    def __radd__(self, other):
        rval = OrderedUpdates()
        rval.update(other)
        rval.update(self)
        return rval
