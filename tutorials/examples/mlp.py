"""A multilayer perceptron (one tanh hidden layer + logistic regression) trained by minibatch SGD
with L1 and L2 regularisation, in the style of the deeplearning.net tutorial (mlp.py): the gradient
of the cost with respect to every parameter from one T.grad call, the updates built in a list
comprehension, minibatches through `givens`. Synthetic data: three concentric rings in the plane,
which no linear classifier separates."""
from __future__ import print_function

import numpy

import theano
import theano.tensor as T

from logistic_regression import LogisticRegression


class HiddenLayer(object):
    def __init__(self, rng, input, n_in, n_out, W=None, b=None, activation=T.tanh):
        """A fully connected layer: activation(dot(input, W) + b), W drawn uniformly in
        +-sqrt(6 / (n_in + n_out)) (4 times that for the sigmoid), as in Glorot & Bengio (2010)."""
        self.input = input
        if W is None:
            W_values = numpy.asarray(
                rng.uniform(low=-numpy.sqrt(6. / (n_in + n_out)), high=numpy.sqrt(6. / (n_in + n_out)),
                            size=(n_in, n_out)),
                dtype=theano.config.floatX)
            if activation == theano.tensor.nnet.sigmoid:
                W_values *= 4
            W = theano.shared(value=W_values, name='W', borrow=True)
        if b is None:
            b = theano.shared(value=numpy.zeros((n_out,), dtype=theano.config.floatX), name='b', borrow=True)
        self.W = W
        self.b = b
        lin_output = T.dot(input, self.W) + self.b
        self.output = lin_output if activation is None else activation(lin_output)
        self.params = [self.W, self.b]


class MLP(object):
    def __init__(self, rng, input, n_in, n_hidden, n_out):
        self.hiddenLayer = HiddenLayer(rng=rng, input=input, n_in=n_in, n_out=n_hidden, activation=T.tanh)
        self.logRegressionLayer = LogisticRegression(input=self.hiddenLayer.output, n_in=n_hidden, n_out=n_out)
        self.L1 = abs(self.hiddenLayer.W).sum() + abs(self.logRegressionLayer.W).sum()
        self.L2_sqr = (self.hiddenLayer.W ** 2).sum() + (self.logRegressionLayer.W ** 2).sum()
        self.negative_log_likelihood = self.logRegressionLayer.negative_log_likelihood
        self.errors = self.logRegressionLayer.errors
        self.params = self.hiddenLayer.params + self.logRegressionLayer.params
        self.input = input


def make_rings(rng, n_samples):
    labels = rng.randint(0, 3, size=n_samples)
    radius = 0.5 + labels + 0.25 * rng.randn(n_samples)
    angle = rng.uniform(0, 2 * numpy.pi, size=n_samples)
    return numpy.stack([radius * numpy.cos(angle), radius * numpy.sin(angle)], axis=1), labels


def shared_dataset(data_xy, borrow=True):
    data_x, data_y = data_xy
    shared_x = theano.shared(numpy.asarray(data_x, dtype=theano.config.floatX), borrow=borrow)
    shared_y = theano.shared(numpy.asarray(data_y, dtype=theano.config.floatX), borrow=borrow)
    return shared_x, T.cast(shared_y, 'int32')


def test_mlp(learning_rate=0.3, L1_reg=0.00, L2_reg=0.0001, n_epochs=20, batch_size=20, n_hidden=32):
    rng = numpy.random.RandomState(1234)
    train_set_x, train_set_y = shared_dataset(make_rings(rng, 600))
    valid_set_x, valid_set_y = shared_dataset(make_rings(rng, 200))
    n_train_batches = train_set_x.get_value(borrow=True).shape[0] // batch_size
    n_valid_batches = valid_set_x.get_value(borrow=True).shape[0] // batch_size

    print('... building the model')
    index = T.lscalar()
    x = T.matrix('x')
    y = T.ivector('y')
    classifier = MLP(rng=rng, input=x, n_in=2, n_hidden=n_hidden, n_out=3)
    cost = classifier.negative_log_likelihood(y) + L1_reg * classifier.L1 + L2_reg * classifier.L2_sqr

    validate_model = theano.function(
        inputs=[index],
        outputs=classifier.errors(y),
        givens={
            x: valid_set_x[index * batch_size:(index + 1) * batch_size],
            y: valid_set_y[index * batch_size:(index + 1) * batch_size]
        }
    )
    gparams = [T.grad(cost, param) for param in classifier.params]
    updates = [(param, param - learning_rate * gparam) for param, gparam in zip(classifier.params, gparams)]
    train_model = theano.function(
        inputs=[index],
        outputs=cost,
        updates=updates,
        givens={
            x: train_set_x[index * batch_size: (index + 1) * batch_size],
            y: train_set_y[index * batch_size: (index + 1) * batch_size]
        }
    )

    print('... training')
    for epoch in range(1, n_epochs + 1):
        costs = [train_model(minibatch_index) for minibatch_index in range(n_train_batches)]
        validation_losses = [validate_model(i) for i in range(n_valid_batches)]
        print('epoch %i, mean minibatch cost %.4f, validation error %.2f %%'
              % (epoch, numpy.mean(costs), numpy.mean(validation_losses) * 100.))


if __name__ == '__main__':
    test_mlp()
