"""theano.tensor.shared_randomstreams: RandomStreams, random variables backed by shared
numpy.random.RandomState objects (see raw_random for how a RandomState travels through the engine).

Each random variable gets its own shared RandomState (seeded from the streams' seed generator) whose
default update is the op's new state, so each call of a function that uses the variable draws new
numbers, and `rv.rng.get_value()` is a RandomState positioned after the last draw.
"""
import numpy as np

from theano import _engine as E
from theano.compile.sharedvalue import SharedVariable, shared, shared_constructor
from theano.tensor import raw_random


class RandomStateSharedVariable(SharedVariable):
    """A shared numpy.random.RandomState (Theano's RandomStateSharedVariable). get_value returns a
    RandomState with the stored state (a new object: change it, then store it back with set_value)."""

    def __init__(self, name, type, value, strict, allow_downcast=None, container=None):
        if not isinstance(value, np.random.RandomState):
            raise TypeError("RandomStateSharedVariable needs a numpy.random.RandomState, got %r" % (value,))
        jt = raw_random.random_state_type._t
        with E.errors():
            jv = E.JSharedVariable(jt, E.marshal.to_ndarray(raw_random.pack_state(value)), name, bool(strict),
                                   allow_downcast, True)
        E.adopt(self, jv)

    @property
    def type(self):
        return raw_random.random_state_type

    def get_value(self, borrow=False, return_internal_type=False):
        with E.errors():
            vec = E.to_numpy(self._v.getValue(True))
        if return_internal_type:
            return vec
        return raw_random.unpack_state(vec)

    def set_value(self, new_value, borrow=False):
        if not isinstance(new_value, np.random.RandomState):
            raise TypeError("%s: set_value needs a numpy.random.RandomState, got %r" % (self, new_value))
        with E.errors():
            self._v.setValue(E.marshal.to_ndarray(raw_random.pack_state(new_value)), True)

    def zero(self, borrow=False):
        raise TypeError("a random state cannot be zeroed")

    def __str__(self):
        return self.name if self.name is not None else "<RandomStateType>"

    __repr__ = __str__


@shared_constructor
def randomstate_constructor(value, name=None, strict=False, allow_downcast=None, borrow=False):
    """SharedVariable constructor for numpy.random.RandomState values."""
    if not isinstance(value, np.random.RandomState):
        raise TypeError
    return RandomStateSharedVariable(type=raw_random.random_state_type, value=value, name=name, strict=strict,
                                     allow_downcast=allow_downcast)


class RandomStreams(raw_random.RandomStreamsBase):
    """Symbolic random streams over numpy.random.RandomState: rs = RandomStreams(seed);
    rv = rs.uniform((2, 2)); theano.function([], rv) draws new numbers on each call."""

    def updates(self):
        return list(self.state_updates)

    def __init__(self, seed=None):
        super(RandomStreams, self).__init__()
        self.state_updates = []  # (shared RandomState, its new state) per random variable
        self.default_instance_seed = seed
        self.gen_seedgen = np.random.RandomState(seed)

    def seed(self, seed=None):
        """Re-seeds every random variable made so far, each from seedgen.randint(2 ** 30) in turn."""
        if seed is None:
            seed = self.default_instance_seed
        seedgen = np.random.RandomState(seed)
        for old_r, new_r in self.state_updates:
            old_r_seed = seedgen.randint(2 ** 30)
            old_r.set_value(np.random.RandomState(int(old_r_seed)), borrow=True)

    def __getitem__(self, item):
        """The RandomState of a random variable's shared state."""
        for old_r, new_r in self.state_updates:
            if item is old_r:
                return old_r.get_value(borrow=True)
        raise KeyError(item)

    def __setitem__(self, item, val):
        if type(val) is not np.random.RandomState:
            raise TypeError("only values of type RandomState are permitted", val)
        for old_r, new_r in self.state_updates:
            if item is old_r:
                old_r.set_value(val, borrow=True)
                return
        raise KeyError(item)

    def gen(self, op, *args, **kwargs):
        """A random variable from op(random_state, *args, **kwargs) with its own shared RandomState."""
        seed = int(self.gen_seedgen.randint(2 ** 30))
        random_state_variable = shared(np.random.RandomState(seed))
        random_state_variable.tag.is_rng = True
        new_r, out = op(random_state_variable, *args, **kwargs)
        out.rng = random_state_variable
        out.update = (random_state_variable, new_r)
        self.state_updates.append(out.update)
        random_state_variable.default_update = new_r
        return out
