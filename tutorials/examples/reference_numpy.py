"""Plain-NumPy reference for the three example programs (no Theano): the same data, the same
initialisation (same RandomState draws in the same order), the same minibatch SGD in float64, with
every gradient written out by hand. Its output is what the .expected files hold:

    python reference_numpy.py logistic_regression > logistic_regression.expected
    python reference_numpy.py mlp > mlp.expected
    python reference_numpy.py lenet > lenet.expected

It also checks that no printed cost lies within 1e-9 of a rounding boundary of its 4 decimals and no
validation prediction is a near tie, so summation order (BLAS here, theano-jvm there) cannot change
what is printed.
"""
import sys

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# ---- the data: copies of the programs' functions (this file must not import theano)

def make_data(rng, n_samples, n_in=8, n_out=4):
    centres = np.array([[1.0, 0.5, 0.0, -0.5, 0.0, 1.0, -1.0, 0.0],
                        [-1.0, 0.0, 1.0, 0.5, -0.5, 0.0, 0.0, 1.0],
                        [0.0, -1.0, -0.5, 0.0, 1.0, -1.0, 0.5, 0.0],
                        [0.5, 0.0, -1.0, -1.0, 0.0, 0.0, 1.0, -0.5]])
    labels = rng.randint(0, n_out, size=n_samples)
    return centres[labels] + 0.9 * rng.randn(n_samples, n_in), labels


def make_rings(rng, n_samples):
    labels = rng.randint(0, 3, size=n_samples)
    radius = 0.5 + labels + 0.25 * rng.randn(n_samples)
    angle = rng.uniform(0, 2 * np.pi, size=n_samples)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), labels


def make_images(rng, n_samples, size=12):
    labels = rng.randint(0, 4, size=n_samples)
    images = 0.3 * rng.randn(n_samples, 1, size, size)
    for i, label in enumerate(labels):
        r, c = rng.randint(2, size - 6, size=2)
        if label == 0:
            images[i, 0, r, c:c + 6] += 1.0
        elif label == 1:
            images[i, 0, r:r + 6, c] += 1.0
        elif label == 2:
            images[i, 0, np.arange(r, r + 5), np.arange(c, c + 5)] += 1.0
        else:
            images[i, 0, r, c:c + 4] += 1.0
            images[i, 0, r + 3, c:c + 4] += 1.0
            images[i, 0, r:r + 4, c] += 1.0
            images[i, 0, r:r + 4, c + 3] += 1.0
    return images.reshape(n_samples, size * size), labels


def check_rounding(value, decimals=4):
    scaled = value * 10 ** decimals
    assert abs(scaled - np.floor(scaled) - 0.5) > 1e-9 * max(1.0, abs(scaled)), value


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def nll_and_dz(z, y):
    """Mean negative log-likelihood of softmax(z) and its gradient with respect to z."""
    p = softmax(z)
    m = len(y)
    cost = -np.mean(np.log(p[np.arange(m), y]))
    dz = p.copy()
    dz[np.arange(m), y] -= 1
    return cost, dz / m


def errors(z, y):
    top2 = np.sort(z, axis=1)[:, -2:]
    assert np.all(top2[:, 1] - top2[:, 0] > 1e-9), "near tie in a prediction"
    return np.mean(np.argmax(z, axis=1) != y)


def report(epoch, costs, errs):
    cost = np.mean(costs)
    check_rounding(cost)
    print('epoch %i, mean minibatch cost %.4f, validation error %.2f %%' % (epoch, cost, np.mean(errs) * 100.))


def batches(n, batch_size):
    return [slice(i * batch_size, (i + 1) * batch_size) for i in range(n // batch_size)]


def logistic_regression(learning_rate=0.13, n_epochs=10, batch_size=20):
    rng = np.random.RandomState(1234)
    tx, ty = make_data(rng, 400)
    vx, vy = make_data(rng, 200)
    W, b = np.zeros((8, 4)), np.zeros(4)
    print('... building the model')
    print('... training the model')
    for epoch in range(1, n_epochs + 1):
        costs = []
        for s in batches(len(tx), batch_size):
            cost, dz = nll_and_dz(tx[s] @ W + b, ty[s])
            costs.append(cost)
            W, b = W - learning_rate * (tx[s].T @ dz), b - learning_rate * dz.sum(0)
        errs = [errors(vx[s] @ W + b, vy[s]) for s in batches(len(vx), batch_size)]
        report(epoch, costs, errs)


def glorot(rng, n_in, n_out):
    bound = np.sqrt(6. / (n_in + n_out))
    return rng.uniform(low=-bound, high=bound, size=(n_in, n_out))


def mlp(learning_rate=0.3, L2_reg=0.0001, n_epochs=20, batch_size=20, n_hidden=32):
    rng = np.random.RandomState(1234)
    tx, ty = make_rings(rng, 600)
    vx, vy = make_rings(rng, 200)
    Wh, bh = glorot(rng, 2, n_hidden), np.zeros(n_hidden)
    Wo, bo = np.zeros((n_hidden, 3)), np.zeros(3)
    print('... building the model')
    print('... training')
    for epoch in range(1, n_epochs + 1):
        costs = []
        for s in batches(len(tx), batch_size):
            h = np.tanh(tx[s] @ Wh + bh)
            cost, dz = nll_and_dz(h @ Wo + bo, ty[s])
            costs.append(cost + L2_reg * ((Wh ** 2).sum() + (Wo ** 2).sum()))
            dWo = h.T @ dz + 2 * L2_reg * Wo
            dbo = dz.sum(0)
            da = (dz @ Wo.T) * (1 - h ** 2)
            dWh = tx[s].T @ da + 2 * L2_reg * Wh
            dbh = da.sum(0)
            Wh, bh, Wo, bo = Wh - learning_rate * dWh, bh - learning_rate * dbh, Wo - learning_rate * dWo, \
                bo - learning_rate * dbo
        errs = [errors(np.tanh(vx[s] @ Wh + bh) @ Wo + bo, vy[s]) for s in batches(len(vx), batch_size)]
        report(epoch, costs, errs)


# ---- convolution (true convolution: the kernel is flipped) and 2x2 max pooling, forward and backward

def conv_forward(x, W):
    wf = W[:, :, ::-1, ::-1]
    win = sliding_window_view(x, wf.shape[2:], axis=(2, 3))  # (b, c, oh, ow, kh, kw)
    return np.einsum('bcijuv,ocuv->boij', win, wf), win


def conv_backward(x, W, win, dout):
    wf = W[:, :, ::-1, ::-1]
    dwf = np.einsum('bcijuv,boij->ocuv', win, dout)
    dx = np.zeros_like(x)
    oh, ow = dout.shape[2:]
    for u in range(wf.shape[2]):
        for v in range(wf.shape[3]):
            dx[:, :, u:u + oh, v:v + ow] += np.einsum('boij,oc->bcij', dout, wf[:, :, u, v])
    return dx, dwf[:, :, ::-1, ::-1]


def pool_forward(a):
    b, c, h, w = a.shape
    blocks = a[:, :, :h // 2 * 2, :w // 2 * 2].reshape(b, c, h // 2, 2, w // 2, 2)
    return blocks.max(axis=(3, 5))


def pool_backward(a, pooled, dpooled):
    b, c, h, w = a.shape
    da = np.zeros_like(a)
    for u in range(2):
        for v in range(2):
            part = a[:, :, u:h // 2 * 2:2, v:w // 2 * 2:2]
            da[:, :, u:h // 2 * 2:2, v:w // 2 * 2:2] += (part == pooled) * dpooled
    return da


def conv_pool_forward(x, W, b):
    c, win = conv_forward(x, W)
    p = pool_forward(c)
    return np.tanh(p + b[None, :, None, None]), (x, W, win, c, p)


def conv_pool_backward(out, cache, dout):
    x, W, win, c, p = cache
    dpre = dout * (1 - out ** 2)
    db = dpre.sum(axis=(0, 2, 3))
    dc = pool_backward(c, p, dpre)
    dx, dW = conv_backward(x, W, win, dc)
    return dx, dW, db


def lenet(learning_rate=0.1, n_epochs=8, nkerns=(6, 8), batch_size=20):
    rng = np.random.RandomState(23455)
    tx, ty = make_images(rng, 400)
    vx, vy = make_images(rng, 100)

    def conv_init(filter_shape, poolsize=(2, 2)):
        fan_in = np.prod(filter_shape[1:])
        fan_out = filter_shape[0] * np.prod(filter_shape[2:]) // np.prod(poolsize)
        bound = np.sqrt(6. / (fan_in + fan_out))
        return rng.uniform(low=-bound, high=bound, size=filter_shape), np.zeros(filter_shape[0])

    W0, b0 = conv_init((nkerns[0], 1, 3, 3))
    W1, b1 = conv_init((nkerns[1], nkerns[0], 2, 2))
    W2, b2 = glorot(rng, nkerns[1] * 4, 20), np.zeros(20)
    W3, b3 = np.zeros((20, 4)), np.zeros(4)

    def forward(xb):
        a0, c0 = conv_pool_forward(xb.reshape(-1, 1, 12, 12), W0, b0)
        a1, c1 = conv_pool_forward(a0, W1, b1)
        f = a1.reshape(len(xb), -1)
        h = np.tanh(f @ W2 + b2)
        return h @ W3 + b3, (a0, c0, a1, c1, f, h)

    print('... building the model')
    print('... training')
    for epoch in range(1, n_epochs + 1):
        costs = []
        for s in batches(len(tx), batch_size):
            z, (a0, c0, a1, c1, f, h) = forward(tx[s])
            cost, dz = nll_and_dz(z, ty[s])
            costs.append(cost)
            dW3, db3 = h.T @ dz, dz.sum(0)
            dh = (dz @ W3.T) * (1 - h ** 2)
            dW2, db2 = f.T @ dh, dh.sum(0)
            da1 = (dh @ W2.T).reshape(a1.shape)
            da0, dW1, db1 = conv_pool_backward(a1, c1, da1)
            _, dW0, db0 = conv_pool_backward(a0, c0, da0)
            W3, b3, W2, b2 = W3 - learning_rate * dW3, b3 - learning_rate * db3, W2 - learning_rate * dW2, \
                b2 - learning_rate * db2
            W1, b1, W0, b0 = W1 - learning_rate * dW1, b1 - learning_rate * db1, W0 - learning_rate * dW0, \
                b0 - learning_rate * db0
        errs = [errors(forward(vx[s])[0], vy[s]) for s in batches(len(vx), batch_size)]
        report(epoch, costs, errs)


if __name__ == '__main__':
    {'logistic_regression': logistic_regression, 'mlp': mlp, 'lenet': lenet}[sys.argv[1]]()
