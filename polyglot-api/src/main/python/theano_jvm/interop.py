"""Java calling Python modules (org.theanojvm.polyglot.PythonModule): values converted at the border.

Engine NdArrays from Java become NumPy arrays, and NumPy arrays (and NumPy scalars) going back become
NdArrays, each by one block copy of its buffer (theano_jvm.marshal), never element by element: a Java
double[] seen from Python as a foreign list costs 200-1000 ms per million elements, the block copy a
few ms. Lists and tuples of results go back as java.util.ArrayList, converted item by item; other
values (Python numbers, strings, None, other objects) cross as GraalPy passes them.
"""
import importlib
import sys

import numpy

import java

from theano_jvm import marshal

_ArrayList = java.type("java.util.ArrayList")


def import_module(name, search_path):
    """importlib.import_module(name), with the folders of search_path (a Java String[]) first on sys.path."""
    for folder in reversed([str(p) for p in search_path]):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    return importlib.import_module(name)


def call(module, function, args):
    """module.function(*args) with args from Java (an Object[]) converted in, the result converted out."""
    return to_java(getattr(module, function)(*[to_python(args[i]) for i in range(len(args))]))


def to_python(value):
    if java.is_object(value) and java.instanceof(value, marshal.NdArray):
        return marshal.to_numpy(value)
    return value


def to_java(value):
    if isinstance(value, (numpy.ndarray, numpy.generic)):
        return marshal.to_ndarray(value)
    if isinstance(value, (list, tuple)):
        out = _ArrayList(len(value))
        for item in value:
            out.add(to_java(item))
        return out
    return value
