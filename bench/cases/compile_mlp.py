"""Compile time of a 4-layer MLP training function: graph build + theano.function + first call, in a
fresh process (the first compile a user waits for), then once more in the same process (warm)."""
import time

import numpy
import theano
import theano.tensor as T

from _timing import report

rng = numpy.random.RandomState(2)


def build_and_run(sizes):
    t0 = time.perf_counter()
    params = []
    x = T.fmatrix("x")
    y = T.ivector("y")
    h = x
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        W = theano.shared(numpy.asarray(rng.uniform(-0.05, 0.05, (n_in, n_out)), dtype="float32"), name="W%d" % i)
        b = theano.shared(numpy.zeros(n_out, dtype="float32"), name="b%d" % i)
        params += [W, b]
        a = T.dot(h, W) + b
        h = T.tanh(a) if i < len(sizes) - 2 else T.nnet.softmax(a)
    cost = T.mean(T.nnet.categorical_crossentropy(h, y))
    grads = T.grad(cost, params)
    lr = numpy.float32(0.01)
    f = theano.function([x, y], cost, updates=[(p, p - lr * g) for p, g in zip(params, grads)])
    xv = numpy.asarray(rng.uniform(0, 1, (64, sizes[0])), dtype="float32")
    yv = numpy.asarray(rng.randint(0, sizes[-1], 64), dtype="int32")
    f(xv, yv)
    return time.perf_counter() - t0


cold = build_and_run([784, 256, 256, 256, 10])
warm = build_and_run([784, 300, 200, 100, 10])
report(case="compile_mlp", cold_s=cold, warm_s=warm)
