"""One SGD step of a LeNet-sized convolutional layer: 64 images 1x28x28, 20 filters 5x5 (valid),
2x2 max pooling, tanh, a linear read-out and squared error, float64 (Theano's default floatX).
GFLOP/s counts the convolution's multiply-adds forward and for the weight gradient (x is an input:
no input gradient is computed, as in a network's first layer)."""
import numpy
import theano
import theano.tensor as T

from _timing import per_call_seconds, report, warm_up

try:
    from theano.tensor.signal import pool
    conv2d = T.nnet.conv2d

    def max_pool_2x2(v):
        return pool.pool_2d(v, (2, 2), ignore_border=True)
except (ImportError, AttributeError):
    # PyTensor 3 dropped conv2d and pool_2d. The same layer from what it has: its scipy-style
    # convolve2d (a true convolution, as conv2d's default filter_flip=True), batched by Blockwise over
    # images x filters x channels and summed over channels, and max pooling as a reshape + max.
    from pytensor.tensor.signal import convolve2d

    def conv2d(x, W, input_shape, filter_shape):
        return convolve2d(x[:, None], W[None], mode="valid").sum(axis=2)

    def max_pool_2x2(v):
        return v.reshape((v.shape[0], v.shape[1], v.shape[2] // 2, 2, v.shape[3] // 2, 2)).max(axis=(3, 5))

B, C, S, F, K = 64, 1, 28, 20, 5
rng = numpy.random.RandomState(4)
W = theano.shared(rng.uniform(-0.1, 0.1, (F, C, K, K)))
b = theano.shared(numpy.zeros(F))
V = theano.shared(rng.uniform(-0.01, 0.01, (F * 12 * 12,)))
x = T.tensor4("x")
t = T.vector("t")
conv = conv2d(x, W, input_shape=(B, C, S, S), filter_shape=(F, C, K, K))
out = T.tanh(max_pool_2x2(conv) + b.dimshuffle("x", 0, "x", "x"))
y = T.dot(out.flatten(2), V)
cost = T.mean((y - t) ** 2)
params = [W, b, V]
grads = T.grad(cost, params)
train = theano.function([x, t], cost, updates=[(p, p - 0.01 * g) for p, g in zip(params, grads)])
xv = rng.uniform(0, 1, (B, C, S, S))
tv = rng.uniform(-1, 1, B)
first_cost = float(train(xv, tv))
run = lambda: train(xv, tv)  # one function object for warm-up and timing: the code the JIT compiled is what is timed
warm_up(run)
s = per_call_seconds(run, calls=3, repeats=9)
out_size = S - K + 1
flops = 2.0 * B * F * C * out_size * out_size * K * K * 2  # forward, grad W
report(case="conv_layer", ms_per_step=s * 1e3, gflop_per_s=flops / s / 1e9, first_cost=first_cost)
