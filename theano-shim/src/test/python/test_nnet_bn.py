"""theano.tensor.nnet.bn: batch_normalization, batch_normalization_train (per-activation, spatial,
running averages) and batch_normalization_test against NumPy formulas; gradients by finite differences."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.nnet import bn

rng = np.random.RandomState(11)


@pytest.mark.parametrize("mode", ["low_mem", "high_mem"])
def test_batch_normalization(mode):
    xv, g, b, m, s = rng.randn(5, 4), rng.rand(4) + 0.5, rng.randn(4), rng.randn(4), rng.rand(4) + 0.5
    x, gv, bv, mv, sv = T.dmatrix(), T.dvector(), T.dvector(), T.dvector(), T.dvector()
    out = theano.function([x, gv, bv, mv, sv], bn.batch_normalization(x, gv, bv, mv, sv, mode=mode))(xv, g, b, m, s)
    np.testing.assert_allclose(out, (xv - m) / s * g + b, rtol=1e-12)
    verify_grad(lambda *a: bn.batch_normalization(*a, mode=mode), [xv, g, b, m, s], rng=rng)
    assert T.nnet.batch_normalization is bn.batch_normalization


def test_batch_normalization_train_per_activation():
    xv, g, b = rng.randn(6, 3), rng.rand(3) + 0.5, rng.randn(3)
    x, gv, bv = T.dmatrix(), T.dvector(), T.dvector()
    out, mean, invstd = bn.batch_normalization_train(x, gv, bv)
    r = theano.function([x, gv, bv], [out, mean, invstd])(xv, g, b)
    mu, var = xv.mean(0), xv.var(0)
    np.testing.assert_allclose(r[1], mu, rtol=1e-12)
    np.testing.assert_allclose(r[2], 1 / np.sqrt(var + 1e-4), rtol=1e-12)
    np.testing.assert_allclose(r[0], (xv - mu) / np.sqrt(var + 1e-4) * g + b, rtol=1e-12)
    verify_grad(lambda a, c, d: bn.batch_normalization_train(a, c, d)[0], [xv, g, b], rng=rng)


def test_batch_normalization_train_spatial_with_running_averages():
    xv = rng.randn(4, 3, 2, 5)
    g, b = rng.rand(1, 3, 1, 1) + 0.5, rng.randn(1, 3, 1, 1)
    rm, rv = rng.randn(1, 3, 1, 1), rng.rand(1, 3, 1, 1)
    x, gv, bv = T.dtensor4(), T.dtensor4(), T.dtensor4()
    rmv, rvv = T.dtensor4(), T.dtensor4()
    outs = bn.batch_normalization_train(x, gv, bv, "spatial", 1e-3, 0.2, rmv, rvv)
    assert len(outs) == 5
    r = theano.function([x, gv, bv, rmv, rvv], list(outs))(xv, g, b, rm, rv)
    mu = xv.mean(axis=(0, 2, 3), keepdims=True)
    var = xv.var(axis=(0, 2, 3), keepdims=True)
    n = 4 * 2 * 5
    np.testing.assert_allclose(r[0], (xv - mu) / np.sqrt(var + 1e-3) * g + b, rtol=1e-12)
    np.testing.assert_allclose(r[1], mu, rtol=1e-12)
    np.testing.assert_allclose(r[3], 0.8 * rm + 0.2 * mu, rtol=1e-12)
    np.testing.assert_allclose(r[4], 0.8 * rv + 0.2 * var * n / (n - 1), rtol=1e-12)
    verify_grad(lambda a, c, d: bn.batch_normalization_train(a, c, d, "spatial")[0],
                [rng.randn(3, 2, 2, 2), rng.rand(1, 2, 1, 1) + 0.5, rng.randn(1, 2, 1, 1)], rng=rng)


def test_batch_normalization_train_errors():
    x, g = T.dmatrix(), T.dvector()
    with pytest.raises(ValueError):
        bn.batch_normalization_train(x, g, g, epsilon=1e-6)
    with pytest.raises(ValueError):
        bn.batch_normalization_train(x, g, g, running_mean=g)


def test_batch_normalization_test():
    xv = rng.randn(4, 3, 2, 2)
    g, b, m, v = (rng.rand(3) + 0.5, rng.randn(3), rng.randn(3), rng.rand(3) + 0.1)
    x = T.dtensor4()
    gv, bv, mv, vv = T.dvectors("g", "b", "m", "v")
    out = theano.function([x, gv, bv, mv, vv], bn.batch_normalization_test(x, gv, bv, mv, vv, axes=(0, 2, 3),
                                                                           epsilon=1e-3))(xv, g, b, m, v)
    sh = (1, 3, 1, 1)
    expected = (xv - m.reshape(sh)) * (g.reshape(sh) / np.sqrt(v.reshape(sh) + 1e-3)) + b.reshape(sh)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
