"""Placeholders for the Theano 1.0.5 names the shim does not define, so that pickle can read every object
of a Theano pickle (a compiled function's pickle holds its linker, optimizer query and graph features).

A placeholder class records what the pickle stored: its __dict__ state (or any other state), the
arguments of NEWOBJ/REDUCE and the items of dict or list subclasses. Placeholder functions exist to be
referenced (scalar ops store theano.scalar.basic.upcast_out) and raise if called. Nothing is computed
with a placeholder: graph.py rebuilds graphs through the shim's own ops, and an op that is a placeholder
with no translation is reported by its Theano name.

Where they come from: a finder first on sys.meta_path sees each import below `theano`. A shim module
is imported as usual, then gets a module __getattr__ (PEP 562) serving the Theano 1.0.5 names it lacks;
a Theano module the shim does not have becomes a placeholder module serving all of its Theano names.
Modules and names Theano never had keep failing as before, and so do the GPU back ends (left out of
the table: scripts import them to detect a GPU).
"""
import importlib.abc
import importlib.machinery
import importlib.util
import sys

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


def add_fallback(module):
    """Gives module a __getattr__ serving Theano's names it lacks (after its own __getattr__, if any)."""
    own = module.__dict__.get("__getattr__")
    module_name = module.__name__

    def __getattr__(name):
        if own is not None:
            try:
                return own(name)
            except AttributeError:
                pass
        obj = placeholder(module_name, name) if not name.startswith("__") else None
        if obj is None:
            raise AttributeError("module %r has no attribute %r" % (module_name, name))
        return obj

    module.__getattr__ = __getattr__


class _WithFallback(importlib.abc.Loader):
    """A shim module's own loader, then add_fallback."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        add_fallback(module)

    def __getattr__(self, name):  # get_source, get_filename...: tracebacks and linecache ask the loader
        return getattr(self._loader, name)


class _PlaceholderModule(importlib.abc.Loader):
    """A Theano 1.0.5 module the shim does not have: only its names, as placeholders."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__doc__ = ("Theano 1.0.5's %s, which theano-jvm does not implement: its names are placeholders so "
                          "that Theano's pickles can be read (theano._pickle105)." % module.__name__)
        add_fallback(module)


class _Finder(importlib.abc.MetaPathFinder):
    # The table of Theano's names is read only when a name is missing or a module is not found, i.e. not
    # while `import theano` imports the shim's modules.
    def find_spec(self, fullname, path, target=None):
        if not fullname.startswith("theano."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None:
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _WithFallback(spec.loader)
            return spec
        if not names.is_theano_module(fullname):
            return None
        return importlib.util.spec_from_loader(fullname, _PlaceholderModule(), is_package=names.is_package(fullname))


def install_finder():
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
