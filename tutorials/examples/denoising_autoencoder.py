"""A denoising autoencoder in the style of the deeplearning.net tutorial (dA.py): the input is
corrupted by zeroing a fraction of its pixels with a binomial mask drawn from MRG_RandomStreams,
encoded with tied weights and decoded, and trained to reconstruct the clean input under the
cross-entropy loss. Synthetic data: 8x8 binary images of random horizontal and vertical bars."""
from __future__ import print_function

import numpy

import theano
import theano.tensor as T
from theano.sandbox.rng_mrg import MRG_RandomStreams


class dA(object):
    def __init__(self, numpy_rng, theano_rng, input, n_visible, n_hidden):
        self.n_visible = n_visible
        self.n_hidden = n_hidden
        self.theano_rng = theano_rng
        bound = 4 * numpy.sqrt(6. / (n_hidden + n_visible))
        initial_W = numpy.asarray(numpy_rng.uniform(low=-bound, high=bound, size=(n_visible, n_hidden)),
                                  dtype=theano.config.floatX)
        self.W = theano.shared(value=initial_W, name='W', borrow=True)
        self.b = theano.shared(value=numpy.zeros(n_hidden, dtype=theano.config.floatX), name='b', borrow=True)
        self.b_prime = theano.shared(value=numpy.zeros(n_visible, dtype=theano.config.floatX), name='b_prime',
                                     borrow=True)
        self.W_prime = self.W.T  # tied weights
        self.x = input
        self.params = [self.W, self.b, self.b_prime]

    def get_corrupted_input(self, input, corruption_level):
        """Keeps each pixel with probability 1 - corruption_level, zeroes it otherwise."""
        return self.theano_rng.binomial(size=input.shape, n=1, p=1 - corruption_level,
                                        dtype=theano.config.floatX) * input

    def get_hidden_values(self, input):
        return T.nnet.sigmoid(T.dot(input, self.W) + self.b)

    def get_reconstructed_input(self, hidden):
        return T.nnet.sigmoid(T.dot(hidden, self.W_prime) + self.b_prime)

    def get_cost_updates(self, corruption_level, learning_rate):
        tilde_x = self.get_corrupted_input(self.x, corruption_level)
        y = self.get_hidden_values(tilde_x)
        z = self.get_reconstructed_input(y)
        L = -T.sum(self.x * T.log(z) + (1 - self.x) * T.log(1 - z), axis=1)
        cost = T.mean(L)
        gparams = T.grad(cost, self.params)
        updates = [(param, param - learning_rate * gparam) for param, gparam in zip(self.params, gparams)]
        return cost, updates


def make_bars(rng, n_samples, side=8):
    """Each image: every row and every column is drawn as a bar with probability 1/side."""
    rows = rng.binomial(1, 1. / side, size=(n_samples, side, 1))
    cols = rng.binomial(1, 1. / side, size=(n_samples, 1, side))
    return numpy.maximum(rows, cols).reshape(n_samples, side * side)


def test_dA(learning_rate=0.1, training_epochs=15, batch_size=20, corruption_level=0.3, n_hidden=32):
    rng = numpy.random.RandomState(123)
    data = make_bars(rng, 400)
    train_set_x = theano.shared(numpy.asarray(data, dtype=theano.config.floatX), borrow=True)
    n_train_batches = train_set_x.get_value(borrow=True).shape[0] // batch_size

    index = T.lscalar()
    x = T.matrix('x')
    theano_rng = MRG_RandomStreams(rng.randint(2 ** 30))
    da = dA(numpy_rng=rng, theano_rng=theano_rng, input=x, n_visible=64, n_hidden=n_hidden)
    cost, updates = da.get_cost_updates(corruption_level=corruption_level, learning_rate=learning_rate)
    train_da = theano.function(
        [index], cost, updates=updates,
        givens={x: train_set_x[index * batch_size: (index + 1) * batch_size]})

    for epoch in range(training_epochs):
        c = [train_da(batch_index) for batch_index in range(n_train_batches)]
        print('Training epoch %d, cost %.4f' % (epoch + 1, numpy.mean(c)))


if __name__ == '__main__':
    test_dA()
