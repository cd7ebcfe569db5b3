"""theano.tensor.shared_randomstreams.RandomStreams over PyTensor's RandomStream (benchmark only): the
draws the benchmark scripts make, with Theano's argument order and dtype argument. PyTensor's stream
gives each generator a default update, so theano.function advances it as Theano did."""
import pytensor.tensor as pt
from pytensor.tensor.random.utils import RandomStream


class RandomStreams(object):
    def __init__(self, seed=None):
        self._stream = RandomStream(seed)

    def binomial(self, size=None, n=1, p=0.5, ndim=None, dtype="int64"):
        return pt.cast(self._stream.binomial(n, p, size=size), dtype)

    def uniform(self, size=None, low=0.0, high=1.0, ndim=None, dtype=None):
        draw = self._stream.uniform(low, high, size=size)
        return draw if dtype is None else pt.cast(draw, dtype)

    def normal(self, size=None, avg=0.0, std=1.0, ndim=None, dtype=None):
        draw = self._stream.normal(avg, std, size=size)
        return draw if dtype is None else pt.cast(draw, dtype)
