"""Call overhead of a tiny compiled function: x + 1 on a float64 scalar, called with a Python float."""
import theano
import theano.tensor as T

from _timing import per_call_seconds, report, warm_up

x = T.dscalar("x")
f = theano.function([x], x + 1)
assert float(f(1.0)) == 2.0
run = lambda: f(1.0)  # one function object for warm-up and timing: the code the JIT compiled is what is timed
warm_up(run)
s = per_call_seconds(run, calls=2000, repeats=9)
report(case="call_overhead", us_per_call=s * 1e6)
