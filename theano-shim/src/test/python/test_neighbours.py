"""images2neibs / neibs2images as Theano 1.0 defines them (the layout of its documentation's example)."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor.nnet.neighbours import images2neibs, neibs2images


def reference(x, c, d, sr, sc, mode):
    """Windows by plain loops: image, channel, window row, window column; pixels row-major."""
    pr, pc = {"half": (c // 2, d // 2), "full": (c - 1, d - 1)}.get(mode, (0, 0))
    x = np.pad(x, ((0, 0), (0, 0), (pr, pr), (pc, pc)))
    rows = []
    for b in range(x.shape[0]):
        for ch in range(x.shape[1]):
            for i in range(0, x.shape[2] - c + 1, sr):
                for j in range(0, x.shape[3] - d + 1, sc):
                    rows.append(x[b, ch, i:i + c, j:j + d].ravel())
    return np.array(rows)


def test_theano_documentation_example():
    images = T.tensor4("images")
    f = theano.function([images], images2neibs(images, neib_shape=(5, 5)))
    im_val = np.arange(100.0).reshape((1, 1, 10, 10))
    neibs = f(im_val)
    assert neibs.shape == (4, 25)
    np.testing.assert_array_equal(neibs[0], im_val[0, 0, :5, :5].ravel())
    np.testing.assert_array_equal(neibs[1], im_val[0, 0, :5, 5:].ravel())
    back = theano.function([images], neibs2images(images2neibs(images, (5, 5)), (5, 5), images.shape))(im_val)
    np.testing.assert_array_equal(back, im_val)


@pytest.mark.parametrize("shape,neib,step,mode", [((2, 3, 6, 4), (2, 2), None, "valid"),
                                                  ((1, 2, 7, 5), (3, 2), (2, 1), "ignore_borders"),
                                                  ((1, 1, 5, 5), (3, 3), (1, 1), "half"),
                                                  ((2, 1, 4, 3), (2, 3), (1, 2), "full")])
def test_windows_and_overlapping_gradient(shape, neib, step, mode):
    rng = np.random.RandomState(0)
    x = T.tensor4("x")
    out = images2neibs(x, neib, step, mode=mode)
    xv = rng.randn(*shape)
    s = step or neib
    np.testing.assert_array_equal(theano.function([x], out)(xv), reference(xv, neib[0], neib[1], s[0], s[1], mode))
    w = rng.randn(*reference(xv, neib[0], neib[1], s[0], s[1], mode).shape)
    g = theano.function([x], theano.grad((out * w).sum(), x))(xv)
    eps, num = 1e-6, np.zeros_like(xv)
    for k in range(xv.size):
        dx = np.zeros_like(xv)
        dx.flat[k] = eps
        num.flat[k] = ((reference(xv + dx, neib[0], neib[1], s[0], s[1], mode) * w).sum()
                       - (reference(xv - dx, neib[0], neib[1], s[0], s[1], mode) * w).sum()) / (2 * eps)
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-8)


def test_valid_mode_refuses_windows_that_do_not_tile_and_bad_ranks():
    x = T.tensor4("x")
    f = theano.function([x], images2neibs(x, (3, 3)))
    with pytest.raises(ValueError):
        f(np.zeros((1, 1, 4, 3)))
    with pytest.raises(TypeError):
        images2neibs(T.matrix(), (2, 2))
    with pytest.raises(NotImplementedError):
        images2neibs(x, (2, 2), mode="wrap_centered")
