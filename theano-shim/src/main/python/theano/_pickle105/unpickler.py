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
load and loads try the built-in loader first and use this class only when a global is missing, so
ordinary pickles keep the built-in speed.
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


# The signatures are the standard library's (pickle.load, pickle.loads). Each first tries the built-in
# loader, which is fast from the first call (the Python unpickler needs the interpreter warm: 200 000 floats
# took 5.9 s instead of 0.12 s), and reads the pickle again with Unpickler only when a global is missing:
# a Theano 1.0.5 name, or a Python 2 module name GraalPy's built-in load does not map. GraalPy reports a
# missing attribute as a TypeError, hence that too.
_builtin_load, _builtin_loads = pickle.load, pickle.loads
_MISSING_GLOBAL = (ImportError, AttributeError, TypeError)


def _position(file):
    """Where a seekable file is, to read it again; None when it cannot be re-read."""
    try:
        return file.tell() if file.seekable() else None
    except (AttributeError, OSError, ValueError):
        return None


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """pickle.load: Unpickler(file, ...).load() (the built-in loader first, where the file can be re-read)."""
    start = _position(file)
    if start is not None:
        try:
            return _builtin_load(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers)
        except _MISSING_GLOBAL:
            file.seek(start)
    return Unpickler(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    """pickle.loads: Unpickler(io.BytesIO(data), ...).load() (the built-in loader first)."""
    if isinstance(data, str):
        raise TypeError("Can't load pickle from unicode string")
    try:
        return _builtin_loads(data, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers)
    except _MISSING_GLOBAL:
        pass
    return Unpickler(io.BytesIO(data), fix_imports=fix_imports, encoding=encoding, errors=errors,
                     buffers=buffers).load()


def install():
    """Makes pickle.Unpickler, pickle.load and pickle.loads these (idempotent)."""
    if pickle.Unpickler is not Unpickler:
        pickle.Unpickler, pickle.load, pickle.loads = Unpickler, load, loads
