"""Placeholders for the Theano 1.0.5 names the shim does not define, so that pickle can read every object
of a Theano pickle (a compiled function's pickle holds its linker, optimizer query and graph features).

A placeholder class records what the pickle stored: its __dict__ state (or any other state), the
arguments of NEWOBJ/REDUCE and the items of dict or list subclasses. Placeholder functions exist to be
referenced (scalar ops store theano.scalar.basic.upcast_out) and raise if called. Nothing is computed
with a placeholder: graph.py rebuilds graphs through the shim's own ops, and an op that is a placeholder
with no translation is reported by its Theano name.

Where they come from: only the unpickler's find_class (unpickler.py) asks for them, for a name the
normal lookup does not find. Nothing else sees them: no module gets them as attributes.
"""
from theano._pickle105 import names


class TheanoObject(object):
    """An object of a Theano 1.0.5 class that theano-jvm does not implement, as a pickle stored it."""

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        if args or kwargs:
            self.__dict__["_theano_args"] = (args, kwargs)
        return self

    def __init__(self, *args, **kwargs):
        pass  # pickle's REDUCE calls the class: __new__ recorded the arguments

    def __setstate__(self, state):
        if isinstance(state, dict):
            self.__dict__.update(state)
        elif (isinstance(state, tuple) and len(state) == 2 and isinstance(state[1], dict)
              and (state[0] is None or isinstance(state[0], dict))):  # (__dict__, __slots__ values)
            self.__dict__.update(state[0] or {})
            self.__dict__.update(state[1])
        else:
            self.__dict__["_theano_state"] = state

    # dict and list subclasses pickle their items with SETITEMS / APPENDS
    def __setitem__(self, key, value):
        self.__dict__.setdefault("_theano_items", {})[key] = value

    def append(self, value):
        self.__dict__.setdefault("_theano_list", []).append(value)

    def extend(self, values):
        for v in values:
            self.append(v)

    def __call__(self, *args, **kwargs):
        raise NotImplementedError("%s (Theano 1.0.5) is not implemented by theano-jvm: it exists here only so that "
                                  "pickles naming it can be read" % theano_name(self))

    def __repr__(self):
        return "<%s pickled by Theano 1.0.5 (a placeholder)>" % theano_name(self)


def theano_name(obj):
    """The Theano module path of an object's class (placeholder or shim class)."""
    cls = obj if isinstance(obj, type) else type(obj)
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def _make_class(module, name):
    return type(name, (TheanoObject,), {
        "__module__": module, "__qualname__": name,
        "__doc__": "Theano 1.0.5's %s.%s, which theano-jvm does not implement: a placeholder for pickles." % (module, name)})


def _make_function(module, name):
    def placeholder(*args, **kwargs):
        raise NotImplementedError("%s.%s (Theano 1.0.5) is not implemented by theano-jvm: it exists here only so that "
                                  "pickles naming it can be read" % (module, name))
    placeholder.__module__ = module
    placeholder.__name__ = placeholder.__qualname__ = name
    return placeholder


_made = {}  # (module, name) -> placeholder: one object per name, as pickle's memo expects of globals


def placeholder(module, name):
    """The placeholder for a Theano 1.0.5 name, or None when Theano had no such name."""
    key = (module, name)
    obj = _made.get(key)
    if obj is None:
        kind = names.kind(module, name)
        if kind is None:
            return None
        obj = _made[key] = _make_function(module, name) if kind == "function" else _make_class(module, name)
    return obj
