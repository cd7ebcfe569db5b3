"""What translated Python 2 code gets for `import cPickle` / `import pickle`: the pickle module,
reading Python 2 pickles the way Python 2 did.

Python 2's `str` is bytes; Python 3's pickle decodes such strings as ASCII by default, so loading
a pickle written by Python 2 (the MNIST `mnist.pkl.gz` of the Theano tutorials, NumPy arrays in
general) fails with UnicodeDecodeError. `load`/`loads`/`Unpickler` here default to
encoding="latin1" -- what NumPy documents for Python 2 pickles: every byte is kept. Pickles written
by Python 3 load exactly as before (the encoding only applies to Python 2 strings).
"""
import pickle as _pickle
from pickle import *  # noqa: F401,F403  (the rest of the module, unchanged)

_PY2_ENCODING = "latin1"


def load(file, *, fix_imports=True, encoding=_PY2_ENCODING, errors="strict", buffers=()):
    return _pickle.load(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers)


def loads(data, *, fix_imports=True, encoding=_PY2_ENCODING, errors="strict", buffers=()):
    return _pickle.loads(data, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers)


class Unpickler(_pickle.Unpickler):

    def __init__(self, file, *, fix_imports=True, encoding=_PY2_ENCODING, errors="strict", buffers=()):
        super().__init__(file, fix_imports=fix_imports, encoding=encoding, errors=errors, buffers=buffers)


def __getattr__(name):  # pickle's names outside its __all__ (HIGHEST_PROTOCOL is in it; _Pickler...)
    return getattr(_pickle, name)
