"""theano.function: inputs and defaults, keyword calls, output forms, updates, givens, and the
errors Theano raises (dtype TypeError, wrong ndim, shape mismatch with the Apply node, missing and
unused inputs), with NumPy computing every expected value."""
import collections
import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.function_module import UnusedInputError
from theano.gof.fg import MissingInputError


def test_scalar_outputs_are_0d_arrays():
    a, b = T.dscalars("a", "b")
    f = theano.function([a, b], a + b)
    d = f(1.5, 2.5)
    assert isinstance(d, np.ndarray) and d.shape == () and d.dtype == np.float64
    assert str(d) == "4.0"


def test_lists_and_arrays_as_arguments():
    a, b = T.dmatrices("a", "b")
    f = theano.function([a, b], T.dot(a, b))
    x = [[0, -1, 2], [4, 11, 2]]
    y = [[3, -1], [1, 2], [6, 1]]
    np.testing.assert_array_equal(f(x, y), np.dot(x, y))
    np.testing.assert_array_equal(f(np.array(x, dtype="float64"), np.array(y, dtype="float64")), np.dot(x, y))
    # an int64 ndarray fits a float64 input (upcast), as in Theano
    np.testing.assert_array_equal(f(np.array(x), np.array(y)), np.dot(x, y))


def test_list_output_and_dict_output():
    x = T.dvector("x")
    f = theano.function([x], [x * 2, x.sum()])
    r = f([1.0, 2.0])
    assert isinstance(r, list) and len(r) == 2
    np.testing.assert_array_equal(r[0], [2.0, 4.0])
    assert r[1] == 3.0
    g = theano.function([x], {"double": x * 2, "total": x.sum()})
    r = g([1.0, 2.0])
    assert set(r) == {"double", "total"} and r["total"] == 3.0
    assert theano.function([x], [], on_unused_input="ignore")([1.0]) == []


def test_defaults_with_in_and_param_and_keywords():
    A = T.dmatrix("A")
    x = T.dvector("x")
    b = T.dvector("b")
    y = T.dot(A, x) + b
    z = T.sum(A ** 2)
    Av = np.array([[1, 2, 3], [4, 5, 6]], dtype="float64")
    xv = np.array([1, 2, 3], dtype="float64")
    f = theano.function([A, x, theano.In(b, value=np.zeros(2))], [y, z])
    r = f(Av, xv)
    np.testing.assert_array_equal(r[0], Av.dot(xv))
    assert r[1] == 91.0
    np.testing.assert_array_equal(f(Av, xv, np.array([4.0, 5.0]))[0], Av.dot(xv) + [4, 5])
    np.testing.assert_array_equal(f(Av, x=xv, b=[1.0, 1.0])[0], Av.dot(xv) + 1)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        p = theano.Param(b, default=np.zeros(2))
    assert any(issubclass(i.category, DeprecationWarning) for i in w)
    g = theano.function([A, x, p], [y, z])
    np.testing.assert_array_equal(g(Av, xv)[0], Av.dot(xv))
    h = theano.function([A, theano.In(x, name="vec")], y + 0, givens={b: T.zeros((2,), dtype="float64")})
    np.testing.assert_array_equal(h(Av, vec=xv), Av.dot(xv))
    with pytest.raises(TypeError, match="Missing required input: x"):
        f(Av)
    with pytest.raises(TypeError, match="Unknown input or state: nope"):
        f(Av, xv, nope=1)


def test_input_with_update_keeps_state():
    x = T.dscalar("x")
    acc = T.dscalar("acc")
    f = theano.function([x, theano.In(acc, value=0.0, update=acc + x)], acc)
    assert f(2.0) == 0.0
    assert f(3.0) == 2.0
    assert f(1.0) == 5.0


@pytest.mark.parametrize("form", ["list", "tuple", "dict", "ordered", "single_pair", "dict_items", "zip", "generator"])
def test_update_forms(form):
    # any iterable of pairs, as Theano 1.0 iterates them: Keras 2 passes `dict.items()`, Python 2 code
    # written for a list-returning zip passes a zip iterator on Python 3
    s = theano.shared(np.array([1.0, 2.0]), name="s")
    inc = T.dvector("inc")
    pair = (s, s + inc)
    updates = {"list": lambda: [pair], "tuple": lambda: (pair,), "dict": lambda: {s: s + inc},
               "ordered": lambda: collections.OrderedDict([pair]), "single_pair": lambda: pair,
               "dict_items": lambda: {s: s + inc}.items(), "zip": lambda: zip([s], [s + inc]),
               "generator": lambda: (p for p in [pair])}[form]()
    f = theano.function([inc], s, updates=updates)
    out = f([10.0, 20.0])
    np.testing.assert_array_equal(out, [1.0, 2.0])  # outputs see the value before the update
    np.testing.assert_array_equal(s.get_value(), [11.0, 22.0])


def test_givens_from_an_iterable_of_pairs_and_bad_specs():
    x = T.dscalar("x")
    y = T.dscalar("y")
    f = theano.function([y], x * 2, givens=zip([x], [y + 1]))
    assert float(f(3.0)) == 8.0
    with pytest.raises(TypeError, match="updates must be a dict or a list of pairs"):
        theano.function([y], y, updates=5)
    with pytest.raises(TypeError, match="givens must be a dict or a list of pairs"):
        theano.function([y], y, givens=x)


def test_plain_dict_with_several_updates_warns_like_theano():
    s1 = theano.shared(1.0)
    s2 = theano.shared(2.0)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        f = theano.function([], [], updates={s1: s1 + 1, s2: s2 * 2})
    assert any("expects an OrderedDict" in str(i.message) for i in w)
    f()
    assert (s1.get_value(), s2.get_value()) == (2.0, 4.0)


def test_updates_swap_and_default_update():
    a = theano.shared(np.array([1.0]))
    b = theano.shared(np.array([2.0]))
    theano.function([], [], updates=[(a, b), (b, a)])()
    assert (a.get_value()[0], b.get_value()[0]) == (2.0, 1.0)
    counter = theano.shared(0)
    counter.default_update = counter + 1
    f = theano.function([], counter * 10)
    assert [int(f()) for _ in range(3)] == [0, 10, 20]
    g = theano.function([], counter * 10, no_default_updates=True)
    assert [int(g()) for _ in range(2)] == [30, 30]


def test_givens_list_and_dict():
    x = T.dvector("x")
    data = theano.shared(np.arange(6.0), name="data")
    i = T.lscalar("i")
    y = (x ** 2).sum()
    f = theano.function([i], y, givens={x: data[i * 2:(i + 1) * 2]})
    assert f(0) == 0 + 1
    assert f(2) == 16 + 25
    g = theano.function([], y, givens=[(x, np.array([3.0, 4.0]))])
    assert g() == 25.0


def test_dtype_error_text():
    x = T.fvector("x")
    f = theano.function([x], x * 2)
    with pytest.raises(TypeError) as e:
        f(np.array([1.0, 2.0]))
    msg = str(e.value)
    assert msg.startswith("Bad input argument to theano function at index 0 (0-based). ")
    assert ("TensorType(float32, vector) cannot store a value of dtype float64 without risking loss of precision. "
            "If you do not mind this loss, you can: 1) explicitly cast your data to float32, or 2) set "
            "\"allow_input_downcast=True\" when calling \"function\".") in msg
    # lists are accepted when lossless, refused otherwise
    np.testing.assert_array_equal(f([1.0, 2.5]), np.array([2.0, 5.0], dtype="float32"))
    with pytest.raises(TypeError, match="cannot store accurately value"):
        f([0.1])
    g = theano.function([x], x * 2, allow_input_downcast=True)
    assert g(np.array([0.1])).dtype == np.float32


def test_wrong_ndim():
    x = T.dvector("x")
    f = theano.function([x], x + 1)
    with pytest.raises(TypeError, match=r"Wrong number of dimensions: expected 1, got 2 with shape \(2, 2\)"):
        f(np.zeros((2, 2)))


def test_shape_mismatch_names_the_apply_node():
    x, y = T.dvectors("x", "y")
    f = theano.function([x, y], x + y)
    with pytest.raises(ValueError) as e:
        f([1.0, 2.0], [1.0, 2.0, 3.0])
    assert "Input dimension mis-match" in str(e.value)
    assert "Apply node that caused the error: Elemwise{add,no_inplace}(x, y)" in str(e.value)
    assert "Java" not in str(e.value)


def test_failing_call_applies_no_update():
    s1 = theano.shared(np.array([1.0, 2.0]), name="s1")
    s2 = theano.shared(np.array([10.0, 20.0]), name="s2")
    v = T.dvector("v")
    f = theano.function([v], [], updates=[(s1, s1 + 1), (s2, s2 + v)])
    with pytest.raises(ValueError):
        f([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(s1.get_value(), [1.0, 2.0])
    np.testing.assert_array_equal(s2.get_value(), [10.0, 20.0])
    f([1.0, 1.0])
    np.testing.assert_array_equal(s1.get_value(), [2.0, 3.0])


def test_missing_and_unused_inputs():
    x, y = T.dscalars("x", "y")
    with pytest.raises(MissingInputError):
        theano.function([x], x + y)
    with pytest.raises(UnusedInputError, match="is not part of the computational graph needed to compute the outputs: y"):
        theano.function([x, y], x * 2)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        f = theano.function([x, y], x * 2, on_unused_input="warn")
    assert any("is not part of the computational graph" in str(i.message) for i in w)
    assert f(1.0, 5.0) == 2.0
    assert theano.function([x, y], x * 2, on_unused_input="ignore")(2.0, 0.0) == 4.0


def test_input_errors():
    x = T.dscalar("x")
    with pytest.raises(Exception, match="should be contained in a list"):
        theano.function(x, x)
    s = theano.shared(1.0)
    with pytest.raises(TypeError, match="Cannot use a shared variable"):
        theano.function([s], s * 2)
    with pytest.raises(ValueError, match="is used twice in inputs"):
        theano.function([x, x], x)
    with pytest.raises(TypeError, match="update target must be a SharedVariable"):
        theano.function([x], x, updates=[(x, x + 1)])
    with pytest.raises(TypeError, match="Too many parameter"):
        theano.function([x], x)(1.0, 2.0)


def test_eval_caches_its_function():
    x = T.dscalar("x")
    y = x ** 2
    assert y.eval({x: 3.0}) == 9.0
    assert y.eval({x: 4.0}) == 16.0
    assert len(y._fn_cache) == 1
    s = theano.shared(np.array([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_array_equal((s * 2).eval(), [[2.0, 4.0], [6.0, 8.0]])


def test_modes_are_accepted():
    x = T.dscalar("x")
    for mode in (None, "FAST_RUN", "FAST_COMPILE", theano.compile.mode.get_mode("FAST_RUN"), theano.Mode()):
        assert theano.function([x], x + 1, mode=mode)(1.0) == 2.0
    with pytest.raises(Exception, match="No predefined mode exist for string: NOPE"):
        theano.function([x], x, mode="NOPE")


def test_returned_arrays_are_never_overwritten_by_later_calls():
    # the engine hands back its own buffers (one may also be a shared variable's new value, or an
    # input); each call's results must still be the caller's own arrays
    s = theano.shared(np.zeros(4))
    x = T.dvector("x")
    f = theano.function([x], [s + 1, x, T.exp(x)], updates=[(s, s + 1)])
    v = np.arange(4.0)
    first = f(v)
    v += 10  # the caller's input changes after the call
    second = f(v)
    np.testing.assert_array_equal(first[0], np.ones(4))
    np.testing.assert_array_equal(first[1], np.arange(4.0))
    np.testing.assert_allclose(first[2], np.exp(np.arange(4.0)))
    np.testing.assert_array_equal(second[0], np.full(4, 2.0))
    np.testing.assert_array_equal(second[1], np.arange(4.0) + 10)
    np.testing.assert_array_equal(s.get_value(), np.full(4, 2.0))
    second[0][:] = -1  # writing into a result touches nothing the function keeps
    np.testing.assert_array_equal(s.get_value(), np.full(4, 2.0))
    np.testing.assert_array_equal(f(v)[0], np.full(4, 3.0))


def test_positional_arrays_through_reused_buffers_keep_every_layout_and_result():
    # positional ndarrays are copied into the function's reusable native buffers (one per position,
    # shape and dtype): later calls must not change earlier results, whatever the argument's layout
    x = T.dmatrix("x")
    f = theano.function([x], [x, x.sum(axis=0), T.exp(x)])
    rng = np.random.RandomState(3)
    a, b = rng.rand(3, 4), rng.rand(3, 4)
    first = f(a)
    second = f(b)
    for got, expect in zip(first, [a, a.sum(axis=0), np.exp(a)]):
        np.testing.assert_allclose(got, expect)
    for got, expect in zip(second, [b, b.sum(axis=0), np.exp(b)]):
        np.testing.assert_allclose(got, expect)
    assert not np.shares_memory(first[0], second[0])
    fortran = np.asfortranarray(rng.rand(3, 4))
    strided = rng.rand(6, 8)[::2, ::2]
    swapped = rng.rand(3, 4).astype(">f8")
    big = rng.rand(300, 1000)  # over ArgumentStaging.MAX_BYTES: read where it lies (or copied, Fortran order)
    for arg in (fortran, strided, swapped, rng.rand(5, 2), rng.rand(0, 4), big, np.asfortranarray(big)):
        out = f(arg)
        np.testing.assert_array_equal(out[0], arg)
        assert not np.shares_memory(out[0], arg)
        np.testing.assert_allclose(out[1], arg.sum(axis=0))
    # dtypes and a 0-d argument, positionally and by keyword
    i, s = T.ivector("i"), T.fscalar("s")
    g = theano.function([i, s], i * s)
    np.testing.assert_allclose(g(np.arange(4, dtype="int32"), np.float32(2)), np.arange(4) * 2.0)
    np.testing.assert_allclose(g(np.arange(4, dtype="int32"), np.array(3, dtype="float32")), np.arange(4) * 3.0)
    np.testing.assert_allclose(g(i=np.arange(3, dtype="int32"), s=np.float32(0.5)), np.arange(3) * 0.5)
    # Theano's dtype rule still applies to an argument taken through a buffer
    with pytest.raises(TypeError):
        g(np.arange(4, dtype="int64"), np.float32(1))
    with pytest.raises(TypeError):
        g(np.array(["a", "b"]), np.float32(1))


def test_a_big_argument_read_in_place_is_never_written_nor_kept():
    # arguments over ArgumentStaging.MAX_BYTES are read in the caller's own buffer: the engine must
    # neither write it (an elementwise kernel, an in-place update reading it) nor keep it as a result
    # or a shared variable's new value
    rng = np.random.RandomState(5)
    x = T.dmatrix("x")
    w = theano.shared(np.zeros((400, 1000)), name="w")
    f = theano.function([x], [T.exp(x * 2 + 1) * T.nnet.sigmoid(x) - T.tanh(x * x), x.T],
                        updates=[(w, x)])
    g = theano.function([x], [], updates=[(w, w - 0.5 * x)])
    v = rng.uniform(-1, 1, (400, 1000))
    kept = v.copy()
    out, view = f(v)
    np.testing.assert_allclose(out, np.exp(v * 2 + 1) / (1 + np.exp(-v)) - np.tanh(v * v), rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(view, v.T)
    np.testing.assert_array_equal(v, kept)
    v[:] = 7.0  # the caller reuses its buffer: nothing the function returned or stored may change
    np.testing.assert_array_equal(view, kept.T)
    np.testing.assert_array_equal(w.get_value(), kept)
    g(v)
    np.testing.assert_array_equal(w.get_value(), kept - 3.5)
    assert (v == 7.0).all()


def test_a_function_called_from_inside_its_own_call_gets_its_own_arguments():
    # a Python op that calls the same compiled function: the inner call must not reuse the outer
    # call's argument buffers while the outer call is still reading them
    from theano.compile.ops import as_op
    x = T.dvector("x")
    holder = {}

    @as_op(itypes=[T.dvector], otypes=[T.dvector])
    def inner(v):
        if v[0] < 100:
            return holder["f"](v + 100)[1] - 100  # same shape and position: the outer buffer's key
        return v

    f = theano.function([x], [x * 2, inner(x) + x])
    holder["f"] = f
    v = np.array([1.0, 2.0, 3.0])
    out = f(v)
    np.testing.assert_allclose(out[0], 2 * v)
    # inner(v) = f(v + 100)[1] - 100 = (2 (v + 100)) - 100 = 2 v + 100; plus x
    np.testing.assert_allclose(out[1], 3 * v + 100)


def test_zero_d_values_keep_their_dtype_and_exact_value_as_constants():
    # 0-d NumPy values cross to the engine as one number (no buffer round trip): dtype and value exact
    values = [np.float32(0.1), np.float16(-3.5), np.float64(1e-310), np.int8(-128), np.uint32(4000000000),
              np.int64(-2 ** 63), np.bool_(True), np.uint64(2 ** 64 - 1), np.array(2.5, dtype=">f8"), np.array(7, dtype="int16")]
    for v in values:
        c = T.constant(v)
        assert c.dtype == np.asarray(v).dtype.newbyteorder("=").name, v
        assert c.data.shape == () and c.data == v and c.data.dtype == c.dtype, v
    x = T.fvector("x")
    f = theano.function([x], x * np.float32(0.1))
    assert f(np.ones(2, dtype="float32")).dtype == np.float32
    np.testing.assert_array_equal(f(np.ones(2, dtype="float32")), np.float32(0.1) * np.ones(2, dtype="float32"))


def test_in_with_a_shared_value_shares_its_storage_as_in_theano():
    import pickle
    acc = theano.shared(np.float64(0.0), name="acc")
    s = T.dscalar("s")
    inc = T.dscalar("inc")
    f = theano.function([inc, theano.In(s, value=acc, update=s + inc)], s + inc)
    assert float(f(1.0)) == 1.0 and float(f(2.0)) == 3.0
    assert acc.get_value() == 3.0  # the input's update went to the shared variable
    assert float(f(10.0, 100.0)) == 110.0 and acc.get_value() == 110.0  # a given value is stored there first
    assert float(f(1.0, s=5.0)) == 6.0 and acc.get_value() == 6.0
    acc.set_value(np.float64(-1.0))
    reader = theano.function([inc, theano.In(s, value=acc)], s * inc)
    assert float(reader(2.0)) == -2.0 and acc.get_value() == -1.0
    g, acc2 = pickle.loads(pickle.dumps((f, acc)))
    assert float(g(1.0)) == 0.0 and acc2.get_value() == 0.0 and acc.get_value() == -1.0
    with pytest.raises(TypeError):
        theano.function([theano.In(T.dvector("v"), value=acc)], s)


def test_function_items_read_and_replace_input_defaults_and_states():
    s = T.dscalar("s")
    inc = T.dscalar("inc")
    f = theano.function([inc, theano.In(s, value=1.0, update=s + inc, name="total")], s + inc)
    assert float(f["total"]) == 1.0 and f[inc] is None and "total" in f and "nothing" not in f
    f(2.0)
    assert float(f["total"]) == 3.0 and float(f[s]) == 3.0
    f["total"] = 10
    assert f["total"].dtype == np.float64 and float(f(1.0)) == 11.0 and float(f["total"]) == 11.0
    with pytest.raises(TypeError):
        f["total"] = np.zeros(3)  # not a scalar: the input's type refuses it
    with pytest.raises(TypeError):
        f["nothing"]
    acc = theano.shared(np.float64(4.0))
    g = theano.function([inc, theano.In(s, value=acc, name="acc")], s * inc)
    assert float(g["acc"]) == 4.0
    g["acc"] = 5.0
    assert acc.get_value() == 5.0 and float(g(2.0)) == 10.0
