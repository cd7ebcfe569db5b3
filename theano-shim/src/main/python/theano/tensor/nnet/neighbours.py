"""theano.tensor.nnet.neighbours: images2neibs and neibs2images (Theano 1.0's Images2Neibs).

images2neibs(ten4, neib_shape, neib_step=None, mode='valid') turns each (c, d) window of each image
of a (batch, channels, rows, cols) tensor into one row of a matrix: rows ordered by image, channel,
then window position row-major; each row the window's pixels row-major. Modes: 'valid' (windows must
tile the image exactly: Theano's ValueError otherwise), 'ignore_borders' (a partial last window is
dropped) and 'half'/'full' (zero padding of c//2, d//2 or c-1, d-1 on each side).

Both are user ops (theano.Op) over NumPy (sliding_window_view to gather, add.at to scatter): the
gradient of images2neibs scatters the rows back, adding where windows overlap, so it is exact for any
step; neibs2images is the inverse of non-overlapping images2neibs and its gradient is that op again.
'wrap_centered' is not supported.
"""
import numpy

from theano.gof.graph import Apply
from theano.gof.op import Op

_MODES = ("valid", "ignore_borders", "half", "full")


def _as_pair(v, what):
    import theano.tensor as T
    v = T.as_tensor_variable(v)
    if v.ndim != 1:
        raise TypeError("%s must be a vector of 2 integers" % what)
    return T.cast(v, "int64")


def _padding(mode, c, d):
    if mode == "half":
        return c // 2, d // 2
    if mode == "full":
        return c - 1, d - 1
    return 0, 0


def _grid(shape, neib, step, mode):
    """Number of window positions along rows and columns (and the padding), checking 'valid'."""
    (rows, cols), (c, d), (sr, sc) = shape[2:], neib, step
    pr, pc = _padding(mode, c, d)
    rows, cols = rows + 2 * pr, cols + 2 * pc
    if mode == "valid":
        for axis, (size, n, s) in enumerate(((rows, c, sr), (cols, d, sc))):
            if size < n or (size - n) % s != 0:
                raise ValueError("neib_shape[%d]=%d, neib_step[%d]=%d and ten4.shape[%d]=%d not consistent"
                                 % (axis, n, axis, s, axis + 2, shape[axis + 2]))
    return max((rows - c) // sr + 1, 0), max((cols - d) // sc + 1, 0), pr, pc


class Images2Neibs(Op):
    """The op behind images2neibs (Theano's name and __props__)."""
    __props__ = ("mode",)

    def __init__(self, mode="valid"):
        if mode not in _MODES:
            raise NotImplementedError("Only the mode valid, ignore_borders, half and full have been implemented for "
                                      "Images2Neibs in theano-jvm, not %r" % (mode,))
        self.mode = mode

    def __str__(self):
        return "%s{%s}" % (type(self).__name__, self.mode)

    def make_node(self, ten4, neib_shape, neib_step=None):
        import theano.tensor as T
        ten4 = T.as_tensor_variable(ten4)
        if ten4.ndim != 4:
            raise TypeError("ten4 must be a 4-d tensor", ten4)
        neib_shape = _as_pair(neib_shape, "neib_shape")
        neib_step = neib_shape if neib_step is None else _as_pair(neib_step, "neib_step")
        return Apply(self, [ten4, neib_shape, neib_step], [T.matrix(dtype=ten4.type.dtype)])

    def perform(self, node, inputs, output_storage):
        ten4, neib, step = inputs
        (c, d), (sr, sc) = (int(v) for v in neib), (int(v) for v in step)
        nr, nc, pr, pc = _grid(ten4.shape, (c, d), (sr, sc), self.mode)
        padded = numpy.pad(ten4, ((0, 0), (0, 0), (pr, pr), (pc, pc))) if pr or pc else ten4
        windows = numpy.lib.stride_tricks.sliding_window_view(padded, (c, d), axis=(2, 3))
        windows = windows[:, :, :(nr - 1) * sr + 1:sr, :(nc - 1) * sc + 1:sc] if nr and nc else windows[:, :, :0, :0]
        output_storage[0][0] = numpy.ascontiguousarray(windows).reshape(-1, c * d)

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_undefined
        ten4, neib, step = inputs
        return [_Neibs2ImagesAdd(self.mode)(output_grads[0], neib, step, ten4.shape),
                grad_undefined(self, 1, neib), grad_undefined(self, 2, step)]


class _Neibs2ImagesAdd(Op):
    """Scatters rows of windows back into images of a given shape, adding where windows overlap."""
    __props__ = ("mode",)

    def __init__(self, mode):
        self.mode = mode

    def make_node(self, neibs, neib_shape, neib_step, shape):
        import theano.tensor as T
        neibs = T.as_tensor_variable(neibs)
        return Apply(self, [neibs, _as_pair(neib_shape, "neib_shape"), _as_pair(neib_step, "neib_step"),
                            T.cast(T.as_tensor_variable(shape), "int64")], [T.tensor4(dtype=neibs.type.dtype)])

    def perform(self, node, inputs, output_storage):
        neibs, neib, step, shape = inputs
        shape = tuple(int(s) for s in shape)
        (c, d), (sr, sc) = (int(v) for v in neib), (int(v) for v in step)
        nr, nc, pr, pc = _grid(shape, (c, d), (sr, sc), self.mode)
        if neibs.shape != (shape[0] * shape[1] * nr * nc, c * d):
            raise ValueError("neibs of shape %s do not match images of shape %s with windows %s"
                             % (neibs.shape, shape, (c, d)))
        out = numpy.zeros((shape[0], shape[1], shape[2] + 2 * pr, shape[3] + 2 * pc), dtype=neibs.dtype)
        w = neibs.reshape(shape[0], shape[1], nr, nc, c, d)
        for i in range(nr):
            for j in range(nc):
                out[:, :, i * sr:i * sr + c, j * sc:j * sc + d] += w[:, :, i, j]
        output_storage[0][0] = out[:, :, pr:pr + shape[2], pc:pc + shape[3]].copy()

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_undefined
        neibs, neib, step, shape = inputs
        return [Images2Neibs(self.mode)(output_grads[0], neib, step)] + \
            [grad_undefined(self, k, inputs[k]) for k in (1, 2, 3)]


def images2neibs(ten4, neib_shape, neib_step=None, mode="valid"):
    """Windows of a 4-d tensor as rows of a matrix (see the module docstring)."""
    return Images2Neibs(mode)(ten4, neib_shape, neib_step)


def neibs2images(neibs, neib_shape, original_shape, mode="valid"):
    """The images that images2neibs(..., neib_shape, mode=mode) with non-overlapping windows came from."""
    return _Neibs2ImagesAdd(mode)(neibs, neib_shape, neib_shape, original_shape)
