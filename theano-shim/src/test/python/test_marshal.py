"""NumPy <-> engine marshalling (polyglot-api's theano_jvm.marshal) and the C extension that reads buffer
addresses for it (theano_jvm_native). Expectations come from NumPy itself: the address NumPy reports
in `__array_interface__`, and arrays that must come back equal, dtype for dtype."""
import numpy
import pytest

import theano
import theano.tensor as T
import theano_jvm_native
from theano_jvm import marshal

DTYPES = ["float64", "float32", "float16", "int64", "int32", "int16", "int8",
          "uint64", "uint32", "uint16", "uint8", "bool", "complex128", "complex64"]


def numpy_address(a):
    return a.__array_interface__["data"][0]


@pytest.mark.parametrize("dtype", DTYPES)
def test_address_is_numpys_for_every_dtype(dtype):
    a = numpy.zeros((3, 4), dtype)
    assert theano_jvm_native.address(a) == numpy_address(a)
    assert theano_jvm_native.writable_address(a) == numpy_address(a)


def test_address_of_a_view_is_its_first_element():
    a = numpy.arange(24.0).reshape(4, 6)
    row = a[2]
    assert theano_jvm_native.address(row) == numpy_address(a) + 2 * 6 * 8
    assert theano_jvm_native.address(a[1:3]) == numpy_address(a) + 6 * 8


def test_non_contiguous_and_read_only_buffers_are_refused():
    # the errors are the exporter's, as for memoryview(a): NumPy raises ValueError
    a = numpy.arange(24.0).reshape(4, 6)
    with pytest.raises(ValueError, match="not C-contiguous"):
        theano_jvm_native.address(a[:, ::2])
    with pytest.raises(ValueError, match="not C-contiguous"):
        theano_jvm_native.address(a.T)
    read_only = a.copy()
    read_only.flags.writeable = False
    assert theano_jvm_native.address(read_only) == numpy_address(read_only)
    with pytest.raises(ValueError, match="read-only"):
        theano_jvm_native.writable_address(read_only)
    with pytest.raises(TypeError):
        theano_jvm_native.address(3.0)


@pytest.mark.parametrize("dtype", DTYPES)
def test_round_trip_through_the_engine_is_exact(dtype):
    rng = numpy.random.RandomState(7)
    a = (rng.standard_normal((5, 3)) * 100).astype(dtype)
    back = marshal.to_numpy(marshal.to_ndarray(a))
    assert back.dtype == a.dtype and back.shape == a.shape
    assert numpy.array_equal(back, a)
    assert not numpy.shares_memory(back, a)


@pytest.mark.parametrize("make", [
    lambda a: a[:, ::2],                                   # strided view
    lambda a: a.T,                                         # Fortran order
    lambda a: a.astype(a.dtype.newbyteorder(">")),         # big-endian
    lambda a: a[1:, 1:],                                   # offset, non-contiguous
    lambda a: numpy.asarray(a[0, 0]),                      # 0-d
    lambda a: a[:0],                                       # empty
], ids=["strided", "fortran", "big_endian", "offset", "zero_d", "empty"])
def test_layouts_numpy_can_hold_reach_the_engine_as_values(make):
    a = make(numpy.arange(20.0).reshape(4, 5))
    back = marshal.to_numpy(marshal.to_ndarray(a))
    assert back.shape == a.shape
    assert numpy.array_equal(back, a)


def test_compiled_function_outputs_are_fresh_arrays_each_call():
    x = T.dmatrix("x")
    f = theano.function([x], [2 * x, x.sum()])
    a = numpy.arange(6.0).reshape(2, 3)
    first, total = f(a)
    second, _ = f(a + 1)
    assert numpy.array_equal(first, 2 * a) and total == 15.0
    assert numpy.array_equal(second, 2 * (a + 1))
    assert not numpy.shares_memory(first, second)
    # argument layouts that cannot be read in place go through staging copies: same values
    assert numpy.array_equal(f(numpy.asfortranarray(a))[0], 2 * a)
    assert numpy.array_equal(f(a.astype(">f8"))[0], 2 * a)
