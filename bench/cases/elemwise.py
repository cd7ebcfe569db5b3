"""A fused elementwise expression on 1e6 float64 values: exp(x*2+1)*sigmoid(y) - tanh(x*y)."""
import numpy
import theano
import theano.tensor as T

from _timing import per_call_seconds, report, warm_up

N = 1000000
x = T.dvector("x")
y = T.dvector("y")
f = theano.function([x, y], T.exp(x * 2 + 1) * T.nnet.sigmoid(y) - T.tanh(x * y))
rng = numpy.random.RandomState(0)
xv = rng.uniform(-1, 1, N)
yv = rng.uniform(-1, 1, N)
expected = numpy.exp(xv * 2 + 1) / (1 + numpy.exp(-yv)) - numpy.tanh(xv * yv)
assert numpy.allclose(f(xv, yv), expected)
run = lambda: f(xv, yv)  # one function object for warm-up and timing: the code the JIT compiled is what is timed
warm_up(run)
s = per_call_seconds(run, calls=5, repeats=9)
# bytes the expression must move at least: read x and y, write the result
report(case="elemwise", ms_per_call=s * 1e3, gb_per_s=3 * 8 * N / s / 1e9)
