"""NumPy reference implementations for the nnet/signal tests: direct loops written from the definitions
(not from the engine's im2col code), small enough to be obviously right."""
import itertools

import numpy as np


def conv_pads(border_mode, kshape, dilation):
    dk = [(k - 1) * d + 1 for k, d in zip(kshape, dilation)]
    if border_mode == "valid":
        return [0] * len(kshape)
    if border_mode == "full":
        return [d - 1 for d in dk]
    if border_mode == "half":
        return [d // 2 for d in dk]
    if isinstance(border_mode, int):
        return [border_mode] * len(kshape)
    return list(border_mode)


def conv(x, w, border_mode="valid", subsample=None, filter_flip=True, dilation=None, groups=1):
    """N-d convolution (or cross-correlation when filter_flip is False) of x (b, c, *spatial) with
    w (o, c / groups, *kernel), Theano's conventions."""
    nd = x.ndim - 2
    subsample = subsample or (1,) * nd
    dilation = dilation or (1,) * nd
    if filter_flip:
        w = w[(slice(None), slice(None)) + (slice(None, None, -1),) * nd]
    kshape = w.shape[2:]
    pads = conv_pads(border_mode, kshape, dilation)
    xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in pads])
    dk = [(k - 1) * d + 1 for k, d in zip(kshape, dilation)]
    out_sp = [(xp.shape[2 + i] - dk[i]) // subsample[i] + 1 for i in range(nd)]
    b, o = x.shape[0], w.shape[0]
    cg, og = x.shape[1] // groups, o // groups
    out = np.zeros((b, o) + tuple(out_sp))
    for g in range(groups):
        wg = w[g * og:(g + 1) * og]
        for pos in itertools.product(*[range(s) for s in out_sp]):
            sl = tuple(slice(p * subsample[i], p * subsample[i] + dk[i], dilation[i]) for i, p in enumerate(pos))
            patch = xp[(slice(None), slice(g * cg, (g + 1) * cg)) + sl]
            out[(slice(None), slice(g * og, (g + 1) * og)) + pos] = np.tensordot(
                patch, wg, axes=(list(range(1, 2 + nd)), list(range(1, 2 + nd))))
    return out


def pool_out_size(v, ws, stride, ignore_border):
    if ignore_border:
        return max((v - ws) // stride + 1, 0)
    if stride >= ws:
        return (v - 1) // stride + 1
    return max(0, (v - 1 - ws + stride) // stride) + 1


def pool(x, ws, ignore_border=True, stride=None, pad=None, mode="max"):
    """Pooling over the last len(ws) axes, written from Theano's documented semantics: windows start at
    i * stride in padded coordinates; 'max', 'sum' and 'average_exc_pad' only see real elements,
    'average_inc_pad' counts the padding (within the padded image) too."""
    nd = len(ws)
    stride = stride or ws
    pad = pad or (0,) * nd
    lead = x.shape[:-nd]
    img = x.shape[-nd:]
    padded = [img[i] + 2 * pad[i] for i in range(nd)]
    out_sp = [pool_out_size(padded[i], ws[i], stride[i], ignore_border) for i in range(nd)]
    xp = np.pad(x, [(0, 0)] * len(lead) + [(p, p) for p in pad])
    out = np.zeros(lead + tuple(out_sp))
    for pos in itertools.product(*[range(s) for s in out_sp]):
        sl = []
        for i, p in enumerate(pos):
            start, end = p * stride[i], min(p * stride[i] + ws[i], padded[i])
            if mode != "average_inc_pad":
                start, end = max(start, pad[i]), min(end, img[i] + pad[i])
            sl.append(slice(start, end))
        region = xp[(Ellipsis,) + tuple(sl)]
        flat = region.reshape(lead + (-1,))
        if mode == "max":
            val = flat.max(axis=-1)
        elif mode == "sum":
            val = flat.sum(axis=-1)
        else:
            val = flat.mean(axis=-1)
        out[(Ellipsis,) + pos] = val
    return out
