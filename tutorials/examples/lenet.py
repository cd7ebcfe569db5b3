"""A small LeNet: two convolution + max-pooling layers (T.nnet.conv2d, pool.pool_2d), a tanh hidden
layer and logistic regression, trained by minibatch SGD, in the style of the deeplearning.net tutorial
(convolutional_mlp.py). Synthetic data instead of MNIST: 12x12 noisy images of a horizontal bar, a
vertical bar, a diagonal or a square outline, at random positions."""
from __future__ import print_function

import numpy

import theano
import theano.tensor as T
from theano.tensor.nnet import conv2d
from theano.tensor.signal import pool

from logistic_regression import LogisticRegression
from mlp import HiddenLayer


class LeNetConvPoolLayer(object):
    """Pool Layer of a convolutional network."""

    def __init__(self, rng, input, filter_shape, image_shape, poolsize=(2, 2)):
        """filter_shape: (number of filters, num input feature maps, filter height, filter width);
        image_shape: (batch size, num input feature maps, image height, image width)."""
        assert image_shape[1] == filter_shape[1]
        self.input = input
        # each hidden unit sees "num input feature maps * filter height * filter width" inputs
        fan_in = numpy.prod(filter_shape[1:])
        # each lower unit receives gradients from "num output feature maps * filter height * filter
        # width" / pooling size units
        fan_out = (filter_shape[0] * numpy.prod(filter_shape[2:]) // numpy.prod(poolsize))
        W_bound = numpy.sqrt(6. / (fan_in + fan_out))
        self.W = theano.shared(
            numpy.asarray(rng.uniform(low=-W_bound, high=W_bound, size=filter_shape), dtype=theano.config.floatX),
            borrow=True)
        b_values = numpy.zeros((filter_shape[0],), dtype=theano.config.floatX)
        self.b = theano.shared(value=b_values, borrow=True)
        conv_out = conv2d(input=input, filters=self.W, filter_shape=filter_shape, input_shape=image_shape)
        pooled_out = pool.pool_2d(input=conv_out, ws=poolsize, ignore_border=True)
        # the bias is a 1D tensor: dimshuffle it to (1, n_filters, 1, 1) to broadcast over the maps
        self.output = T.tanh(pooled_out + self.b.dimshuffle('x', 0, 'x', 'x'))
        self.params = [self.W, self.b]
        self.input = input


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
            images[i, 0, numpy.arange(r, r + 5), numpy.arange(c, c + 5)] += 1.0
        else:
            images[i, 0, r, c:c + 4] += 1.0
            images[i, 0, r + 3, c:c + 4] += 1.0
            images[i, 0, r:r + 4, c] += 1.0
            images[i, 0, r:r + 4, c + 3] += 1.0
    return images.reshape(n_samples, size * size), labels


def shared_dataset(data_xy, borrow=True):
    data_x, data_y = data_xy
    shared_x = theano.shared(numpy.asarray(data_x, dtype=theano.config.floatX), borrow=borrow)
    shared_y = theano.shared(numpy.asarray(data_y, dtype=theano.config.floatX), borrow=borrow)
    return shared_x, T.cast(shared_y, 'int32')


def evaluate_lenet5(learning_rate=0.1, n_epochs=8, nkerns=(6, 8), batch_size=20):
    rng = numpy.random.RandomState(23455)
    train_set_x, train_set_y = shared_dataset(make_images(rng, 400))
    valid_set_x, valid_set_y = shared_dataset(make_images(rng, 100))
    n_train_batches = train_set_x.get_value(borrow=True).shape[0] // batch_size
    n_valid_batches = valid_set_x.get_value(borrow=True).shape[0] // batch_size

    index = T.lscalar()
    x = T.matrix('x')
    y = T.ivector('y')

    print('... building the model')
    # (batch_size, 12 * 12) -> (batch_size, 1, 12, 12)
    layer0_input = x.reshape((batch_size, 1, 12, 12))
    # convolution: (12 - 3 + 1, 12 - 3 + 1) = (10, 10); pooling: (5, 5)
    layer0 = LeNetConvPoolLayer(rng, input=layer0_input, image_shape=(batch_size, 1, 12, 12),
                                filter_shape=(nkerns[0], 1, 3, 3), poolsize=(2, 2))
    # convolution: (5 - 2 + 1, 5 - 2 + 1) = (4, 4); pooling: (2, 2)
    layer1 = LeNetConvPoolLayer(rng, input=layer0.output, image_shape=(batch_size, nkerns[0], 5, 5),
                                filter_shape=(nkerns[1], nkerns[0], 2, 2), poolsize=(2, 2))
    # (batch_size, nkerns[1], 2, 2) -> (batch_size, nkerns[1] * 2 * 2)
    layer2_input = layer1.output.flatten(2)
    layer2 = HiddenLayer(rng, input=layer2_input, n_in=nkerns[1] * 2 * 2, n_out=20, activation=T.tanh)
    layer3 = LogisticRegression(input=layer2.output, n_in=20, n_out=4)
    cost = layer3.negative_log_likelihood(y)

    validate_model = theano.function(
        [index],
        layer3.errors(y),
        givens={
            x: valid_set_x[index * batch_size: (index + 1) * batch_size],
            y: valid_set_y[index * batch_size: (index + 1) * batch_size]
        }
    )
    params = layer3.params + layer2.params + layer1.params + layer0.params
    grads = T.grad(cost, params)
    updates = [(param_i, param_i - learning_rate * grad_i) for param_i, grad_i in zip(params, grads)]
    train_model = theano.function(
        [index],
        cost,
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
    evaluate_lenet5()
