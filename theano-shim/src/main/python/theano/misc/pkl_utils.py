"""theano.misc.pkl_utils: pickles that store their NumPy arrays as .npy files in a zip (Theano 1.0's).

`dump(obj, f)` writes a zip file holding `pkl` (the pickle) and one `.npy` member per array, named
after the shared variable it is the value of when that variable has a name (`W`, `b`, else
`array_0`, `array_1`...), so the parameters of a checkpoint can be read with NumPy alone:
`numpy.load(zipfile.ZipFile(f).open('W'))`. `load(f)` reads it back.
"""
import pickle
import zipfile
from collections import defaultdict
from contextlib import closing
from io import BytesIO
from pickle import DEFAULT_PROTOCOL, HIGHEST_PROTOCOL  # noqa: F401 (Theano exports them here)

import numpy

from theano.compile.sharedvalue import SharedVariable

__all__ = ["StripPickler", "PersistentNdarrayID", "PersistentSharedVariableID", "PersistentNdarrayLoad",
           "dump", "load", "zipadd"]


class StripPickler(pickle.Pickler):
    """A Pickler that drops the creation traces from variables' tags (Theano's StripPickler), which
    makes pickles smaller and independent of where the graph was built.

        with open(fname, 'wb') as f:
            StripPickler(f, protocol=-1).dump(obj)
    """

    def __init__(self, file, protocol=0, extra_tag_to_remove=None):
        pickle.Pickler.__init__(self, file, protocol)
        self.tag_to_remove = ["trace", "test_value"] + list(extra_tag_to_remove or [])

    def reducer_override(self, obj):
        from theano.gof.graph import Variable
        if isinstance(obj, Variable):
            tag = obj.__dict__.get("_tag")
            if tag is not None:
                for name in self.tag_to_remove:
                    tag.__dict__.pop(name, None)
        return NotImplemented


def zipadd(func, zip_file, name):
    """Calls func(file) and stores what it wrote as the zip member `name`."""
    buf = BytesIO()
    func(buf)
    zip_file.writestr(name, buf.getvalue())


class PersistentNdarrayID(object):
    """Stores each ndarray met while pickling as a .npy zip member; the pickle keeps `ndarray.NAME`.

    Persistent ids take the form `type.name`: the loader picks the reader by type and finds the
    member by name.
    """

    def __init__(self, zip_file):
        self.zip_file = zip_file
        self.count = 0
        self.seen = {}

    def _resolve_name(self, obj):
        name = "array_{0}".format(self.count)
        self.count += 1
        return name

    def __call__(self, obj):
        if type(obj) is numpy.ndarray:
            if id(obj) not in self.seen:
                name = self._resolve_name(obj)
                zipadd(lambda f: numpy.lib.format.write_array(f, obj), self.zip_file, name)
                # keep obj alive while pickling, so its id cannot be reused by another array
                self.seen[id(obj)] = ("ndarray.{0}".format(name), obj)
            return self.seen[id(obj)][0]
        return None


class PersistentSharedVariableID(PersistentNdarrayID):
    """Like PersistentNdarrayID, but a shared variable's value is named after the variable.

    A shared variable is pickled with its value as the first array that follows it (see
    theano.gof.persistence.reduce_variable), so the name met last is given to the next array.

    allow_unnamed: whether values of unnamed shared variables may be stored (as array_N);
    allow_duplicates: whether two shared variables may have the same name (the second gets NAME_2).
    """

    def __init__(self, zip_file, allow_unnamed=True, allow_duplicates=True):
        super(PersistentSharedVariableID, self).__init__(zip_file)
        self.name_counter = defaultdict(int)
        self.allow_unnamed = allow_unnamed
        self.allow_duplicates = allow_duplicates
        self._pending_name = None

    def _resolve_name(self, obj):
        name, self._pending_name = self._pending_name, None
        if name is None:
            return super(PersistentSharedVariableID, self)._resolve_name(obj)
        count = self.name_counter[name]
        self.name_counter[name] += 1
        if count:
            if not self.allow_duplicates:
                raise ValueError("multiple shared variables with the name `{0}` found".format(name))
            name = "{0}_{1}".format(name, count + 1)
        return name

    def __call__(self, obj):
        if isinstance(obj, SharedVariable):
            if obj.name:
                if obj.name == "pkl":
                    raise ValueError("can't pickle shared variable with name `pkl`")
                self._pending_name = obj.name
            elif not self.allow_unnamed:
                raise ValueError("unnamed shared variable, {0}".format(obj))
            return None
        return super(PersistentSharedVariableID, self).__call__(obj)


class PersistentNdarrayLoad(object):
    """Reads the arrays that PersistentNdarrayID stored (memoized: one array per member)."""

    def __init__(self, zip_file):
        self.zip_file = zip_file
        self.cache = {}

    def __call__(self, persid):
        array_type, name = persid.split(".", 1)
        if array_type not in ("ndarray", "cuda_ndarray", "gpuarray"):
            raise pickle.UnpicklingError("unknown persistent id type %r in %r" % (array_type, persid))
        if name not in self.cache:
            self.cache[name] = numpy.lib.format.read_array(BytesIO(self.zip_file.read(name)))
        return self.cache[name]


def dump(obj, file_handler, protocol=DEFAULT_PROTOCOL, persistent_id=PersistentSharedVariableID):
    """Pickles obj into a zip file, its arrays as .npy members (see the module docstring)."""
    with closing(zipfile.ZipFile(file_handler, "w", zipfile.ZIP_DEFLATED, allowZip64=True)) as zip_file:
        def write_pickle(f):
            pickler = pickle.Pickler(f, protocol=protocol)
            pickler.persistent_id = persistent_id(zip_file)
            pickler.dump(obj)
        zipadd(write_pickle, zip_file, "pkl")


def load(f, persistent_load=PersistentNdarrayLoad):
    """Loads what dump wrote."""
    with closing(zipfile.ZipFile(f, "r")) as zip_file:
        unpickler = pickle.Unpickler(BytesIO(zip_file.open("pkl").read()))
        unpickler.persistent_load = persistent_load(zip_file)
        return unpickler.load()
