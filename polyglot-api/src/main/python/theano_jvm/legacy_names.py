"""Standard-library names that Theano-era code imports and Python 3.10 removed, given back.

Applied once at interpreter start-up by the GraalPy venv's theano-jvm.pth (written by
polyglot-api/src/main/sh/build-venv.sh), like theano_jvm.stdlib_fastpaths.

theano-jvm runs Python 3.12, while the code it exists for was written for Python 2.7-3.9: Keras 2.3.1,
for one, does `from collections import Iterable` and fails to import on any Python from 3.10 on. Python
3.3-3.9 served the collections ABCs from `collections` too, through a module `__getattr__` that warned
(DeprecationWarning, "Using or importing the ABCs from 'collections' instead of from 'collections.abc'
is deprecated"). This puts that `__getattr__` back, with the same warning: the names resolve to the
`collections.abc` classes themselves, so isinstance checks agree, and nothing else in `collections`
changes (`dir(collections)`, and `hasattr` for names that were never there).
"""
import collections
import collections.abc
import warnings

_ABC_NAMES = frozenset(collections.abc.__all__)


def _collections_getattr(name):
    if name in _ABC_NAMES:
        warnings.warn("Using or importing the ABCs from 'collections' instead of from 'collections.abc' "
                      "is deprecated since Python 3.3, and in 3.10 it will stop working",
                      DeprecationWarning, stacklevel=2)
        return getattr(collections.abc, name)
    raise AttributeError("module 'collections' has no attribute '%s'" % name)


def apply():
    """Install the legacy names (idempotent; a `collections.__getattr__` of someone else's is kept)."""
    if getattr(collections, "__getattr__", None) is None:
        collections.__getattr__ = _collections_getattr
