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
    """Runs `run` calls times; RSS after the first tenth (warm) and after all, with the calls per second."""
    warm = max(1, calls // 10)
    for _ in range(warm):
        run()
    rss_warm = rss_mb()
    start = time.perf_counter()
    for _ in range(calls - warm):
        run()
    seconds = time.perf_counter() - start
    rss_end = rss_mb()
    print(json.dumps(dict(case=case, calls=calls, rss_warm_mb=round(rss_warm, 1), rss_end_mb=round(rss_end, 1),
                          growth_mb=round(rss_end - rss_warm, 1), calls_counted=calls - warm,
                          seconds_counted=round(seconds, 1))), flush=True)


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
