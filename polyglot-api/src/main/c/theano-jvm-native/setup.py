"""Builds the theano_jvm_native extension (see theano_jvm_native.c) into the GraalPy venv.

The version carries a hash of the C source, so the venv build (polyglot-api/src/main/sh/build-venv.sh)
finds an up-to-date wheel in its wheelhouse by name and compiles only after the source changed.
"""
import hashlib
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "theano_jvm_native.c"

with open(os.path.join(HERE, SOURCE), "rb") as f:
    source_hash = hashlib.sha256(f.read()).hexdigest()[:12]

setup(
    name="theano-jvm-native",
    version="1.0+src" + source_hash,
    description="Buffer addresses for theano-jvm's NumPy <-> engine copies",
    ext_modules=[Extension("theano_jvm_native", [SOURCE])],
)
