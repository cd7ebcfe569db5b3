"""Logistic regression trained by minibatch stochastic gradient descent, in the style of the
deeplearning.net tutorial (logistic_sgd.py): the datasets live in shared variables, a symbolic
minibatch index selects each minibatch through `givens`, and the updates are written by hand from
T.grad. Synthetic data instead of MNIST: 4 classes of 8-feature points around fixed centres."""
from __future__ import print_function

import numpy

import theano
import theano.tensor as T


class LogisticRegression(object):
    """Multi-class logistic regression: P(Y = i | x) = softmax(x W + b)_i."""

    def __init__(self, input, n_in, n_out):
        self.W = theano.shared(value=numpy.zeros((n_in, n_out), dtype=theano.config.floatX), name='W', borrow=True)
        self.b = theano.shared(value=numpy.zeros((n_out,), dtype=theano.config.floatX), name='b', borrow=True)
        self.p_y_given_x = T.nnet.softmax(T.dot(input, self.W) + self.b)
        self.y_pred = T.argmax(self.p_y_given_x, axis=1)
        self.params = [self.W, self.b]
        self.input = input

    def negative_log_likelihood(self, y):
        """Mean negative log-probability of the correct labels over the minibatch."""
        return -T.mean(T.log(self.p_y_given_x)[T.arange(y.shape[0]), y])

    def errors(self, y):
        """Fraction of the minibatch that is misclassified."""
        if y.ndim != self.y_pred.ndim:
            raise TypeError('y should have the same shape as self.y_pred', ('y', y.type, 'y_pred', self.y_pred.type))
        if y.dtype.startswith('int'):
            return T.mean(T.neq(self.y_pred, y))
        else:
            raise NotImplementedError()


def make_data(rng, n_samples, n_in=8, n_out=4):
    centres = numpy.array([[1.0, 0.5, 0.0, -0.5, 0.0, 1.0, -1.0, 0.0],
                           [-1.0, 0.0, 1.0, 0.5, -0.5, 0.0, 0.0, 1.0],
                           [0.0, -1.0, -0.5, 0.0, 1.0, -1.0, 0.5, 0.0],
                           [0.5, 0.0, -1.0, -1.0, 0.0, 0.0, 1.0, -0.5]])
    labels = rng.randint(0, n_out, size=n_samples)
    return centres[labels] + 0.9 * rng.randn(n_samples, n_in), labels


def shared_dataset(data_xy, borrow=True):
    """Keeps a dataset in shared variables; the labels are stored as floatX and cast to int32, as the
    tutorial does (GPU storage was float only)."""
    data_x, data_y = data_xy
    shared_x = theano.shared(numpy.asarray(data_x, dtype=theano.config.floatX), borrow=borrow)
    shared_y = theano.shared(numpy.asarray(data_y, dtype=theano.config.floatX), borrow=borrow)
    return shared_x, T.cast(shared_y, 'int32')


def sgd_optimization(learning_rate=0.13, n_epochs=10, batch_size=20):
    rng = numpy.random.RandomState(1234)
    train_set_x, train_set_y = shared_dataset(make_data(rng, 400))
    valid_set_x, valid_set_y = shared_dataset(make_data(rng, 200))
    n_train_batches = train_set_x.get_value(borrow=True).shape[0] // batch_size
    n_valid_batches = valid_set_x.get_value(borrow=True).shape[0] // batch_size

    print('... building the model')
    index = T.lscalar()
    x = T.matrix('x')
    y = T.ivector('y')
    classifier = LogisticRegression(input=x, n_in=8, n_out=4)
    cost = classifier.negative_log_likelihood(y)

    validate_model = theano.function(
        inputs=[index],
        outputs=classifier.errors(y),
        givens={
            x: valid_set_x[index * batch_size: (index + 1) * batch_size],
            y: valid_set_y[index * batch_size: (index + 1) * batch_size]
        }
    )
    g_W = T.grad(cost=cost, wrt=classifier.W)
    g_b = T.grad(cost=cost, wrt=classifier.b)
    updates = [(classifier.W, classifier.W - learning_rate * g_W),
               (classifier.b, classifier.b - learning_rate * g_b)]
    train_model = theano.function(
        inputs=[index],
        outputs=cost,
        updates=updates,
        givens={
            x: train_set_x[index * batch_size: (index + 1) * batch_size],
            y: train_set_y[index * batch_size: (index + 1) * batch_size]
        }
    )

    print('... training the model')
    for epoch in range(1, n_epochs + 1):
        costs = [train_model(minibatch_index) for minibatch_index in range(n_train_batches)]
        validation_losses = [validate_model(i) for i in range(n_valid_batches)]
        print('epoch %i, mean minibatch cost %.4f, validation error %.2f %%'
              % (epoch, numpy.mean(costs), numpy.mean(validation_losses) * 100.))


if __name__ == '__main__':
    sgd_optimization()
