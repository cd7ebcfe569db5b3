"""One SGD step of a tanh RNN through theano.scan: 50 time steps, 32 sequences of 64 features,
128 hidden units, squared error of a linear read-out at every step, float32, backpropagation through
time. The time is dominated by scan's per-step work (two small matrix products and a tanh per step,
forward and backward), i.e. by how cheaply the executor runs an inner graph many times."""
import numpy
import theano
import theano.tensor as T

from _timing import per_call_seconds, report, warm_up

STEPS, B, D, H = 50, 32, 64, 128
rng = numpy.random.RandomState(3)


def param(*shape):
    return theano.shared(numpy.asarray(rng.uniform(-0.1, 0.1, shape), dtype="float32"))


W_in, W_rec, b, W_out = param(D, H), param(H, H), param(H), param(H, 1)
x = T.ftensor3("x")  # time x batch x features
t = T.fmatrix("t")  # time x batch


def step(x_t, h_tm1, W_in, W_rec, b):
    return T.tanh(T.dot(x_t, W_in) + T.dot(h_tm1, W_rec) + b)


h0 = T.zeros((x.shape[1], H), dtype="float32")
h, _ = theano.scan(step, sequences=x, outputs_info=h0, non_sequences=[W_in, W_rec, b])
y = T.dot(h, W_out)[:, :, 0]
cost = T.mean((y - t) ** 2)
params = [W_in, W_rec, b, W_out]
grads = T.grad(cost, params)
lr = numpy.float32(0.01)
train = theano.function([x, t], cost, updates=[(p, p - lr * g) for p, g in zip(params, grads)])
xv = numpy.asarray(rng.uniform(-1, 1, (STEPS, B, D)), dtype="float32")
tv = numpy.asarray(rng.uniform(-1, 1, (STEPS, B)), dtype="float32")
train(xv, tv)
run = lambda: train(xv, tv)  # one function object for warm-up and timing: the code the JIT compiled is what is timed
warm_up(run)
s = per_call_seconds(run, calls=3, repeats=9)
report(case="scan_rnn", ms_per_step=s * 1e3, us_per_time_step=s / STEPS * 1e6)
