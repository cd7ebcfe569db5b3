"""NumPy arrays <-> engine NdArrays: one block copy by buffer address each way.

Element-by-element interop costs 200-1000 ms per million doubles; reading the NumPy buffer address
and letting Java copy the bytes (MemorySegment.copy) costs a few ms. Shapes are tiny and cross as
lists.

Addresses come from theano_jvm_native (polyglot-api/src/main/c), our C extension, through the buffer
protocol: ~6 us, where `ndarray.__array_interface__["data"][0]` costs 70-150 us on GraalPy and grew
GraalPy's native memory by ~70 MB per 100 000 reads, which every call with an array result paid.
"""
import numpy
from theano_jvm_native import address, writable_address

import java

NdArray = java.type("org.theanojvm.engine.ndarray.NdArray")
DType = java.type("org.theanojvm.engine.types.DType")

_engine_dtypes = {}


def engine_dtype(dtype):
    """The engine DType for a NumPy dtype (or dtype name)."""
    # keyed by what the caller passes (dtype objects hash): `numpy.dtype(d).name` is Python code in
    # NumPy that costs about 100 us per call on GraalPy, more than the rest of a small call
    found = _engine_dtypes.get(dtype)
    if found is None:
        found = _engine_dtypes[dtype] = DType.of(numpy.dtype(dtype).name)
    return found


# 0-d values of these dtypes cross exactly as one Java double / long (uint64 and complex do not)
_SCALAR_AS_FLOAT = frozenset(("float64", "float32", "float16"))
_SCALAR_AS_INT = frozenset(("int64", "int32", "int16", "int8", "uint32", "uint16", "uint8", "bool"))

# engine DType -> (NumPy dtype, how a 0-d NdArray of it is read as one exact number, how one such
# number becomes a 0-d NdArray of it), the last two None for dtypes that do not cross as one number
_numpy_dtypes = {}


def _numpy_target(engine_dtype):
    """Cached by the DType itself, as engine_dtype is: `dtype.name` costs ~70 us per call on GraalPy."""
    found = _numpy_dtypes.get(engine_dtype)
    if found is None:
        dtype = numpy.dtype(str(engine_dtype.npName()))
        if dtype.name in _SCALAR_AS_FLOAT:
            found = (dtype, lambda a: a.item(), lambda d, a: NdArray.scalar(d, float(a)))
        elif dtype.name in _SCALAR_AS_INT:
            found = (dtype, lambda a: a.itemLong(), lambda d, a: NdArray.scalarLong(d, int(a)))
        else:
            found = (dtype, None, None)
        _numpy_dtypes[engine_dtype] = found
    return found


def to_ndarray(array):
    """A NumPy array (or anything numpy.asarray takes) as a new engine NdArray (a copy)."""
    a = numpy.asarray(array)
    if a.ndim == 0:
        # a 0-d value (a NumPy scalar constant such as numpy.float32(0.01)) crosses as one exact number,
        # as to_numpy returns one: no buffer address round trip
        dtype = engine_dtype(a.dtype)
        from_number = _numpy_target(dtype)[2]
        if from_number is not None:
            return from_number(dtype, a)
    if not a.flags.c_contiguous:
        # (ascontiguousarray alone would turn a 0-d array into shape (1,))
        a = numpy.ascontiguousarray(a)
    if not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    return NdArray.fromAddress(engine_dtype(a.dtype), list(a.shape), address(a))


def over_caller_memory(array):
    """A numeric NumPy array as an engine NdArray over its own buffer, not copied, where its layout
    allows (C-contiguous, aligned, native byte order); otherwise `to_ndarray`'s copy. For call
    arguments only: the caller's array keeps the memory alive during the call, and the engine never
    writes an argument (outputs and updates that alias one are copied)."""
    flags = array.flags
    if array.dtype.kind in "biuf" and flags.c_contiguous and flags.aligned and array.dtype.isnative:
        return NdArray.overAddress(engine_dtype(array.dtype), list(array.shape), address(array))
    return to_ndarray(array)


class ArgumentStaging(object):
    """Reusable native buffers for one compiled function's ndarray arguments.

    Each (position, shape, dtype) gets one NumPy buffer whose address is read once, wrapped by an
    NdArray over that memory (no copy); a call copies the argument into it with `numpy.copyto`, one C
    call that also handles strides and byte order, so no layout needs a new array per call. The engine
    reads the buffer during the call only: outputs that alias an argument are copied out by to_numpy,
    updates that alias one are copied by the engine. (The buffers date from when reading an address
    cost ~160 us through `__array_interface__`; with theano_jvm_native's ~6 us, a small contiguous
    argument costs the same either way: 17-18 us per call of a 10-element `2 * x + 1` both ways.)

    Arrays over MAX_BYTES are not copied at all when they can be read where they lie (C-contiguous,
    aligned, native byte order): the NdArray wraps the caller's own buffer (`over_caller_memory`); the
    SIMD kernels and BLAS read native memory in place, and the engine never writes an argument. Others
    take `to_ndarray`. Not for reentrant use: a call made while one is running (a Python op calling the
    same function) takes `to_ndarray` too. Shapes that change from call to call do not pile up buffers:
    past MAX_BUFFERS the cache starts over.
    """

    MAX_BUFFERS = 16
    MAX_BYTES = 2 << 20
    _DIRECT = ()  # cached verdict: this (position, shape, dtype) takes over_caller_memory

    def __init__(self):
        self._buffers = {}
        self.busy = False

    def to_ndarray(self, position, array):
        key = (position, array.shape, array.dtype)
        found = self._buffers.get(key)
        if found is None:
            found = self._new_buffer(key, array)
        if found is self._DIRECT:
            return over_caller_memory(array)
        numpy.copyto(found[0], array)
        return found[1]

    def _new_buffer(self, key, array):
        if len(self._buffers) >= self.MAX_BUFFERS:
            self._buffers.clear()
        if array.dtype.kind not in "biufc" or array.nbytes > self.MAX_BYTES:
            # strings, objects, records: to_ndarray's conversion and errors; big arrays: see above
            found = self._DIRECT
        else:
            staging = numpy.empty(array.shape, array.dtype.newbyteorder("="))
            found = (staging, NdArray.overAddress(engine_dtype(staging.dtype), list(staging.shape), address(staging)))
        self._buffers[key] = found
        return found


def to_numpy(ndarray):
    """An engine NdArray as a new C-contiguous NumPy array (a copy: it never aliases engine storage)."""
    dtype, read_scalar, _ = _numpy_target(ndarray.dtype())
    if read_scalar is not None and ndarray.ndim() == 0:
        # a 0-d result (a cost, a scalar) as one number: no NumPy buffer to allocate and fill.
        # dtype goes positionally: a keyword argument into a NumPy C function costs ~5 us more on
        # GraalPy (11 us instead of 6 us for this call, measured after warm-up)
        return numpy.array(read_scalar(ndarray), dtype)
    out = numpy.empty(tuple(ndarray.shape()), dtype)
    if out.size:
        ndarray.copyToAddress(writable_address(out))
    return out
