"""theano.compile.sharedvalue: shared variables and theano.shared.

The value lives in the engine (SharedVariable owns an NdArray) so compiled functions read and update
it without crossing into Python. get_value/set_value copy in one block through theano_jvm.marshal;
borrow=True cannot alias NumPy and engine memory, so it saves at most one copy (Theano documents
borrow as a hint that may be ignored).
"""
import numpy

from theano import _engine as E
from theano.gof.graph import Variable


class SharedVariable(Variable):
    """Variable with storage shared between functions (theano.compile.sharedvalue.SharedVariable)."""

    def __init__(self, name, type, value, strict, allow_downcast=None, container=None):
        jt = type._t
        with E.errors():
            jv = E.JSharedVariable(jt, jt.filter(E.to_call_value(value), bool(strict), allow_downcast), name,
                                   bool(strict), allow_downcast, True)
        E.adopt(self, jv)

    def get_value(self, borrow=False, return_internal_type=False):
        """A copy of the value as a NumPy array (0-d array for scalars)."""
        with E.errors():
            return E.to_numpy(self._v.getValue(True))

    def set_value(self, new_value, borrow=False):
        """Stores new_value (an ndarray, list or number, filtered through the type like a call argument).
        A value the type refuses leaves the variable as it was, and the error names the container as
        Theano's Container does (a last argument 'Container name "W"')."""
        try:
            with E.errors():
                self._v.setValue(E.to_call_value(new_value, getattr(self.type, "dtype", None)), True)
        except Exception as e:
            e.args = e.args + ('Container name "%s"' % (self.name,),)
            raise

    def zero(self, borrow=False):
        self.set_value(numpy.zeros_like(self.get_value()), borrow=borrow)

    @property
    def default_update(self):
        return E.wrap(self._v.defaultUpdate())

    @default_update.setter
    def default_update(self, value):
        if value is not None:
            from theano.tensor.basic import as_tensor_variable
            value = as_tensor_variable(value)
        self._v.setDefaultUpdate(None if value is None else value._v)

    @property
    def container(self):
        return _Container(self)

    def clone(self):
        cp = self.__class__(name=self.name, type=self.type, value=self.get_value(), strict=False)
        return cp


class _Container(object):
    """Theano's Container view of a shared variable's storage (value / storage[0])."""

    def __init__(self, sv):
        self._sv = sv

    @property
    def value(self):
        return self._sv.get_value()

    @value.setter
    def value(self, v):
        self._sv.set_value(v)

    @property
    def storage(self):
        return [self._sv.get_value()]


shared_constructors = []


def shared_constructor(ctor, remove=False):
    if remove:
        shared_constructors.remove(ctor)
    else:
        shared_constructors.append(ctor)
    return ctor


def shared(value, name=None, strict=False, allow_downcast=None, **kwargs):
    """A SharedVariable holding a copy of value (theano.shared); the most recently registered
    constructor that accepts the value wins, as in Theano."""
    try:
        if isinstance(value, Variable):
            raise TypeError("Shared variable constructor needs numeric values and not symbolic variables.")
        for ctor in reversed(shared_constructors):
            try:
                var = ctor(value, name=name, strict=strict, allow_downcast=allow_downcast, **kwargs)
                from theano.gof.utils import add_tag_trace
                add_tag_trace(var)
                return var
            except TypeError:
                continue
    except MemoryError as e:
        e.args = e.args + ("you might consider using 'theano.shared(..., borrow=True)'",)
        raise
    raise TypeError("No suitable SharedVariable constructor could be found. Are you sure all kwargs are supported? "
                    "We do not support the parameter dtype or type. value=\"%s\". parameters=\"%s\"" % (value, kwargs))
