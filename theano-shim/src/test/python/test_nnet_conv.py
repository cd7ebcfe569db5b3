"""theano.tensor.nnet.conv2d / conv3d / abstract_conv / the old nnet.conv.conv2d: values against a
direct NumPy convolution (nnet_reference.conv), gradients against finite differences (verify_grad),
Theano's argument handling, warnings and errors."""
import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad
from theano.tensor.nnet import abstract_conv, conv
from nnet_reference import conv as ref_conv

rng = np.random.RandomState(42)


def run_conv2d(xv, wv, **kwargs):
    x, w = T.dtensor4("x"), T.dtensor4("w")
    f = theano.function([x, w], T.nnet.conv2d(x, w, **kwargs))
    return f(xv, wv)


@pytest.mark.parametrize("border_mode", ["valid", "full", "half", 1, (2, 1), (0, 0)])
def test_conv2d_border_modes_match_numpy(border_mode):
    xv, wv = rng.randn(2, 3, 7, 6), rng.randn(4, 3, 3, 2)
    out = run_conv2d(xv, wv, border_mode=border_mode)
    np.testing.assert_allclose(out, ref_conv(xv, wv, border_mode), rtol=1e-10, atol=1e-10)


def test_conv2d_output_shapes_follow_theano_formulas():
    xv, wv = rng.randn(1, 1, 7, 6), rng.randn(1, 1, 3, 2)
    assert run_conv2d(xv, wv).shape == (1, 1, 5, 5)
    assert run_conv2d(xv, wv, border_mode="full").shape == (1, 1, 9, 7)
    assert run_conv2d(xv, wv, border_mode="half").shape == (1, 1, 7, 7)  # pad (1, 1) for a 3x2 kernel


@pytest.mark.parametrize("subsample,dilation", [((2, 2), (1, 1)), ((1, 3), (1, 1)), ((1, 1), (2, 2)),
                                                ((2, 1), (2, 1))])
def test_conv2d_subsample_and_dilation(subsample, dilation):
    xv, wv = rng.randn(2, 2, 9, 8), rng.randn(3, 2, 3, 2)
    for bm in ("valid", "full", "half"):
        out = run_conv2d(xv, wv, border_mode=bm, subsample=subsample, filter_dilation=dilation)
        np.testing.assert_allclose(out, ref_conv(xv, wv, bm, subsample, True, dilation), rtol=1e-10, atol=1e-10)


def test_filter_flip_false_is_cross_correlation():
    xv, wv = rng.randn(1, 2, 5, 5), rng.randn(2, 2, 3, 3)
    out = run_conv2d(xv, wv, filter_flip=False)
    np.testing.assert_allclose(out, ref_conv(xv, wv, filter_flip=False), rtol=1e-10)
    # a hand-computed case: ones image, kernel with one nonzero tap
    img = np.arange(9.0).reshape(1, 1, 3, 3)
    k = np.zeros((1, 1, 2, 2))
    k[0, 0, 0, 0] = 1.0
    np.testing.assert_array_equal(run_conv2d(img, k, filter_flip=False)[0, 0], [[0, 1], [3, 4]])
    np.testing.assert_array_equal(run_conv2d(img, k)[0, 0], [[4, 5], [7, 8]])  # flipped: tap at (1, 1)


def test_num_groups():
    xv, wv = rng.randn(2, 4, 6, 6), rng.randn(6, 2, 3, 3)
    out = run_conv2d(xv, wv, num_groups=2)
    np.testing.assert_allclose(out, ref_conv(xv, wv, groups=2), rtol=1e-10, atol=1e-10)


def test_num_groups_mismatch_raises_value_error():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    f = theano.function([x, w], T.nnet.conv2d(x, w, num_groups=2))
    with pytest.raises(ValueError):
        f(rng.randn(1, 3, 5, 5), rng.randn(2, 1, 3, 3))


def test_float32_conv2d_keeps_dtype():
    x, w = T.ftensor4("x"), T.ftensor4("w")
    y = T.nnet.conv2d(x, w)
    assert y.dtype == "float32"
    xv, wv = rng.randn(2, 1, 6, 6).astype("float32"), rng.randn(3, 1, 3, 3).astype("float32")
    out = theano.function([x, w], y)(xv, wv)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, ref_conv(xv.astype("float64"), wv.astype("float64")), rtol=1e-4, atol=1e-5)


def test_declared_shapes_are_checked_at_run_time():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    f = theano.function([x, w], T.nnet.conv2d(x, w, input_shape=(2, 1, 5, 5), filter_shape=(3, 1, 2, 2)))
    assert f(rng.randn(2, 1, 5, 5), rng.randn(3, 1, 2, 2)).shape == (2, 3, 4, 4)
    with pytest.raises(ValueError):
        f(rng.randn(2, 1, 6, 6), rng.randn(3, 1, 2, 2))


def test_partial_declared_shape_with_none_entries():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    f = theano.function([x, w], T.nnet.conv2d(x, w, input_shape=(None, 1, None, None), filter_shape=(3, 1, 2, 2)))
    assert f(rng.randn(4, 1, 5, 7), rng.randn(3, 1, 2, 2)).shape == (4, 3, 4, 6)


def test_image_shape_is_a_deprecated_alias():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        T.nnet.conv2d(x, w, image_shape=(1, 1, 5, 5))
    assert any("image_shape" in str(c.message) for c in caught)
    with pytest.raises(ValueError, match="should not be provided at the same time"):
        T.nnet.conv2d(x, w, input_shape=(1, 1, 5, 5), image_shape=(1, 1, 5, 5))
    with pytest.raises(ValueError, match="imshp_logical"):
        T.nnet.conv2d(x, w, imshp_logical=(1, 5, 5))


def test_invalid_border_mode():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    with pytest.raises(ValueError, match="invalid border_mode"):
        T.nnet.conv2d(x, w, border_mode="same")
    with pytest.raises(ValueError):
        T.nnet.conv2d(x, w, border_mode=(1, 2, 3))


def test_wrong_rank_is_a_type_error():
    with pytest.raises(TypeError):
        T.nnet.conv2d(T.dmatrix("x"), T.dtensor4("w"))


def test_op_face_and_printing():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    y = T.nnet.conv2d(x, w, border_mode="half", subsample=(2, 1))
    op = y.owner.op
    assert isinstance(op, abstract_conv.AbstractConv2d)
    assert isinstance(op, abstract_conv.BaseAbstractConv)
    assert str(op).startswith("AbstractConv2d{convdim=2, border_mode='half', subsample=(2, 1), filter_flip=True, "
                              "imshp=(None, None, None, None), kshp=(None, None, None, None), "
                              "filter_dilation=(1, 1), num_groups=1")
    assert op.border_mode == "half"
    assert op.subsample == (2, 1)
    assert op.filter_flip is True
    assert y.broadcastable == (False, False, False, False)


def test_abstract_conv_classes_can_be_built_and_called_like_theano():
    # how Lasagne's TransposedConv2DLayer uses it
    kern, top = T.dtensor4("kern"), T.dtensor4("top")
    op = abstract_conv.AbstractConv2d_gradInputs(imshp=(None, 2, 6, 6), kshp=(3, 2, 3, 3), border_mode="valid",
                                                 subsample=(1, 1), filter_flip=True)
    y = op(kern, top, (6, 6))
    assert isinstance(y.owner.op, abstract_conv.AbstractConv2d_gradInputs)
    kv, tv = rng.randn(3, 2, 3, 3), rng.randn(2, 3, 4, 4)
    out = theano.function([kern, top], y)(kv, tv)
    # the transpose of the valid convolution = full convolution with the flipped, channel-swapped kernel
    expected = ref_conv(tv, kv.transpose(1, 0, 2, 3)[:, :, ::-1, ::-1], "full")
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)


def test_conv2d_grad_wrt_inputs_is_the_adjoint_of_conv2d():
    # <conv(x, w), t> == <x, conv_grad_inputs(t, w)> for every x, t
    xv, wv, tv = rng.randn(2, 3, 7, 7), rng.randn(4, 3, 3, 3), rng.randn(2, 4, 4, 4)
    w, t = T.dtensor4("w"), T.dtensor4("t")
    gi = abstract_conv.conv2d_grad_wrt_inputs(t, w, input_shape=(2, 3, 7, 7), border_mode=1, subsample=(2, 2))
    gx = theano.function([w, t], gi)(wv, tv)
    fwd = run_conv2d(xv, wv, border_mode=1, subsample=(2, 2))
    assert fwd.shape == tv.shape
    np.testing.assert_allclose(np.sum(fwd * tv), np.sum(xv * gx), rtol=1e-10)


def test_conv2d_grad_wrt_weights_with_symbolic_shape():
    xv, tv = rng.randn(2, 3, 6, 6), rng.randn(2, 4, 4, 4)
    x, t = T.dtensor4("x"), T.dtensor4("t")
    k = T.lscalar("k")
    gw = abstract_conv.conv2d_grad_wrt_weights(x, t, filter_shape=(4, 3, k, k))
    out = theano.function([x, t, k], gw)(xv, tv, 3)
    assert out.shape == (4, 3, 3, 3)
    wv = rng.randn(4, 3, 3, 3)
    np.testing.assert_allclose(np.sum(run_conv2d(xv, wv) * tv), np.sum(wv * out), rtol=1e-10)


def test_conv2d_transpose_shape():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    y = T.nnet.conv2d_transpose(x, w, output_shape=(1, 2, 9, 9), input_dilation=(2, 2))
    out = theano.function([x, w], y)(rng.randn(1, 3, 4, 4), rng.randn(3, 2, 3, 3))
    assert out.shape == (1, 2, 9, 9)


def test_get_conv_output_shape():
    assert abstract_conv.get_conv_output_shape((8, 3, 28, 28), (20, 3, 5, 5), "valid", (1, 1)) == (8, 20, 24, 24)
    assert abstract_conv.get_conv_output_shape((8, 3, 28, 28), (20, 3, 5, 5), "full", (2, 2)) == (8, 20, 16, 16)
    assert abstract_conv.get_conv_output_shape((None, 3, 28, None), (20, 3, 5, 5), "half", (1, 1)) == \
        (None, 20, 28, None)
    assert abstract_conv.get_conv_output_shape((1, 1, 10, 10), (1, 1, 3, 3), (1, 2), (1, 1), (2, 2)) == (1, 1, 8, 10)


@pytest.mark.parametrize("kwargs", [dict(), dict(border_mode="full"), dict(border_mode="half", subsample=(2, 1)),
                                    dict(filter_flip=False, filter_dilation=(2, 1)), dict(num_groups=2)])
def test_conv2d_gradient_matches_finite_differences(kwargs):
    xv, wv = rng.randn(2, 2, 5, 5), rng.randn(2, 2 // kwargs.get("num_groups", 1), 3, 2)
    verify_grad(lambda x, w: T.nnet.conv2d(x, w, **kwargs), [xv, wv], rng=rng)


def test_second_derivative_through_conv():
    # d/dw of a gradient: the gradient ops' own gradients
    xv, wv = rng.randn(1, 1, 5, 5), rng.randn(1, 1, 2, 2)

    def f(x, w):
        return T.grad(T.sum(T.nnet.conv2d(x, w) ** 2), x)
    verify_grad(f, [xv, wv], rng=rng)


def test_conv3d_matches_numpy_and_gradient():
    xv, wv = rng.randn(2, 2, 5, 4, 4), rng.randn(3, 2, 2, 3, 2)
    x, w = T.dtensor5("x"), T.dtensor5("w")
    for kwargs in (dict(), dict(border_mode="full"), dict(border_mode="half", subsample=(2, 1, 1)),
                   dict(border_mode=(1, 0, 1), filter_flip=False)):
        out = theano.function([x, w], T.nnet.conv3d(x, w, **kwargs))(xv, wv)
        expected = ref_conv(xv, wv, kwargs.get("border_mode", "valid"), kwargs.get("subsample"),
                            kwargs.get("filter_flip", True))
        np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)
    y = T.nnet.conv3d(x, w)
    assert isinstance(y.owner.op, abstract_conv.AbstractConv3d)
    verify_grad(lambda a, b: T.nnet.conv3d(a, b, border_mode="half"), [rng.randn(1, 1, 3, 3, 3),
                                                                        rng.randn(1, 1, 2, 2, 2)], rng=rng)


def test_old_conv_module_conv2d():
    x, w = T.dtensor4("x"), T.dtensor4("w")
    xv, wv = rng.randn(2, 3, 8, 8), rng.randn(4, 3, 5, 5)
    for bm in ("valid", "full"):
        y = conv.conv2d(x, w, image_shape=(2, 3, 8, 8), filter_shape=(4, 3, 5, 5), border_mode=bm, subsample=(2, 2))
        out = theano.function([x, w], y)(xv, wv)
        np.testing.assert_allclose(out, ref_conv(xv, wv, bm, (2, 2)), rtol=1e-10, atol=1e-10)
        assert out.shape[2:] == conv.ConvOp.getOutputShape((8, 8), (5, 5), (2, 2), bm)
    with pytest.raises(ValueError):
        conv.conv2d(x, w, border_mode="half")


def test_separable_conv2d():
    x, dw, pw = T.dtensor4("x"), T.dtensor4("dw"), T.dtensor4("pw")
    xv, dwv, pwv = rng.randn(1, 2, 5, 5), rng.randn(4, 1, 3, 3), rng.randn(3, 4, 1, 1)
    out = theano.function([x, dw, pw], abstract_conv.separable_conv2d(x, dw, pw, 2))(xv, dwv, pwv)
    expected = ref_conv(ref_conv(xv, dwv, groups=2), pwv)
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)


def test_signal_conv2d_on_images_without_channels():
    from theano.tensor.signal import conv as sconv
    img, imgs = T.dmatrix("img"), T.dtensor3("imgs")
    fil, fils = T.dmatrix("fil"), T.dtensor3("fils")
    iv, isv, fv, fsv = rng.randn(6, 5), rng.randn(3, 6, 5), rng.randn(2, 3), rng.randn(4, 2, 3)
    f = theano.function([img, imgs, fil, fils], [sconv.conv2d(img, fil), sconv.conv2d(imgs, fil),
                                                 sconv.conv2d(img, fils, border_mode="full"),
                                                 sconv.conv2d(imgs, fils)])
    a, b, c, d = f(iv, isv, fv, fsv)
    np.testing.assert_allclose(a, ref_conv(iv[None, None], fv[None, None])[0, 0], rtol=1e-10)
    np.testing.assert_allclose(b, ref_conv(isv[:, None], fv[None, None])[:, 0], rtol=1e-10)
    np.testing.assert_allclose(c, ref_conv(iv[None, None], fsv[:, None], "full")[0], rtol=1e-10)
    np.testing.assert_allclose(d, ref_conv(isv[:, None], fsv[:, None]), rtol=1e-10)


def test_default_executor_agrees_with_the_reference_executor():
    # a LeNet-like layer and its gradients: FAST_RUN (rewrites, Truffle executor) vs FAST_COMPILE
    # (the engine's reference executor, Theano's Python linker)
    from theano.tensor.signal import pool
    x, w = T.dtensor4("x"), T.dtensor4("w")
    b = T.dvector("b")
    y = T.tanh(pool.pool_2d(T.nnet.conv2d(x, w, border_mode="half"), (2, 2), ignore_border=True)
               + b.dimshuffle("x", 0, "x", "x"))
    cost = T.nnet.softmax(y.flatten(2)).max(axis=1).sum()
    outs = [y, cost] + T.grad(cost, [x, w, b])
    xv, wv, bv = rng.randn(3, 2, 6, 6), rng.randn(4, 2, 3, 3), rng.randn(4)
    fast = theano.function([x, w, b], outs)(xv, wv, bv)
    ref = theano.function([x, w, b], outs, mode="FAST_COMPILE")(xv, wv, bv)
    for a, r in zip(fast, ref):
        np.testing.assert_allclose(a, r, rtol=1e-10, atol=1e-12)


# ----------------------------------------------------------------------------- bilinear upsampling

def clamped_linear_resample(a, ratio, axis):
    """Output j along `axis` samples the input at (j - (ratio-1)//2) / ratio, clamped to the edges,
    by linear interpolation (the behaviour Theano 1.0's bilinear_upsampling documents by its tests)."""
    n = a.shape[axis]
    pos = np.clip((np.arange(n * ratio) - (ratio - 1) // 2) / float(ratio), 0, n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    w = pos - lo
    shape = [1] * a.ndim
    shape[axis] = -1
    return np.take(a, lo, axis=axis) * (1 - w).reshape(shape) + np.take(a, hi, axis=axis) * w.reshape(shape)


def test_bilinear_kernels_are_triangles():
    k1 = theano.function([], abstract_conv.bilinear_kernel_1D(3, normalize=False))()
    np.testing.assert_allclose(k1, [1, 2, 3, 2, 1])
    r = T.iscalar("r")
    k1n = theano.function([r], abstract_conv.bilinear_kernel_1D(r, normalize=True))(4)
    np.testing.assert_allclose(k1n, np.array([1, 2, 3, 4, 3, 2, 1]) / 4.0)
    k2 = theano.function([], abstract_conv.bilinear_kernel_2D(2, normalize=True))()
    np.testing.assert_allclose(k2, np.outer([1, 2, 1], [1, 2, 1]) / 4.0)


def test_bilinear_upsampling_of_two_by_two_by_hand():
    x = np.array([[[[1, 2], [3, 4]]]], dtype=theano.config.floatX)
    out = theano.function([], abstract_conv.bilinear_upsampling(x, ratio=2, batch_size=1, num_input_channels=1))()
    np.testing.assert_allclose(out[0, 0], [[1, 1.5, 2, 2], [2, 2.5, 3, 3], [3, 3.5, 4, 4], [3, 3.5, 4, 4]])


@pytest.mark.parametrize("ratio", [2, 3, 4, 5])
@pytest.mark.parametrize("use_1D_kernel", [True, False])
def test_bilinear_upsampling_matches_clamped_interpolation(ratio, use_1D_kernel):
    xv = rng.randn(2, 3, 4, 5)
    x = T.dtensor4("x")
    f = theano.function([x], abstract_conv.bilinear_upsampling(x, ratio=ratio, use_1D_kernel=use_1D_kernel))
    out = f(xv)
    assert out.shape == (2, 3, 4 * ratio, 5 * ratio)
    expected = clamped_linear_resample(clamped_linear_resample(xv, ratio, 2), ratio, 3)
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-12)


def test_bilinear_upsampling_float32_and_gradient():
    x = T.ftensor4("x")
    up = T.nnet.abstract_conv.bilinear_upsampling(x, ratio=2)
    assert up.dtype == "float32"
    verify_grad(lambda v: abstract_conv.bilinear_upsampling(v, ratio=3), [rng.randn(1, 2, 3, 3)], rng=rng)


def test_bilinear_upsampling_needs_a_ratio():
    with pytest.raises(ValueError, match="No ratio"):
        abstract_conv.bilinear_upsampling(T.dtensor4())


# ----------------------------------------------------------------------------- causal_conv1d

@pytest.mark.parametrize("dilation,subsample", [(1, 1), (2, 1), (1, 2)])
def test_causal_conv1d_uses_only_the_past(dilation, subsample):
    xv, wv = rng.randn(2, 3, 9), rng.randn(4, 3, 3)
    x, w = T.dtensor3("x"), T.dtensor3("w")
    out = theano.function([x, w], abstract_conv.causal_conv1d(x, w, filter_shape=(4, 3, 3), filter_dilation=dilation,
                                                              subsample=subsample))(xv, wv)
    # by hand: out[b, k, t] = sum_c sum_j w[k, c, j] * x[b, c, t - dilation * (2 - j)] (zero before time 0),
    # the kernel flipped as a true convolution does
    expected = np.zeros((2, 4, 9))
    for t in range(9):
        for j in range(3):
            src = t - dilation * j
            if src >= 0:
                expected[:, :, t] += np.einsum("kc,bc->bk", wv[:, :, j], xv[:, :, src])
    np.testing.assert_allclose(out, expected[:, :, ::subsample], rtol=1e-10, atol=1e-12)


def test_causal_conv1d_gradient_and_errors():
    verify_grad(lambda x, w: abstract_conv.causal_conv1d(x, w, filter_shape=(2, 2, 3), filter_dilation=2),
                [rng.randn(1, 2, 6), rng.randn(2, 2, 3)], rng=rng)
    with pytest.raises(ValueError, match="3D"):
        abstract_conv.causal_conv1d(T.dmatrix(), T.dtensor3(), filter_shape=(2, 2, 3))


@pytest.mark.parametrize("build", [
    lambda: T.nnet.conv2d(T.dtensor4(), T.dtensor4(), unshared=True),
    lambda: abstract_conv.conv2d_grad_wrt_inputs(T.dtensor4(), T.dtensor4(), (1, 1, 3, 3), unshared=True),
    lambda: abstract_conv.conv2d_grad_wrt_weights(T.dtensor4(), T.dtensor4(), (1, 1, 2, 2), unshared=True),
    lambda: abstract_conv.causal_conv1d(T.dtensor3(), T.dtensor3(), (2, 2, 3), unshared=True),
])
def test_unshared_convolution_is_refused_clearly(build):
    with pytest.raises(NotImplementedError, match="unshared \\(locally connected\\) convolution is not supported"):
        build()
