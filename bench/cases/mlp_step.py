"""One SGD step of a 784-500-10 tanh MLP with softmax cross-entropy, float32, minibatch of 256."""
import numpy
import theano
import theano.tensor as T

from _timing import per_call_seconds, report, timed_batch, warm_up

B, D, H, C = 256, 784, 500, 10
rng = numpy.random.RandomState(1)


def param(*shape):
    return theano.shared(numpy.asarray(rng.uniform(-0.05, 0.05, shape), dtype="float32"))


W1, b1, W2, b2 = param(D, H), param(H), param(H, C), param(C)
x = T.fmatrix("x")
y = T.ivector("y")
h = T.tanh(T.dot(x, W1) + b1)
p = T.nnet.softmax(T.dot(h, W2) + b2)
cost = T.mean(T.nnet.categorical_crossentropy(p, y))
params = [W1, b1, W2, b2]
grads = T.grad(cost, params)
lr = numpy.float32(0.01)
step = theano.function([x, y], cost, updates=[(v, v - lr * g) for v, g in zip(params, grads)])
xv = numpy.asarray(rng.uniform(0, 1, (B, D)), dtype="float32")
yv = numpy.asarray(rng.randint(0, C, B), dtype="int32")
c0 = float(step(xv, yv))
assert abs(c0 - numpy.log(C)) < 0.2, c0
run = lambda: step(xv, yv)  # one function object for warm-up and timing: the code the JIT compiled is what is timed
# What a short training run sees: the first 100 steps right after compiling, JIT warm-up included.
first_100_s = timed_batch(run, 100) / 100
warm_up(run)
s = per_call_seconds(run, calls=5, repeats=9)
# multiply-adds of the matrix products: forward x.W1, h.W2; backward gW2, gh, gW1 (no gradient for x)
flops = 2.0 * B * (D * H * 2 + H * C * 3)
report(case="mlp_step", ms_per_step=s * 1e3, first_100_ms_per_step=first_100_s * 1e3, gflop_per_s=flops / s / 1e9, cost_after=float(step(xv, yv)))
