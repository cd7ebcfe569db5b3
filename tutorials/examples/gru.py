"""A GRU (gated recurrent unit) over minibatches of sequences, in the style of the classic Theano RNN
tutorials: the recurrence is one theano.scan over time (inputs shaped time x batch x features, the
weights passed as non_sequences), the cost is the binary cross-entropy of a logistic read-out of the
last hidden state, and the gradient flows back through the scan (backpropagation through time).
Synthetic task: is the sum of the sequence's first feature positive? (The second feature is noise.)"""
from __future__ import print_function

import numpy

import theano
import theano.tensor as T


def init_weights(rng, n_in, n_out, name):
    scale = numpy.sqrt(1. / n_in)
    return theano.shared(numpy.asarray(rng.uniform(-scale, scale, size=(n_in, n_out)),
                                       dtype=theano.config.floatX), name=name)


def zeros(n, name):
    return theano.shared(numpy.zeros(n, dtype=theano.config.floatX), name=name)


class GRU(object):
    def __init__(self, rng, input, n_in, n_hidden):
        # update gate z, reset gate r and candidate state h~, each with input and recurrent weights
        self.W_z, self.U_z, self.b_z = init_weights(rng, n_in, n_hidden, 'W_z'), init_weights(rng, n_hidden, n_hidden, 'U_z'), zeros(n_hidden, 'b_z')
        self.W_r, self.U_r, self.b_r = init_weights(rng, n_in, n_hidden, 'W_r'), init_weights(rng, n_hidden, n_hidden, 'U_r'), zeros(n_hidden, 'b_r')
        self.W_h, self.U_h, self.b_h = init_weights(rng, n_in, n_hidden, 'W_h'), init_weights(rng, n_hidden, n_hidden, 'U_h'), zeros(n_hidden, 'b_h')
        self.params = [self.W_z, self.U_z, self.b_z, self.W_r, self.U_r, self.b_r, self.W_h, self.U_h, self.b_h]

        def step(x_t, h_tm1, W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h):
            z = T.nnet.sigmoid(T.dot(x_t, W_z) + T.dot(h_tm1, U_z) + b_z)
            r = T.nnet.sigmoid(T.dot(x_t, W_r) + T.dot(h_tm1, U_r) + b_r)
            h_tilde = T.tanh(T.dot(x_t, W_h) + T.dot(r * h_tm1, U_h) + b_h)
            return (1 - z) * h_tm1 + z * h_tilde

        h0 = T.zeros((input.shape[1], n_hidden), dtype=theano.config.floatX)
        h, _ = theano.scan(step, sequences=input, outputs_info=h0, non_sequences=self.params)
        self.output = h[-1]


def make_sequences(rng, n_samples, length=8):
    x = rng.uniform(-1, 1, size=(length, n_samples, 2))
    y = (x[:, :, 0].sum(axis=0) > 0).astype('int32')
    return numpy.asarray(x, dtype=theano.config.floatX), y


def test_gru(learning_rate=0.5, n_epochs=15, batch_size=20, n_hidden=8):
    rng = numpy.random.RandomState(42)
    data_x, data_y = make_sequences(rng, 400)
    test_x, test_y = make_sequences(rng, 200)
    train_set_x = theano.shared(data_x, borrow=True)
    train_set_y = theano.shared(data_y, borrow=True)
    n_train_batches = data_x.shape[1] // batch_size

    index = T.lscalar()
    x = T.tensor3('x')
    y = T.ivector('y')
    gru = GRU(rng, x, n_in=2, n_hidden=n_hidden)
    V = init_weights(rng, n_hidden, 1, 'V')
    c = zeros(1, 'c')
    p_y = T.nnet.sigmoid(T.dot(gru.output, V) + c).flatten()
    cost = T.nnet.binary_crossentropy(p_y, y).mean()
    errors = T.mean(T.neq(p_y > 0.5, y))
    params = gru.params + [V, c]
    gparams = T.grad(cost, params)
    updates = [(p, p - learning_rate * g) for p, g in zip(params, gparams)]

    train_model = theano.function(
        [index], cost, updates=updates,
        givens={x: train_set_x[:, index * batch_size:(index + 1) * batch_size],
                y: train_set_y[index * batch_size:(index + 1) * batch_size]})
    test_model = theano.function([x, y], errors)

    for epoch in range(n_epochs):
        costs = [train_model(i) for i in range(n_train_batches)]
        print('epoch %d, cost %.4f, test error %.2f %%' % (epoch + 1, numpy.mean(costs), 100 * test_model(test_x, test_y)))


if __name__ == '__main__':
    test_gru()
