"""lib2to3's FixImports (renamed modules: cStringIO -> io, urllib2 via fix_urllib, ...) with
`cPickle` and `pickle` mapped to theano_jvm.py2.cpickle, which reads Python 2 pickles.

FixImports keeps its table in the `mapping` attribute and rebuilds its pattern from it, so that a
subclass can change the table (as lib2to3's own fix_imports2 does).
"""
from lib2to3.fixes.fix_imports import MAPPING, FixImports

PICKLE = "theano_jvm.py2.cpickle"


class FixImportsPickle(FixImports):
    mapping = dict(MAPPING, cPickle=PICKLE, pickle=PICKLE)
