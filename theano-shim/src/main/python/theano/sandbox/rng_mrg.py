"""theano.sandbox.rng_mrg: MRG_RandomStreams, Theano's MRG31k3p random streams.

The generator and the sampling op are the engine's (org.theanojvm.engine.random: MRG31k3p, MrgUniform,
MultinomialFromUniform), bit-exact with Theano's C implementation. This module keeps Theano's
Python-side logic: seeding, stream-state matrices (one row per stream, rows 2**72 steps apart, each
new random variable 2**134 steps after the previous one), the number-of-streams guess, and the
distributions built on uniform draws (Box-Muller normal, binomial by thresholding, multinomial).
Each random variable's state matrix is a shared variable whose default update is the advanced state,
so every call of a function draws new numbers.
"""
import warnings

import numpy as np

from theano import _engine as E
from theano.gof.graph import Constant, Variable

_MRG = E.jtype("random.MRG31k3p")
_MrgUniform = E.jtype("random.MrgUniform")
_MultinomialFromUniform = E.jtype("random.MultinomialFromUniform")

M1 = 2147483647
M2 = 2147462579


def _ints(values):
    return E.jlong_array([int(v) for v in values])


def guess_n_streams(size, warn=False):
    """Theano's guess: the number of samples divided by 6 (above 6), at most 60 * 256; 60 * 256 when
    the size is symbolic."""
    if isinstance(size, (tuple, list)) and all(isinstance(i, (int, np.integer)) for i in size):
        r = 1
        for s in size:
            r *= s
        if r > 6:
            r = r // 6
        return min(r, 60 * 256)
    if warn:
        warnings.warn("MRG_RandomStreams Can't determine #streams from size (%s), guessing 60*256" % str(size),
                      stacklevel=3)
    return 60 * 256


def _check_size(size):
    """size as an integer vector variable (a tuple/list of ints and scalar variables, or a vector)."""
    from theano import tensor
    if isinstance(size, Variable):
        if size.ndim == 1:
            return size
        if size.ndim == 0:
            return tensor.stack([size])
        raise ValueError("Theano variable must have 1 dimension to be a valid size.", size)
    if isinstance(size, (np.integer, int)):
        return tensor.constant([size], ndim=1)
    if not isinstance(size, (tuple, list)):
        raise ValueError("Size must be a int, tuple, list or Theano variable.", size)
    for i in size:
        if isinstance(i, Variable):
            if i.ndim != 0:
                raise ValueError("Non-scalar Theano variable in size", size, i)
        elif isinstance(i, (np.integer, int)):
            if i <= 0:
                raise ValueError("Non-positive dimensions not allowed in size.", size, i)
        else:
            raise ValueError("Only Theano variables and integers are allowed in a size-tuple.", size, i)
    return tensor.as_tensor_variable(size, ndim=1)


class MRG_RandomStreams(object):
    """Random streams with an interface like numpy.random.RandomState (uniform, normal, binomial,
    multinomial, choice, truncated_normal); seed: one int in [1, 2**31-21069) or six ints."""

    def __init__(self, seed=12345, use_cuda=None):
        self.state_updates = []  # (shared state, new state, size, nstreams) per random variable
        self.default_instance_seed = seed
        self.set_rstate(seed)

    def updates(self):
        return [(old, new) for old, new, _size, _nstreams in self.state_updates]

    def set_rstate(self, seed):
        if isinstance(seed, (int, np.integer)):
            values = [int(seed)]
        elif isinstance(seed, (list, tuple, np.ndarray)) and len(seed) == 6:
            values = [int(s) for s in seed]
        else:
            raise TypeError("seed should be 1 integer or 6 integers")
        with E.errors():
            self.rstate = list(_MRG.seedState(_ints(values)))

    def seed(self, seed=None):
        """Re-seeds the streams and resets the state of every random variable made so far."""
        if seed is None:
            seed = self.default_instance_seed
        self.set_rstate(seed)
        for old_r, new_r, size, nstreams in self.state_updates:
            if nstreams is None:
                nstreams = self.n_streams(size)
            old_r.set_value(self.get_substream_rstates(nstreams, new_r.owner.outputs[1].dtype), borrow=True)

    def inc_rstate(self):
        """Moves self.rstate 2**134 steps forward, to the start of the next family of streams."""
        self.rstate = list(_MRG.jump134(E.jint_array(self.rstate)))

    def get_substream_rstates(self, n_streams, dtype, inc_rstate=True):
        """An int32 (n_streams, 6) matrix of stream states spaced 2**72 steps apart, from self.rstate."""
        n_streams = int(n_streams)
        assert n_streams > 0
        with E.errors():
            rval = E.to_numpy(_MRG.substreamStatesArray(E.jint_array(self.rstate), n_streams))
        if inc_rstate:
            self.inc_rstate()
        return rval

    def n_streams(self, size):
        return guess_n_streams(size)

    def pretty_return(self, node_rstate, new_rstate, sample, size, nstreams):
        sample.rstate = node_rstate
        sample.update = (node_rstate, new_rstate)
        self.state_updates.append((node_rstate, new_rstate, size, nstreams))
        node_rstate.default_update = new_rstate
        return sample

    def uniform(self, size, low=0.0, high=1.0, ndim=None, dtype=None, nstreams=None, **kwargs):
        """Uniform samples in (low, high) of the given shape (a tuple of ints or scalars, or a vector)."""
        from theano import shared, tensor
        from theano.configdefaults import config
        from theano.tensor.basic import _upcast as upcast
        low = tensor.as_tensor_variable(low)
        high = tensor.as_tensor_variable(high)
        if dtype is None:
            dtype = upcast(config.floatX, low.dtype, high.dtype)
        low = tensor.cast(low, dtype=dtype)
        high = tensor.cast(high, dtype=dtype)
        if isinstance(size, tuple):
            msg = "size must be a tuple of int or a Theano variable"
            assert all(isinstance(i, (np.integer, int, Variable)) for i in size), msg
            if any(isinstance(i, (np.integer, int)) and i <= 0 for i in size):
                raise ValueError("The specified size contains a dimension with value <= 0", size)
        elif not (isinstance(size, Variable) and size.ndim == 1):
            raise TypeError("size must be a tuple of int or a Theano variable")
        orig_nstreams = nstreams
        if nstreams is None:
            nstreams = self.n_streams(size)
        rstates = self.get_substream_rstates(nstreams, dtype)
        kwargs.pop("target", None)
        if kwargs:
            raise TypeError("uniform() got unexpected keyword arguments %s" % (str(list(kwargs.keys())),))
        node_rstate = shared(rstates)
        v_size = tensor.as_tensor_variable(size)
        if ndim is None:
            ndim = len(size) if isinstance(size, (tuple, list)) else tensor.get_vector_length(v_size)
        if dtype not in ("float32", "float64"):
            raise TypeError("MRG_RandomStreams.uniform: dtype must be float32 or float64 here, got %s" % dtype)
        with E.errors():
            new_rstate, u = E.wrap_list(_MrgUniform.sample(node_rstate._v, v_size._v, E.dtype_of(dtype), int(ndim)))
        u = self.pretty_return(node_rstate, new_rstate, u, size=size, nstreams=orig_nstreams)
        node_rstate.tag.is_rng = True
        r = u * (high - low) + low
        if u.type.broadcastable != r.type.broadcastable:
            raise NotImplementedError("Increase the size to match the broadcasting pattern of `low` and `high` "
                                      "arguments")
        assert r.dtype == dtype
        return r

    def binomial(self, size=None, n=1, p=0.5, ndim=None, dtype="int64", nstreams=None, **kwargs):
        """0/1 samples with probability p (n=1 only, as Theano): cast(uniform < p, dtype)."""
        from theano import tensor
        if n == 1:
            p = tensor.as_tensor_variable(p)
            x = self.uniform(size=size, nstreams=nstreams, **kwargs)
            return tensor.cast(x < p, dtype)
        raise NotImplementedError("MRG_RandomStreams.binomial with n > 1")

    def multinomial(self, size=None, n=1, pvals=None, ndim=None, dtype="int64", nstreams=None, **kwargs):
        """One multinomial draw of n trials per row of the (rows, outcomes) matrix pvals."""
        from theano import tensor
        if pvals is None:
            raise TypeError("You have to specify pvals")
        pvals = tensor.as_tensor_variable(pvals)
        if size is not None:
            if any(isinstance(i, (int, np.integer)) and i <= 0 for i in size):
                raise ValueError("The specified size contains a dimension with value <= 0", size)
            raise ValueError("Provided a size argument to MRG_RandomStreams.multinomial, which does not use the "
                             "size argument.")
        if ndim is not None:
            raise ValueError("Provided an ndim argument to MRG_RandomStreams.multinomial, which does not use the "
                             "ndim argument.")
        if pvals.ndim != 2:
            raise NotImplementedError("MRG_RandomStreams.multinomial only implemented for pvals.ndim = 2")
        size = pvals[:, 0].shape * n
        unis = self.uniform(size=size, ndim=1, nstreams=nstreams, **kwargs)
        n_samples = tensor.as_tensor_variable(n)
        with E.errors():
            node = _MultinomialFromUniform(E.dtype_of(dtype)).makeNode(E.jlist([pvals._v, unis._v, n_samples._v]))
        return E.wrap(node.outputs()[0])

    def choice(self, size=1, a=None, replace=True, p=None, ndim=None, dtype="int64", nstreams=None, **kwargs):
        """size draws without replacement per row of p, a (rows, outcomes) matrix (Theano's only form)."""
        from theano import tensor
        if replace:
            raise NotImplementedError("MRG_RandomStreams.choice only works without replacement for now.")
        if a is not None:
            raise TypeError("For now, a has to be None in MRG_RandomStreams.choice. Sampled values are between 0 "
                            "and p.shape[1]-1")
        if p is None:
            raise TypeError("For now, p has to be specified in MRG_RandomStreams.choice.")
        p = tensor.as_tensor_variable(p)
        if ndim is not None:
            raise ValueError("ndim argument to MRG_RandomStreams.choice is not used.")
        if p.ndim != 2:
            raise NotImplementedError("MRG_RandomStreams.choice is only implemented for p.ndim = 2")
        shape = p[:, 0].shape * size
        unis = self.uniform(size=shape, ndim=1, nstreams=nstreams, **kwargs)
        return ChoiceFromUniform(odtype=dtype)(p, unis, tensor.as_tensor_variable(size))

    def multinomial_wo_replacement(self, size=None, n=1, pvals=None, ndim=None, dtype="int64", nstreams=None,
                                   **kwargs):
        warnings.warn("MRG_RandomStreams.multinomial_wo_replacement() is deprecated and will be removed in the next "
                      "release of Theano. Please use MRG_RandomStreams.choice() instead.")
        return self.choice(size=n, a=None, replace=False, p=pvals, dtype=dtype, nstreams=nstreams, ndim=ndim,
                           **kwargs)

    def normal(self, size, avg=0.0, std=1.0, ndim=None, dtype=None, nstreams=None, truncate=False, **kwargs):
        """Normal samples by the Box-Muller transform of an even number of uniform draws (Theano's
        construction: the first half gives the radii, the second the angles)."""
        from theano import tensor
        from theano.configdefaults import config
        from theano.tensor.basic import _upcast as upcast
        size = _check_size(size)
        avg = tensor.as_tensor_variable(avg)
        std = tensor.as_tensor_variable(std)
        if dtype is None:
            dtype = upcast(config.floatX, avg.dtype, std.dtype)
        avg = tensor.cast(avg, dtype=dtype)
        std = tensor.cast(std, dtype=dtype)
        n_odd_samples = tensor.prod(size, dtype="int64")
        n_even_samples = n_odd_samples + n_odd_samples % 2
        uniform = self.uniform((n_even_samples,), low=0., high=1., ndim=1, dtype=dtype, nstreams=nstreams, **kwargs)
        u1 = uniform[:n_even_samples // 2]
        u2 = uniform[n_even_samples // 2:]
        r = tensor.sqrt(-2.0 * tensor.log(u1))
        theta = np.array(2.0 * np.pi, dtype=dtype) * u2
        cos_theta, sin_theta = tensor.cos(theta), tensor.sin(theta)
        z0 = r * cos_theta
        z1 = r * sin_theta
        if truncate:
            # Theano 1.0's truncation to [-2, 2] (so the samples match its own): samples outside keep their
            # angle and get a new radius, drawn from a second uniform stream on [1/e^2, 1), where the
            # radius is at most 2; valid and redrawn samples are then packed in Theano's order
            outside0 = (z0 < -2.) | (z0 > 2.)
            outside1 = (z1 < -2.) | (z1 > 2.)
            z0_valid = z0[tensor.nonzero(~outside0)]
            z1_valid = z1[tensor.nonzero(~outside1)]
            redo0 = tensor.nonzero(outside0)[0]
            redo1 = tensor.nonzero(outside1)[0]
            n_redo = redo0.size + redo1.size
            lower = tensor.constant(1. / np.e ** 2, dtype=dtype)
            u_redo = self.uniform((n_redo,), low=lower, high=1., ndim=1, dtype=dtype, nstreams=nstreams, **kwargs)
            r_redo = tensor.sqrt(-2. * tensor.log(u_redo))
            z0_redone = r_redo[:redo0.size] * cos_theta[redo0]
            z1_redone = r_redo[redo0.size:] * sin_theta[redo1]
            norm_samples = tensor.join(0, z0_valid, z0_redone, z1_valid, z1_redone)
        else:
            norm_samples = tensor.join(0, z0, z1)
        samples = norm_samples[:n_odd_samples]
        samples = tensor.reshape(samples, newshape=size, ndim=ndim)
        samples *= std
        samples += avg
        return samples

    def truncated_normal(self, size, avg=0.0, std=1.0, ndim=None, dtype=None, nstreams=None, **kwargs):
        # constant taken from scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.)
        std = std / 0.87962566103423978
        return self.normal(size=size, avg=avg, std=std, truncate=True, ndim=ndim, dtype=dtype, nstreams=nstreams,
                           **kwargs)


class ChoiceFromUniform(object):
    """Sampling without replacement from uniform draws (theano.sandbox.multinomial.ChoiceFromUniform):
    draw c of row r takes the first outcome whose cumulative probability exceeds unis[c * rows + r],
    then removes it and renormalises the row."""

    _op = None

    def __init__(self, odtype="auto"):
        self.odtype = odtype

    def __call__(self, pvals, unis, n):
        return _choice_op(self.odtype)(pvals, unis, n)


_choice_ops = {}


def _choice_op(odtype):
    op = _choice_ops.get(odtype)
    if op is None:
        op = _choice_ops[odtype] = _make_choice_op_class()(odtype)
    return op


def _make_choice_op_class():
    from theano.gof.graph import Apply
    from theano.gof.op import Op
    from theano.gradient import grad_undefined
    from theano.tensor.basic import as_tensor_variable
    from theano.tensor.type import TensorType

    class ChoiceFromUniformOp(Op):
        __props__ = ("odtype",)

        def __init__(self, odtype):
            self.odtype = odtype

        def __str__(self):
            return "ChoiceFromUniform{%s}" % self.odtype

        def make_node(self, pvals, unis, n):
            pvals = as_tensor_variable(pvals)
            unis = as_tensor_variable(unis)
            n = as_tensor_variable(n)
            odtype = "int64" if self.odtype == "auto" else self.odtype
            return Apply(self, [pvals, unis, n], [TensorType(odtype, (False, False))()])

        def perform(self, node, ins, outs):
            pvals, unis, n_samples = ins
            pvals = pvals.copy()
            n_samples = int(n_samples)
            if n_samples > pvals.shape[1]:
                raise ValueError("Cannot sample without replacement n samples bigger than the size of the "
                                 "distribution.")
            if unis.shape[0] != pvals.shape[0] * n_samples:
                raise ValueError("unis.shape[0] != pvals.shape[0] * n_samples", unis.shape[0], pvals.shape[0],
                                 n_samples)
            nb_multi, nb_outcomes = pvals.shape
            z = -1 * np.ones((nb_multi, n_samples), dtype=node.outputs[0].dtype)
            for c in range(n_samples):
                for n in range(nb_multi):
                    cummul = 0.
                    unis_n = unis[c * nb_multi + n]
                    for m in range(nb_outcomes):
                        cummul += pvals[n, m]
                        if cummul > unis_n:
                            z[n, c] = m
                            # not selected again: zero it and renormalise the row
                            pvals[n, m] = 0.
                            pvals[n] /= pvals[n].sum()
                            break
            outs[0][0] = z

        def grad(self, inputs, output_grads):
            return [grad_undefined(self, k, inp, "No gradient defined through random sampling op")
                    for k, inp in enumerate(inputs)]

    return ChoiceFromUniformOp
