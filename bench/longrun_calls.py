"""Long runs inside one process (bench/longrun.sh): many calls of a small function, then many MLP steps,
printing the resident set size (VmRSS) once warm and at the end, as JSON lines. Memory that grows with
the number of calls (a leak per call: marshalled arrays, executor buffers, polyglot handles) shows up as
growth between the two readings; the JIT and the heap settle during the first tenth, not counted."""
import json
import sys
import time

import numpy
import theano
import theano.tensor as T


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS in /proc/self/status")


def measure(case, run, calls):
    """Runs `run` calls times, reading the RSS after every tenth of the calls: once warm (the first
    tenth), at half way and at the end, with the calls per second. A leak per call grows the RSS by the
    same amount in every tenth; the JIT's code and the heap settling grow it early and then stop, which
    the second half shows apart."""
    tenth = max(1, calls // 10)
    rss_tenths = []
    start = None
    for i in range(10):
        if i == 1:
            start = time.perf_counter()
        for _ in range(tenth if i < 9 else calls - 9 * tenth):
            run()
        rss_tenths.append(round(rss_mb(), 1))
    seconds = time.perf_counter() - start
    rss_warm, rss_half, rss_end = rss_tenths[0], rss_tenths[4], rss_tenths[9]
    print(json.dumps(dict(case=case, calls=calls, rss_warm_mb=rss_warm, rss_half_mb=rss_half, rss_end_mb=rss_end,
                          growth_mb=round(rss_end - rss_warm, 1), second_half_growth_mb=round(rss_end - rss_half, 1),
                          calls_second_half=calls - 5 * tenth, rss_tenths_mb=rss_tenths,
                          calls_counted=calls - tenth, seconds_counted=round(seconds, 1))), flush=True)


def small_function(calls):
    x = T.dvector("x")
    f = theano.function([x], 2 * x + 1)
    xv = numpy.arange(10.0)
    expected = 2 * xv + 1
    assert (f(xv) == expected).all()
    measure("small_function", lambda: f(xv), calls)
    assert (f(xv) == expected).all()


def mlp_step(steps):
    rng = numpy.random.RandomState(1)
    B, D, H, C = 256, 784, 500, 10

    def param(*shape):
        return theano.shared(numpy.asarray(rng.uniform(-0.05, 0.05, shape), dtype="float32"))

    W1, b1, W2, b2 = param(D, H), param(H), param(H, C), param(C)
    x, y = T.fmatrix("x"), T.ivector("y")
    p = T.nnet.softmax(T.dot(T.tanh(T.dot(x, W1) + b1), W2) + b2)
    cost = T.mean(T.nnet.categorical_crossentropy(p, y))
    params = [W1, b1, W2, b2]
    lr = numpy.float32(0.01)
    step = theano.function([x, y], cost, updates=[(v, v - lr * g) for v, g in zip(params, T.grad(cost, params))])
    xv = numpy.asarray(rng.uniform(0, 1, (B, D)), dtype="float32")
    yv = numpy.asarray(rng.randint(0, C, B), dtype="int32")
    first = float(step(xv, yv))
    measure("mlp_step", lambda: step(xv, yv), steps)
    last = float(step(xv, yv))
    assert last < first, (first, last)  # it kept learning the same minibatch


if __name__ == "__main__":
    small_function(int(sys.argv[1]))
    mlp_step(int(sys.argv[2]))
