"""RandomStreams (NumPy RandomState underneath) and MRG_RandomStreams (MRG31k3p), against
independent computations: NumPy's own RandomState draws, and a plain-Python MRG31k3p written from the
generator's published recurrences (not from the engine's code)."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.sandbox.rng_mrg import MRG_RandomStreams
from theano.tensor.shared_randomstreams import RandomStreams


# ----------------------------------------------------------------------------- NumPy RandomStreams

def test_uniform_draws_numpys_numbers_and_advances():
    srng = RandomStreams(seed=234)
    rv_u = srng.uniform((2, 2))
    f = theano.function([], rv_u)
    seed = np.random.RandomState(234).randint(2 ** 30)
    ref = np.random.RandomState(int(seed))
    np.testing.assert_array_equal(f(), ref.uniform(0.0, 1.0, (2, 2)))
    np.testing.assert_array_equal(f(), ref.uniform(0.0, 1.0, (2, 2)))


def test_normal_binomial_integers_permutation_choice_poisson_multinomial():
    srng = RandomStreams(seed=7)
    seeds = np.random.RandomState(7)
    rvs = [srng.normal((3,), avg=1.0, std=2.0), srng.binomial((4,), n=5, p=0.3), srng.random_integers((5,), 2, 9),
           srng.permutation(n=6), srng.choice((4,), a=10, replace=False), srng.poisson((3,), lam=4.0),
           srng.multinomial(n=10, pvals=[0.2, 0.3, 0.5])]
    f = theano.function([], rvs)
    got = f()
    r = [np.random.RandomState(int(seeds.randint(2 ** 30))) for _ in rvs]
    np.testing.assert_array_equal(got[0], r[0].normal(1.0, 2.0, (3,)))
    np.testing.assert_array_equal(got[1], r[1].binomial(5, 0.3, (4,)))
    np.testing.assert_array_equal(got[2], r[2].randint(2, 10, (5,)))
    np.testing.assert_array_equal(got[3], r[3].permutation(6))
    np.testing.assert_array_equal(got[4], r[4].choice(10, (4,), False))
    np.testing.assert_array_equal(got[5], r[5].poisson(4.0, (3,)))
    np.testing.assert_array_equal(got[6], r[6].multinomial(10, [0.2, 0.3, 0.5]))
    assert got[0].dtype == np.float64 and got[1].dtype == np.int64


def test_seeding_and_the_shared_random_state():
    srng = RandomStreams(seed=234)
    rv_u = srng.uniform((2, 2))
    rv_n = srng.normal((2, 2))
    f = theano.function([], rv_u)
    g = theano.function([], rv_n, no_default_updates=True)  # not updating rv_n.rng
    assert np.all(g() == g())
    rng_val = rv_u.rng.get_value(borrow=True)
    rng_val.seed(89234)
    rv_u.rng.set_value(rng_val, borrow=True)
    np.testing.assert_array_equal(f(), np.random.RandomState(89234).uniform(size=(2, 2)))
    srng.seed(902340)
    s = np.random.RandomState(902340)
    np.testing.assert_array_equal(f(), np.random.RandomState(int(s.randint(2 ** 30))).uniform(size=(2, 2)))
    # copying the state between two streams reproduces the draws
    state_after = rv_u.rng.get_value().get_state()
    a = f()
    r = rv_u.rng.get_value()
    r.set_state(state_after)
    rv_u.rng.set_value(r)
    np.testing.assert_array_equal(f(), a)
    assert str(rv_u.rng.type) == "RandomStateType"


def test_reused_random_states_never_stand_for_an_older_state():
    """RandomFunction keeps the RandomState behind its last output vector (raw_random._LiveStates).
    A function without the default update draws from the same state twice, and a function that does
    update then draws from that state again: all three see NumPy's draws from that one state, and the
    updating function then goes on with NumPy's next draws."""
    srng = RandomStreams(seed=5)
    rv = srng.binomial((4, 6), n=1, p=0.3, dtype="float64")
    peek = theano.function([], rv, no_default_updates=True)
    step = theano.function([], rv)
    ref = np.random.RandomState(int(np.random.RandomState(5).randint(2 ** 30)))
    first = ref.binomial(1, 0.3, (4, 6)).astype("float64")
    second = ref.binomial(1, 0.3, (4, 6)).astype("float64")
    third = ref.binomial(1, 0.3, (4, 6)).astype("float64")
    np.testing.assert_array_equal(peek(), first)
    np.testing.assert_array_equal(peek(), first)
    np.testing.assert_array_equal(step(), first)
    np.testing.assert_array_equal(peek(), second)
    np.testing.assert_array_equal(step(), second)
    np.testing.assert_array_equal(step(), third)
    # the shared state read back is NumPy's own state after those three draws
    assert rv.rng.get_value().get_state()[1].tolist() == ref.get_state()[1].tolist()


def test_same_random_variable_twice_in_one_call_is_one_draw():
    srng = RandomStreams(seed=1)
    rv = srng.uniform((3,))
    f = theano.function([], [rv, rv * 2])
    a, b = f()
    np.testing.assert_allclose(b, a * 2)


# ----------------------------------------------------------------------------- MRG31k3p

M1, M2 = 2147483647, 2147462579


def mrg_step(s):
    """One step of MRG31k3p on [x1[n], x1[n-1], x1[n-2], x2[n], x2[n-1], x2[n-2]] (published recurrences)."""
    x1 = ((2 ** 22) * s[1] + (2 ** 7 + 1) * s[2]) % M1
    x2 = ((2 ** 15) * s[3] + (2 ** 15 + 1) * s[5]) % M2
    new = [x1, s[0], s[1], x2, s[3], s[4]]
    d = (x1 - x2) % M1
    return new, (d if d != 0 else M1)


def mat_pow_mod(a, e, m):
    r = [[int(i == j) for j in range(3)] for i in range(3)]
    base = [row[:] for row in a]
    while e:
        if e & 1:
            r = [[sum(r[i][k] * base[k][j] for k in range(3)) % m for j in range(3)] for i in range(3)]
        base = [[sum(base[i][k] * base[k][j] for k in range(3)) % m for j in range(3)] for i in range(3)]
        e >>= 1
    return r


A1 = [[0, 4194304, 129], [1, 0, 0], [0, 1, 0]]
A2 = [[32768, 0, 32769], [1, 0, 0], [0, 1, 0]]


def jump(s, power):
    a, b = mat_pow_mod(A1, 2 ** power, M1), mat_pow_mod(A2, 2 ** power, M2)
    return ([sum(a[i][j] * s[j] for j in range(3)) % M1 for i in range(3)]
            + [sum(b[i][j] * s[3 + j] for j in range(3)) % M2 for i in range(3)])


def reference_uniform(seed_state, n_streams, n, dtype, family=0, calls=1):
    """Theano's sampling: stream states 2**72 apart (after `family` jumps of 2**134); in every call, sample i
    comes from stream i % n_streams, each stream going on from where the previous call left it."""
    s = list(seed_state)
    for _ in range(family):
        s = jump(s, 134)
    streams = [s]
    for _ in range(1, n_streams):
        streams.append(jump(streams[-1], 72))
    out = []
    for _ in range(calls):
        for i in range(n):
            streams[i % n_streams], raw = mrg_step(streams[i % n_streams])
            if dtype == "float64":
                out.append(raw * 4.656612873077392578125e-10)
            else:
                out.append(np.float32(np.float32(raw) * np.float32(4.6566126e-10)))
    return np.array(out, dtype=dtype)


def test_mrg_uniform_matches_the_published_generator_float64():
    rng = MRG_RandomStreams(seed=12345)
    u = rng.uniform(size=(4, 5), dtype="float64", nstreams=3)
    f = theano.function([], u)
    ref = reference_uniform([12345] * 6, 3, 20, "float64", calls=2)
    np.testing.assert_array_equal(f(), ref[:20].reshape(4, 5))
    np.testing.assert_array_equal(f(), ref[20:].reshape(4, 5))  # the state advanced by the default update


def test_mrg_uniform_float32_and_the_stream_guess():
    rng = MRG_RandomStreams(seed=42)
    u = rng.uniform(size=(3, 4), dtype="float32")  # 12 samples -> 12 // 6 = 2 streams
    v = rng.uniform(size=(5,), dtype="float32")    # the next variable starts 2**134 steps later; 5 streams
    out_u, out_v = theano.function([], [u, v])()
    np.testing.assert_array_equal(out_u, reference_uniform([42] * 6, 2, 12, "float32").reshape(3, 4))
    np.testing.assert_array_equal(out_v, reference_uniform([42] * 6, 5, 5, "float32", family=1))
    assert out_u.dtype == np.float32


def test_mrg_low_high_binomial_normal():
    rng = MRG_RandomStreams(seed=99)
    u = rng.uniform(size=(6,), low=-2.0, high=3.0, dtype="float64", nstreams=2)
    b = rng.binomial(size=(6,), p=0.3, nstreams=2, dtype="int32")
    f = theano.function([], [u, b])
    got_u, got_b = f()
    ref_u = reference_uniform([99] * 6, 2, 6, "float64")
    np.testing.assert_allclose(got_u, ref_u * 5.0 - 2.0)
    from theano import config
    ref_b = reference_uniform([99] * 6, 2, 6, config.floatX, family=1)
    np.testing.assert_array_equal(got_b, (ref_b < 0.3).astype("int32"))
    assert got_b.dtype == np.int32
    rng2 = MRG_RandomStreams(seed=5)
    z = rng2.normal(size=(2, 3), avg=1.0, std=2.0, dtype="float64", nstreams=4)
    got_z = theano.function([], z)()
    uu = reference_uniform([5] * 6, 4, 6, "float64")
    u1, u2 = uu[:3], uu[3:]
    r = np.sqrt(-2.0 * np.log(u1))
    ref_z = np.concatenate([r * np.cos(2 * np.pi * u2), r * np.sin(2 * np.pi * u2)]).reshape(2, 3) * 2.0 + 1.0
    np.testing.assert_allclose(got_z, ref_z, rtol=1e-12)


def test_mrg_multinomial_and_choice():
    rng = MRG_RandomStreams(seed=3)
    pvals = np.array([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]], dtype=theano.config.floatX)
    m = rng.multinomial(pvals=pvals, nstreams=2)
    got = theano.function([], m)()
    assert got.shape == (2, 3) and got.dtype == np.int64
    ref_u = reference_uniform([3] * 6, 2, 2, theano.config.floatX)
    for row in range(2):
        pick = int(np.searchsorted(np.cumsum(pvals[row].astype("float64")), ref_u[row], side="right"))
        assert list(got[row]) == [int(k == pick) for k in range(3)]
    c = MRG_RandomStreams(seed=3).choice(size=2, p=pvals, replace=False, nstreams=2)
    picks = theano.function([], c)()
    assert picks.shape == (2, 2)
    for row in picks:
        assert len(set(row.tolist())) == 2  # without replacement


def test_mrg_seed_checks_and_reseeding():
    with pytest.raises(ValueError):
        MRG_RandomStreams(seed=0)
    rng = MRG_RandomStreams(seed=10)
    u = rng.uniform(size=(3,), dtype="float64", nstreams=1)
    f = theano.function([], u)
    first = f()
    f()
    rng.seed(10)
    np.testing.assert_array_equal(f(), first)


def test_mrg_dropout_style_mask_in_a_training_function():
    # the denoising-autoencoder pattern: corrupt the input with a binomial mask drawn per call
    rng = MRG_RandomStreams(seed=1234)
    x = T.matrix("x")
    mask = rng.binomial(size=x.shape, n=1, p=0.7, dtype=theano.config.floatX)
    f = theano.function([x], x * mask)
    xv = np.ones((4, 5), dtype=theano.config.floatX)
    a, b = f(xv), f(xv)
    assert set(np.unique(a).tolist()) <= {0.0, 1.0}
    assert not np.array_equal(a, b)
