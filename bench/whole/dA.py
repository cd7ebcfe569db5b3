"""A denoising autoencoder (784-500, tied weights, sigmoid units, cross-entropy reconstruction cost,
binomial masking noise from RandomStreams) trained by minibatch SGD on (synthetic) MNIST, in the style
and structure of the deeplearning.net tutorial dA.py with its test knobs (one epoch): first without
corruption, then with 30 % corruption, as the tutorial does. The tutorial's filter images (PIL) are
left out: the benchmark times training. A whole-process benchmark case (bench/whole.sh)."""
from __future__ import print_function

import os
import sys
import timeit

import numpy

import theano
import theano.tensor as T
from theano.tensor.shared_randomstreams import RandomStreams

from logistic_sgd import load_data


class dA(object):
    def __init__(self, numpy_rng, theano_rng=None, input=None, n_visible=784, n_hidden=500,
                 W=None, bhid=None, bvis=None):
        self.n_visible = n_visible
        self.n_hidden = n_hidden
        if not theano_rng:
            theano_rng = RandomStreams(numpy_rng.randint(2 ** 30))
        if not W:
            bound = 4 * numpy.sqrt(6. / (n_hidden + n_visible))
            initial_W = numpy.asarray(numpy_rng.uniform(low=-bound, high=bound, size=(n_visible, n_hidden)),
                                      dtype=theano.config.floatX)
            W = theano.shared(value=initial_W, name='W', borrow=True)
        if not bvis:
            bvis = theano.shared(value=numpy.zeros(n_visible, dtype=theano.config.floatX), borrow=True)
        if not bhid:
            bhid = theano.shared(value=numpy.zeros(n_hidden, dtype=theano.config.floatX), name='b', borrow=True)
        self.W = W
        self.b = bhid
        self.b_prime = bvis
        self.W_prime = self.W.T
        self.theano_rng = theano_rng
        self.x = T.dmatrix(name='input') if input is None else input
        self.params = [self.W, self.b, self.b_prime]

    def get_corrupted_input(self, input, corruption_level):
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
        L = - T.sum(self.x * T.log(z) + (1 - self.x) * T.log(1 - z), axis=1)
        cost = T.mean(L)
        gparams = T.grad(cost, self.params)
        updates = [(param, param - learning_rate * gparam) for param, gparam in zip(self.params, gparams)]
        return (cost, updates)


def train(train_set_x, corruption_level, learning_rate, training_epochs, batch_size):
    n_train_batches = train_set_x.get_value(borrow=True).shape[0] // batch_size
    index = T.lscalar()
    x = T.matrix('x')
    rng = numpy.random.RandomState(123)
    theano_rng = RandomStreams(rng.randint(2 ** 30))
    da = dA(numpy_rng=rng, theano_rng=theano_rng, input=x, n_visible=28 * 28, n_hidden=500)
    cost, updates = da.get_cost_updates(corruption_level=corruption_level, learning_rate=learning_rate)
    train_da = theano.function(
        [index], cost, updates=updates,
        givens={x: train_set_x[index * batch_size: (index + 1) * batch_size]})
    start_time = timeit.default_timer()
    for epoch in range(training_epochs):
        c = [train_da(batch_index) for batch_index in range(n_train_batches)]
        print('Training epoch %d, cost ' % epoch, numpy.mean(c, dtype='float64'))
    return timeit.default_timer() - start_time


def test_dA(learning_rate=0.1, training_epochs=1, dataset='mnist.pkl.gz', batch_size=20):
    datasets = load_data(dataset)
    train_set_x, train_set_y = datasets[0]
    for corruption_level, label in ((0., 'no corruption'), (0.3, '30% corruption')):
        seconds = train(train_set_x, corruption_level, learning_rate, training_epochs, batch_size)
        print('The %s code for file ' % label + os.path.split(__file__)[1] + ' ran for %.2fm' % (seconds / 60.),
              file=sys.stderr)


if __name__ == '__main__':
    test_dA()
