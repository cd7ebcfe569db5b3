"""The unpickler that serves Theano 1.0.5's names, and pickle's load, loads and Unpickler replaced by it.

Unpickler.find_class looks a global up as usual; only where that fails (ImportError, AttributeError) and
Theano 1.0.5 had that module and name (names.py) does it return the placeholder for it (placeholders.py).
So Theano's names exist only while a pickle is read: no module gains attributes and no Theano module the
shim lacks becomes importable, so `hasattr(T.nnet, ...)` and `try: import theano.x` feature tests see the
shim as it is.

install() (run by `import theano`) makes pickle.Unpickler this class and pickle.load / pickle.loads
Unpickler(...).load(), as Python documents them, so that plain pickle.load reads a DLT best_model.pkl and
a user's own Unpickler subclass inherits the placeholders. The base class is the standard library's
Python unpickler (pickle._Unpickler) where the built-in one ignores a subclass's find_class, as GraalPy's
does: there user subclasses' find_class was never called. The Python unpickler also maps Python 2's
module names (copy_reg, __builtin__) under fix_imports, which GraalPy's built-in pickle.load ignores.
Its cost: a pickle of very many small objects loads slower the first time (the interpreter warms up).
"""
import io
import pickle

from theano._pickle105 import placeholders


def _builtin_calls_find_class():
    """Whether the built-in unpickler calls a subclass's find_class (CPython's does, GraalPy 25's does not)."""
    class Probe(pickle.Unpickler):
        called = False

        def find_class(self, module, name):
            Probe.called = True
            return super().find_class(module, name)
    Probe(io.BytesIO(b"\x80\x02cbuiltins\nlen\n.")).load()
    return Probe.called


_original = pickle.Unpickler
_base = _original if _builtin_calls_find_class() else pickle._Unpickler


class Unpickler(_base):
    __doc__ = _original.__doc__ or "pickle.Unpickler; Theano 1.0.5's names resolve to placeholders (theano._pickle105)."

    def find_class(self, module, name):
        try:
            return super().find_class(module, name)
        except (ImportError, AttributeError):
            found = placeholders.placeholder(module, name)  # None unless Theano 1.0.5 had module.name
            if found is None:
                raise
            return found


# The signatures are the standard library's (pickle.load, pickle.loads)

def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """pickle.load: Unpickler(file, ...).load()."""
    return Unpickler(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """pickle.loads: Unpickler(io.BytesIO(data), ...).load()."""
    if isinstance(data, str):
        raise TypeError("Can't load pickle from unicode string")
    return Unpickler(io.BytesIO(data), fix_imports=fix_imports, encoding=encoding, errors=errors,
                     buffers=buffers).load()


def install():
    """Makes pickle.Unpickler, pickle.load and pickle.loads these (idempotent)."""
    if pickle.Unpickler is not Unpickler:
        pickle.Unpickler, pickle.load, pickle.loads = Unpickler, load, loads
