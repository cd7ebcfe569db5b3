"""Theano's pool_2d (max pooling, ignore_border=True, stride = window) from what PyTensor 3 has: a crop
to whole windows, a reshape that puts each window on its own axes, and a max over them."""
import pytensor.tensor as pt


def pool_2d(input, ws=None, ignore_border=None, stride=None, pad=(0, 0), mode="max", ds=None):
    ws = tuple(ws or ds)
    if not ignore_border or mode != "max" or (stride is not None and tuple(stride) != ws) or tuple(pad) != (0, 0):
        raise NotImplementedError("the benchmark alias pools with ignore_border=True, mode='max', stride=ws, no padding")
    rows, cols = input.shape[-2] // ws[0], input.shape[-1] // ws[1]
    whole = input[..., :rows * ws[0], :cols * ws[1]]
    windows = whole.reshape(tuple(input.shape[i] for i in range(input.ndim - 2)) + (rows, ws[0], cols, ws[1]),
                            ndim=input.ndim + 2)
    return windows.max(axis=(input.ndim - 1, input.ndim + 1))
