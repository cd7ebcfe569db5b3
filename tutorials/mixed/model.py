"""Robust linear regression in Theano, with its loss computed by an op written in Java.

The model is an ordinary Theano script: shared parameters, a symbolic cost, T.grad, theano.function
with updates. Its loss is HuberLoss (src/main/java/.../HuberLoss.java), a subclass of the engine's Op
used here as a theano.Op through theano.JavaOp: Theano differentiates through it with the Java op's
own gradient. Java code imports this module and calls fit/predict with Java arrays
(MixedPipeline.java); `bin/theano-jvm tutorials/mixed/model.py` trains it from Python alone.
"""
from __future__ import print_function

import os

import numpy

import java
import theano
import theano.tensor as T

HUBER = "org.theanojvm.examples.mixed.HuberLoss"


def _java_op_on_class_path():
    """A JVM started by Java already has the op; under bin/theano-jvm, load the module's compiled classes."""
    try:
        java.type(HUBER)
    except BaseException:  # a missing host class is a foreign exception, not an Exception
        java.add_to_classpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "classes"))


_java_op_on_class_path()


class RobustRegression(object):
    """y ~ x . w + b, fitted by gradient descent on the mean Huber loss of the residuals."""

    def __init__(self, n_in, delta=1.0, learning_rate=0.1):
        self.w = theano.shared(numpy.zeros(n_in), name="w")
        self.b = theano.shared(0.0, name="b")
        self.huber = theano.JavaOp(HUBER, delta)
        x = T.dmatrix("x")
        y = T.dvector("y")
        prediction = T.dot(x, self.w) + self.b
        cost = T.mean(self.huber(prediction - y))
        gw, gb = T.grad(cost, [self.w, self.b])
        self.train = theano.function([x, y], cost,
                                     updates=[(self.w, self.w - learning_rate * gw), (self.b, self.b - learning_rate * gb)])
        self.predict = theano.function([x], prediction)


_model = None


def fit(x, y, epochs, learning_rate=0.1, delta=1.0):
    """Trains a new model on x (n x d) and y (n); returns the cost before each epoch's step, as an array."""
    global _model
    _model = RobustRegression(x.shape[1], delta, learning_rate)
    return numpy.array([_model.train(x, y) for _ in range(int(epochs))])


def predict(x):
    return _model.predict(x)


def parameters():
    """(w, b) of the fitted model."""
    return _model.w.get_value(), _model.b.get_value()


def make_data(rng, n, w, b, outliers):
    """Points on a plane with Gaussian noise, and a few far-off outliers the Huber loss resists."""
    x = rng.randn(n, len(w))
    y = x.dot(w) + b + 0.1 * rng.randn(n)
    y[:outliers] += 20.0
    return x, y


if __name__ == "__main__":
    x, y = make_data(numpy.random.RandomState(0), 200, numpy.array([2.0, -1.0, 0.5]), 0.3, outliers=10)
    costs = fit(x, y, epochs=60, learning_rate=0.5)
    for epoch in range(0, len(costs), 10):
        print("epoch %2d, mean Huber loss %.4f" % (epoch + 1, costs[epoch]))
    w, b = parameters()
    print("w =", numpy.round(w, 3), " b = %.3f" % b, " (true: [2, -1, 0.5], 0.3)")
