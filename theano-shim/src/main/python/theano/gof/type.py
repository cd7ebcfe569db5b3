"""theano.gof.type: the Type base class and the mapping from engine types to their Python faces."""
from theano import _engine as E
from theano.gof.utils import object2


class Type(object2):
    """Base of Theano types. Subclasses wrapping an engine type keep it in `_t`."""

    def __call__(self, name=None):
        """A new variable of this type."""
        return E.wrap(self._t.makeVariable(name))

    make_variable = __call__

    def __eq__(self, other):
        t = getattr(other, "_t", None)
        return t is not None and bool(self._t.equals(t))

    def __hash__(self):
        return int(self._t.hashCode())

    def __str__(self):
        return str(self._t.toString())

    def __repr__(self):
        return str(self)

    def __getstate__(self):
        """The engine type travels as text (theano.gof.persistence); the rest of __dict__ as it is."""
        from theano.gof import persistence
        return persistence.state_with_engine_text(self, "_t")

    def __setstate__(self, state):
        if "_t" not in state and "dtype" in state:  # a TensorType pickled by Theano 1.0.5 (theano._pickle105)
            from theano._pickle105 import graph as theano105
            theano105.set_type_state(self, state)
            return
        from theano.gof import persistence
        persistence.restore_engine_attr(self, state, "_t")


class _EngineType(Type):
    """A type without a dedicated Python class (e.g. scan's), shown as the engine names it."""

    def __init__(self, jt):
        self._t = jt


_type_classes = {}


def register_type_class(java_simple_name, factory):
    _type_classes[java_simple_name] = factory


def wrap_type(jt):
    """The Python type object for an engine type (a new wrapper; equality follows the engine)."""
    factory = _type_classes.get(str(jt.getClass().getSimpleName()))
    if factory is None:
        return _EngineType(jt)
    return factory(jt)
