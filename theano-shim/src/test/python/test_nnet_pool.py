"""theano.tensor.signal.pool (pool_2d, pool_3d, max_pool_2d_same_size, the Pool ops) and the old
downsample module: values against a direct NumPy pooling (nnet_reference.pool), gradients against
finite differences, Theano's deprecated keywords and warnings."""
import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.signal import pool
from nnet_reference import pool as ref_pool

rng = np.random.RandomState(7)
MODES = ["max", "sum", "average_inc_pad", "average_exc_pad"]


def run_pool(xv, **kwargs):
    x = T.dtensor4("x")
    return theano.function([x], pool.pool_2d(x, **kwargs))(xv)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ignore_border", [True, False])
def test_pool_2d_non_overlapping(mode, ignore_border):
    xv = rng.randn(2, 3, 7, 5)
    out = run_pool(xv, ws=(2, 2), ignore_border=ignore_border, mode=mode)
    np.testing.assert_allclose(out, ref_pool(xv, (2, 2), ignore_border, mode=mode), rtol=1e-12)
    assert out.shape == ((2, 3, 3, 2) if ignore_border else (2, 3, 4, 3))


@pytest.mark.parametrize("mode", MODES)
def test_pool_2d_stride_and_pad(mode):
    xv = rng.randn(2, 2, 8, 7)
    for ws, stride, pad in [((3, 3), (1, 2), (0, 0)), ((3, 2), (2, 1), (1, 1)), ((2, 3), (3, 3), (1, 2))]:
        out = run_pool(xv, ws=ws, ignore_border=True, stride=stride, pad=pad, mode=mode)
        np.testing.assert_allclose(out, ref_pool(xv, ws, True, stride, pad, mode), rtol=1e-12, err_msg=str((ws, stride, pad)))


def test_pool_2d_overlapping_without_ignore_border():
    xv = rng.randn(1, 1, 6, 6)
    out = run_pool(xv, ws=(3, 3), ignore_border=False, stride=(2, 2))
    np.testing.assert_allclose(out, ref_pool(xv, (3, 3), False, (2, 2)), rtol=1e-12)


def test_pool_hand_computed():
    xv = np.arange(16.0).reshape(1, 1, 4, 4)
    np.testing.assert_array_equal(run_pool(xv, ws=(2, 2), ignore_border=True)[0, 0], [[5, 7], [13, 15]])
    np.testing.assert_array_equal(run_pool(xv, ws=(2, 2), ignore_border=True, mode="sum")[0, 0], [[10, 18], [42, 50]])
    # a 1x1 padding with average_inc_pad: the corner window holds one real value and three zeros
    out = run_pool(xv, ws=(2, 2), ignore_border=True, pad=(1, 1), mode="average_inc_pad")
    assert out[0, 0, 0, 0] == 0.0 / 4
    assert out[0, 0, 2, 2] == 15.0 / 4
    out = run_pool(xv, ws=(2, 2), ignore_border=True, pad=(1, 1), mode="average_exc_pad")
    assert out[0, 0, 2, 2] == 15.0


def test_pool_2d_on_a_matrix_and_on_5d_input():
    m = T.dmatrix("m")
    mv = rng.randn(5, 4)
    out = theano.function([m], pool.pool_2d(m, (2, 2), ignore_border=True))(mv)
    np.testing.assert_allclose(out, ref_pool(mv[None], (2, 2))[0])
    x5 = T.dtensor5("x5")
    xv = rng.randn(2, 2, 2, 4, 4)
    out = theano.function([x5], pool.pool_2d(x5, (2, 2), ignore_border=True))(xv)
    np.testing.assert_allclose(out, ref_pool(xv, (2, 2)))


def test_ignore_border_default_warns_and_means_false():
    x = T.dtensor4("x")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = pool.pool_2d(x, (2, 2))
    assert any("ignore_border" in str(c.message) for c in caught)
    assert theano.function([x], y)(rng.randn(1, 1, 5, 5)).shape == (1, 1, 3, 3)


def test_deprecated_keywords():
    x = T.dtensor4("x")
    xv = rng.randn(1, 2, 6, 6)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = pool.pool_2d(x, ds=(3, 3), ignore_border=True, st=(1, 1), padding=(1, 1), mode="average_exc_pad")
    messages = " ".join(str(c.message) for c in caught)
    assert "'ds' parameter" in messages and "'st' parameter" in messages and "'padding' parameter" in messages
    np.testing.assert_allclose(theano.function([x], y)(xv), ref_pool(xv, (3, 3), True, (1, 1), (1, 1), "average_exc_pad"))
    with pytest.raises(ValueError, match="both 'ws' and 'ds'"):
        pool.pool_2d(x, ws=(2, 2), ds=(2, 2), ignore_border=True)
    with pytest.raises(ValueError, match="window size"):
        pool.pool_2d(x, ignore_border=True)
    with pytest.raises(ValueError, match="'st and 'stride'"):
        pool.pool_2d(x, (2, 2), ignore_border=True, stride=(1, 1), st=(1, 1))


def test_errors():
    x = T.dtensor4("x")
    with pytest.raises(NotImplementedError):
        pool.pool_2d(T.dvector("v"), (2, 2), ignore_border=True)
    with pytest.raises(NotImplementedError):
        pool.pool_2d(x, (2, 2), ignore_border=False, pad=(1, 1))
    with pytest.raises(ValueError):
        pool.pool_2d(x, (2, 2), ignore_border=True, mode="median")


def test_op_face_and_printing():
    y = pool.pool_2d(T.dtensor4("x"), (2, 2), ignore_border=True, mode="average_exc_pad")
    op = y.owner.op
    assert isinstance(op, pool.Pool)
    assert str(op) == "Pool{ignore_border=True, mode='average_exc_pad', ndim=2}"
    assert op.ignore_border is True and op.mode == "average_exc_pad" and op.ndim == 2
    assert pool.Pool(ignore_border=True) == pool.Pool(True, "max", 2)


def test_out_shape():
    assert pool.Pool.out_shape((2, 3, 7, 5), (2, 2), ignore_border=False) == [2, 3, 4, 3]
    assert pool.Pool.out_shape((2, 3, 7, 5), (2, 2), ignore_border=True) == [2, 3, 3, 2]
    # padded (10, 9): (10 - 3) // 2 + 1 = 4 and (9 - 2) // 1 + 1 = 8
    assert pool.Pool.out_shape((8, 7), (3, 2), True, (2, 1), (1, 1)) == [4, 8]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ignore_border,stride,pad", [(True, None, (0, 0)), (False, None, (0, 0)),
                                                      (True, (1, 2), (1, 1))])
def test_pool_2d_gradient(mode, ignore_border, stride, pad):
    # distinct, well-separated values: the max position does not move under finite differences
    xv = rng.permutation(60).reshape(1, 2, 5, 6).astype("float64")
    verify_grad(lambda x: pool.pool_2d(x, (2, 3), ignore_border=ignore_border, stride=stride, pad=pad, mode=mode),
                [xv], rng=rng)


def test_max_pool_gradient_routes_to_the_max():
    x = T.dtensor4("x")
    xv = np.array([[[[1.0, 5.0], [3.0, 2.0]]]])
    g = theano.function([x], T.grad(pool.pool_2d(x, (2, 2), ignore_border=True).sum(), x))(xv)
    np.testing.assert_array_equal(g, [[[[0, 1], [0, 0]]]])


def test_max_pool_second_derivative():
    xv = rng.permutation(16).reshape(1, 1, 4, 4).astype("float64")

    def f(x):
        return T.grad(T.sum(pool.pool_2d(x, (2, 2), ignore_border=True) ** 2), x)
    verify_grad(f, [xv], rng=rng)


@pytest.mark.parametrize("mode", MODES)
def test_pool_3d(mode):
    x = T.dtensor5("x")
    xv = rng.randn(1, 2, 5, 4, 6)
    out = theano.function([x], pool.pool_3d(x, (2, 2, 3), ignore_border=False, mode=mode))(xv)
    np.testing.assert_allclose(out, ref_pool(xv, (2, 2, 3), False, mode=mode), rtol=1e-12)
    out = theano.function([x], pool.pool_3d(x, (2, 2, 2), ignore_border=True, stride=(1, 2, 2), pad=(1, 0, 1),
                                            mode=mode))(xv)
    np.testing.assert_allclose(out, ref_pool(xv, (2, 2, 2), True, (1, 2, 2), (1, 0, 1), mode), rtol=1e-12)
    xg = rng.permutation(48).reshape(1, 1, 4, 3, 4).astype("float64")
    verify_grad(lambda a: pool.pool_3d(a, (2, 2, 2), ignore_border=True, mode=mode), [xg], rng=rng)


def test_max_pool_2d_same_size():
    x = T.dtensor4("x")
    xv = np.array([[[[1.0, 5.0, 2.0, 0.0], [3.0, 2.0, 9.0, 1.0]]]])
    out = theano.function([x], pool.max_pool_2d_same_size(x, (2, 2)))(xv)
    np.testing.assert_array_equal(out, [[[[0, 5, 0, 0], [0, 0, 9, 0]]]])


def test_downsample_module_for_old_scripts():
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        from theano.tensor.signal import downsample
        x = T.dtensor4("x")
        y = downsample.max_pool_2d(x, (2, 2), ignore_border=True)
        y_old = downsample.max_pool_2d(input=x, ds=(2, 2), ignore_border=True)
    xv = rng.randn(1, 1, 4, 6)
    f = theano.function([x], [y, y_old])
    a, b = f(xv)
    np.testing.assert_allclose(a, ref_pool(xv, (2, 2)))
    np.testing.assert_allclose(b, a)
    assert downsample.DownsampleFactorMax is pool.Pool


def test_signal_is_reachable_from_tensor():
    assert T.signal.pool.pool_2d is pool.pool_2d
