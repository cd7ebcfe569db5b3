"""NumPy arrays <-> engine NdArrays: one block copy by buffer address each way.

Element-by-element interop costs 200-1000 ms per million doubles; reading the NumPy buffer address
and letting Java copy the bytes (MemorySegment.copy) costs a few ms. Shapes are tiny and cross as
lists.
"""
import numpy

import java

NdArray = java.type("org.theanojvm.engine.ndarray.NdArray")
DType = java.type("org.theanojvm.engine.types.DType")

_engine_dtypes = {}


def engine_dtype(dtype):
    """The engine DType for a NumPy dtype (or dtype name)."""
    name = numpy.dtype(dtype).name
    found = _engine_dtypes.get(name)
    if found is None:
        found = _engine_dtypes[name] = DType.of(name)
    return found


def to_ndarray(array):
    """A NumPy array (or anything numpy.asarray takes) as a new engine NdArray (a copy)."""
    a = numpy.asarray(array)
    if not a.flags.c_contiguous:
        # (ascontiguousarray alone would turn a 0-d array into shape (1,))
        a = numpy.ascontiguousarray(a)
    if not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    return NdArray.fromAddress(engine_dtype(a.dtype), list(a.shape), a.__array_interface__["data"][0])


def to_numpy(ndarray):
    """An engine NdArray as a new C-contiguous NumPy array (a copy: it never aliases engine storage)."""
    out = numpy.empty(tuple(ndarray.shape()), dtype=str(ndarray.dtype().npName()))
    if out.size:
        ndarray.copyToAddress(out.__array_interface__["data"][0])
    return out
