"""Standard-library functions that behave differently on GraalPy than on CPython, given CPython's behaviour.

pickle.load: GraalPy 25.0's _pickle.load(file) ignores fix_imports, so a protocol 0-2 pickle written by
Python 2 that names copy_reg or __builtin__ (cPickle.dump's default protocol 0 names
copy_reg._reconstructor for every object) fails with "No module named 'copy_reg'", where pickle.loads
and Unpickler(file).load() map those names as CPython does. Python documents pickle.load(file, ...) as
Unpickler(file, ...).load(), which is what replaces it here.

Applied by `import theano` (theano._pickle105.install), where pickle is already imported by NumPy;
nothing is replaced on other Pythons or where the bug is absent.
"""
import sys


def _load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    import pickle
    return pickle.Unpickler(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers).load()


def _load_ignores_fix_imports():
    import io
    import pickle
    try:
        pickle.load(io.BytesIO(b"c__builtin__\nlen\n."))  # Python 2's name of builtins.len
        return False
    except ImportError:
        return True


def apply():
    """Install the replacements (only on GraalPy, only where needed; idempotent)."""
    if sys.implementation.name != "graalpy":
        return
    import pickle
    if pickle.load is not _load and _load_ignores_fix_imports():
        _load.__doc__ = pickle.load.__doc__
        pickle.load = _load
