"""An LSTM classifier of variable-length sequences in the style of the deeplearning.net LSTM tutorial
(lstm.py, the IMDB sentiment model): the four gates' weights live in one concatenated matrix and are
cut apart with `_slice`, the input projection of all time steps is computed once before the scan,
a 0/1 mask (time x batch) carries each sequence's length through the recurrence, the hidden states
are mean-pooled over the valid steps, and a softmax read-out is trained with the negative log
likelihood of integer labels. Gradients go back through the scan (backpropagation through time).
Synthetic task: sequences of 4 to 10 steps of 3 features; the label says whether the first step's
first feature is positive, so the model must carry it across the whole sequence."""
from __future__ import print_function

from collections import OrderedDict

import numpy

import theano
import theano.tensor as T


def ortho_weight(rng, ndim):
    u, _, _ = numpy.linalg.svd(rng.randn(ndim, ndim))
    return u.astype(theano.config.floatX)


def init_params(rng, n_in, dim, n_classes):
    params = OrderedDict()
    params['lstm_W'] = numpy.concatenate([rng.uniform(-0.3, 0.3, size=(n_in, dim)) for _ in range(4)],
                                         axis=1).astype(theano.config.floatX)
    params['lstm_U'] = numpy.concatenate([ortho_weight(rng, dim) for _ in range(4)], axis=1)
    params['lstm_b'] = numpy.zeros((4 * dim,), dtype=theano.config.floatX)
    params['U'] = (0.1 * rng.randn(dim, n_classes)).astype(theano.config.floatX)
    params['b'] = numpy.zeros((n_classes,), dtype=theano.config.floatX)
    return OrderedDict((k, theano.shared(v, name=k)) for k, v in params.items())


def _slice(_x, n, dim):
    if _x.ndim == 3:
        return _x[:, :, n * dim:(n + 1) * dim]
    return _x[:, n * dim:(n + 1) * dim]


def lstm_layer(tparams, state_below, mask, dim):
    nsteps = state_below.shape[0]
    n_samples = state_below.shape[1]

    def _step(m_, x_, h_, c_):
        preact = T.dot(h_, tparams['lstm_U']) + x_
        i = T.nnet.sigmoid(_slice(preact, 0, dim))
        f = T.nnet.sigmoid(_slice(preact, 1, dim))
        o = T.nnet.sigmoid(_slice(preact, 2, dim))
        c = T.tanh(_slice(preact, 3, dim))
        c = f * c_ + i * c
        c = m_[:, None] * c + (1. - m_)[:, None] * c_
        h = o * T.tanh(c)
        h = m_[:, None] * h + (1. - m_)[:, None] * h_
        return h, c

    state_below = T.dot(state_below, tparams['lstm_W']) + tparams['lstm_b']
    rval, updates = theano.scan(_step,
                                sequences=[mask, state_below],
                                outputs_info=[T.alloc(numpy.asarray(0., dtype=theano.config.floatX), n_samples, dim),
                                              T.alloc(numpy.asarray(0., dtype=theano.config.floatX), n_samples, dim)],
                                name='lstm_layers',
                                n_steps=nsteps)
    return rval[0]


def make_sequences(rng, n_samples, n_in=3, min_len=4, max_len=10):
    lengths = rng.randint(min_len, max_len + 1, size=n_samples)
    x = numpy.zeros((max_len, n_samples, n_in), dtype=theano.config.floatX)
    mask = numpy.zeros((max_len, n_samples), dtype=theano.config.floatX)
    for j, n in enumerate(lengths):
        x[:n, j] = rng.uniform(-1, 1, size=(n, n_in))
        mask[:n, j] = 1.
    y = (x[0, :, 0] > 0).astype('int64')
    return x, mask, y


def train_lstm(dim=16, n_epochs=12, batch_size=16, lrate=0.5):
    rng = numpy.random.RandomState(123)
    train_x, train_mask, train_y = make_sequences(rng, 320)
    test_x, test_mask, test_y = make_sequences(rng, 160)
    tparams = init_params(rng, 3, dim, 2)

    x = T.tensor3('x', dtype=theano.config.floatX)
    mask = T.matrix('mask', dtype=theano.config.floatX)
    y = T.vector('y', dtype='int64')
    proj = lstm_layer(tparams, x, mask, dim)
    proj = (proj * mask[:, :, None]).sum(axis=0) / mask.sum(axis=0)[:, None]
    pred = T.nnet.softmax(T.dot(proj, tparams['U']) + tparams['b'])
    n_samples = x.shape[1]
    cost = -T.log(pred[T.arange(n_samples), y] + 1e-8).mean()
    errors = T.mean(T.neq(pred.argmax(axis=1), y))

    grads = T.grad(cost, wrt=list(tparams.values()))
    updates = [(p, p - lrate * g) for p, g in zip(tparams.values(), grads)]
    f_train = theano.function([x, mask, y], cost, updates=updates, name='f_train')
    f_error = theano.function([x, mask, y], errors, name='f_error')

    n_batches = train_x.shape[1] // batch_size
    for epoch in range(n_epochs):
        costs = []
        for i in range(n_batches):
            sl = slice(i * batch_size, (i + 1) * batch_size)
            costs.append(f_train(train_x[:, sl], train_mask[:, sl], train_y[sl]))
        print('epoch %d, cost %.4f, test error %.2f %%'
              % (epoch + 1, numpy.mean(costs), 100 * f_error(test_x, test_mask, test_y)))


if __name__ == '__main__':
    train_lstm()
