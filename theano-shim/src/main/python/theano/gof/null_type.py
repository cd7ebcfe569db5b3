"""theano.gof.null_type: NullType, the type of undefined or unimplemented gradients."""
from theano import _engine as E
from theano.gof.type import Type, register_type_class


class NullType(Type):
    """A type that allows no values: a gradient that could not be computed, and why (why_null)."""

    def __init__(self, why_null="(no explanation given)"):
        self._t = E.JNullType(why_null)

    @classmethod
    def _from_engine(cls, jt):
        t = cls.__new__(cls)
        t._t = jt
        return t

    @property
    def why_null(self):
        return str(self._t.why())

    def filter(self, data, strict=False, allow_downcast=None):
        raise ValueError("No values may be assigned to a NullType")

    def __eq__(self, other):
        return type(self) == type(other)

    def __hash__(self):
        return hash(type(self))

    def __str__(self):
        return "NullType"


null_type = NullType()
register_type_class("NullType", NullType._from_engine)
