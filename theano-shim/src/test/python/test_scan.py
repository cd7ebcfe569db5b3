"""theano.scan and its views, checked against plain NumPy loops; gradients through scan by finite
differences (theano.gradient.verify_grad) and by hand."""
from collections import OrderedDict

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad
from theano.updates import OrderedUpdates

rng = np.random.RandomState(2024)


def test_cumulative_sum_over_a_sequence():
    x = T.dvector("x")
    out, updates = theano.scan(lambda xt, acc: acc + xt, sequences=x, outputs_info=T.as_tensor_variable(np.float64(0)))
    assert isinstance(updates, OrderedUpdates) and len(updates) == 0
    f = theano.function([x], out)
    v = rng.rand(7)
    np.testing.assert_allclose(f(v), np.cumsum(v))


def test_power_with_n_steps_and_no_sequences():
    # Theano's tutorial: A**k by k multiplications; only the last step is used
    k = T.iscalar("k")
    A = T.dvector("A")
    result, updates = theano.scan(fn=lambda prior_result, A: prior_result * A, outputs_info=T.ones_like(A),
                                  non_sequences=A, n_steps=k)
    power = theano.function([A, k], result[-1], updates=updates)
    np.testing.assert_allclose(power(np.arange(10.0), 2), np.arange(10.0) ** 2)
    np.testing.assert_allclose(power(np.arange(10.0), 5), np.arange(10.0) ** 5)
    everything = theano.function([A, k], result)
    assert everything(np.arange(3.0), 4).shape == (4, 3)


def test_no_sequence_and_no_n_steps_is_an_error():
    with pytest.raises(ValueError, match="No information about the number of steps"):
        theano.scan(lambda h: h * 2, outputs_info=T.dvector())


def rnn_numpy(X, W, U, b, h0):
    h = h0
    hs = []
    for x in X:
        h = np.tanh(x.dot(W) + h.dot(U) + b)
        hs.append(h)
    return np.array(hs)


def test_rnn_forward_all_states_and_last_state():
    X = T.dmatrix("X")
    W = theano.shared(rng.randn(3, 4) * 0.5, "W")
    U = theano.shared(rng.randn(4, 4) * 0.5, "U")
    b = theano.shared(rng.randn(4) * 0.1, "b")
    h0 = T.dvector("h0")

    def step(x_t, h_prev, W, U, b):
        return T.tanh(T.dot(x_t, W) + T.dot(h_prev, U) + b)

    hs, _ = theano.scan(step, sequences=X, outputs_info=h0, non_sequences=[W, U, b])
    f = theano.function([X, h0], [hs, hs[-1]])
    Xv, h0v = rng.randn(6, 3), np.zeros(4)
    all_states, last = f(Xv, h0v)
    expect = rnn_numpy(Xv, W.get_value(), U.get_value(), b.get_value(), h0v)
    np.testing.assert_allclose(all_states, expect, rtol=1e-12)
    np.testing.assert_allclose(last, expect[-1], rtol=1e-12)


def test_closure_variables_become_implicit_inputs():
    x = T.dvector("x")
    c = T.dscalar("c")
    out, _ = theano.scan(lambda xt: xt * c, sequences=x)  # c is used without being a non_sequence
    f = theano.function([x, c], out)
    np.testing.assert_allclose(f([1.0, 2.0, 3.0], 2.0), [2.0, 4.0, 6.0])


def test_map_output_and_recurrent_output_with_none_in_outputs_info():
    x = T.dvector("x")

    def step(xt, acc):
        return xt * 10, acc + xt  # the first output is not fed back

    (tens, sums), _ = theano.scan(step, sequences=x, outputs_info=[None, T.as_tensor_variable(np.float64(0))])
    f = theano.function([x], [tens, sums])
    v = np.array([1.0, 2.0, 3.0])
    a, s = f(v)
    np.testing.assert_allclose(a, v * 10)
    np.testing.assert_allclose(s, np.cumsum(v))


def test_sequence_taps_and_output_taps():
    x = T.dvector("x")
    # y_t = x[t-1] + 2 x[t] + x[t+1] + y_{t-2} (initial state holds two past values)
    init = T.dvector("init")

    def step(xm1, x0, xp1, ym2):
        return xm1 + 2 * x0 + xp1 + ym2

    out, _ = theano.scan(step, sequences=dict(input=x, taps=[-1, 0, 1]),
                         outputs_info=dict(initial=init, taps=[-2]))
    f = theano.function([x, init], out)
    xv = rng.rand(8)
    iv = np.array([0.5, -0.25])
    got = f(xv, iv)
    hist = list(iv)
    expect = []
    for t in range(1, 7):  # the taps leave the first and the last entries of x out
        y = xv[t - 1] + 2 * xv[t] + xv[t + 1] + hist[-2]
        hist.append(y)
        expect.append(y)
    np.testing.assert_allclose(got, expect)


def test_fibonacci_with_two_output_taps():
    init = T.ivector("init")
    fib, _ = theano.scan(lambda a, b: a + b, outputs_info=dict(initial=init, taps=[-2, -1]), n_steps=10)
    f = theano.function([init], fib)
    assert list(f(np.array([0, 1], dtype="int32"))) == [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]


def test_go_backwards():
    x = T.dvector("x")
    out, _ = theano.scan(lambda xt, acc: acc * 2 + xt, sequences=x, outputs_info=T.as_tensor_variable(np.float64(0)),
                         go_backwards=True)
    v = np.array([1.0, 2.0, 3.0])
    expect, acc = [], 0.0
    for xt in v[::-1]:
        acc = acc * 2 + xt
        expect.append(acc)
    np.testing.assert_allclose(theano.function([x], out)(v), expect)


def test_until_stops_the_loop():
    # powers of two until the value exceeds 40: the step whose condition is true is kept
    def step(prev):
        nxt = prev * 2
        return nxt, theano.scan_module.until(nxt > 40)

    values, _ = theano.scan(step, outputs_info=T.constant(np.float64(1)), n_steps=100)
    assert list(theano.function([], values)()) == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0]


def test_shared_variable_updates_in_the_step():
    counter = theano.shared(np.float64(0), "counter")
    x = T.dvector("x")

    def step(xt):
        return xt + counter, OrderedDict([(counter, counter + 1)])

    out, updates = theano.scan(step, sequences=x)
    assert isinstance(updates, OrderedUpdates)
    assert list(updates.keys()) == [counter]
    f = theano.function([x], out, updates=updates)
    np.testing.assert_allclose(f([10.0, 10.0, 10.0]), [10.0, 11.0, 12.0])
    assert counter.get_value() == 3.0  # the value after the last step
    np.testing.assert_allclose(f([0.0, 0.0]), [3.0, 4.0])
    assert counter.get_value() == 5.0


def test_step_returning_only_updates():
    total = theano.shared(np.float64(1), "total")
    x = T.dvector("x")
    out, updates = theano.scan(lambda xt: {total: total * xt}, sequences=x)
    assert out is None
    f = theano.function([x], [], updates=updates)
    f([2.0, 3.0, 4.0])
    assert total.get_value() == 24.0


def test_single_output_not_wrapped_unless_return_list():
    x = T.dvector("x")
    out, _ = theano.scan(lambda xt: xt * 2, sequences=x)
    assert isinstance(out, T.TensorVariable)
    outs, _ = theano.scan(lambda xt: xt * 2, sequences=x, return_list=True)
    assert isinstance(outs, list) and len(outs) == 1


def test_several_sequences_use_the_shortest():
    a, b = T.dvectors("a", "b")
    out, _ = theano.scan(lambda x, y: x * y, sequences=[a, b])
    np.testing.assert_allclose(theano.function([a, b], out)([1.0, 2.0, 3.0, 4.0], [5.0, 6.0]), [5.0, 12.0])


def test_polynomial_evaluation_from_the_theano_docs():
    coefficients = T.dvector("coefficients")
    x = T.dscalar("x")
    max_coefficients_supported = 10000
    components, _ = theano.scan(fn=lambda coefficient, power, free_variable: coefficient * (free_variable ** power),
                                outputs_info=None,
                                sequences=[coefficients, T.arange(max_coefficients_supported)],
                                non_sequences=x)
    polynomial = components.sum()
    f = theano.function(inputs=[coefficients, x], outputs=polynomial)
    assert f(np.asarray([1, 0, 2], dtype="float64"), 3) == 19.0


def test_map_reduce_foldl_foldr():
    x = T.dvector("x")
    v = np.array([1.0, 2.0, 3.0, 4.0])
    sq, _ = theano.map(lambda xt: xt ** 2, x)
    np.testing.assert_allclose(theano.function([x], sq)(v), v ** 2)
    z = T.as_tensor_variable(np.float64(0))
    total, _ = theano.reduce(lambda xt, acc: acc + xt, x, z)
    assert theano.function([x], total)(v) == 10.0
    left, _ = theano.foldl(lambda xt, acc: acc * 10 + xt, x, z)
    right, _ = theano.foldr(lambda xt, acc: acc * 10 + xt, x, z)
    assert theano.function([x], left)(v) == 1234.0
    assert theano.function([x], right)(v) == 4321.0


def test_unparseable_return_values_are_rejected_as_theano_does():
    x = T.dvector("x")
    with pytest.raises(ValueError, match="may only be made of lists, tuples, or dictionaries"):
        theano.scan(lambda xt: 2, sequences=x)
    with pytest.raises(ValueError, match="The return value of the lambda function has been restricted"):
        theano.scan(lambda xt: ({}, xt), sequences=x)


def test_state_type_mismatch_is_reported():
    x = T.dvector("x")
    with pytest.raises(TypeError, match="should have the same type"):
        # float64 step output fed back into an int8 initial state
        theano.scan(lambda xt, acc: acc + xt, sequences=x, outputs_info=T.constant(0))


def test_outputs_info_taps_without_initial_is_an_error():
    with pytest.raises(ValueError, match="you need to provide a initial state"):
        theano.scan(lambda a: a, outputs_info=dict(taps=[-1]), n_steps=3)


def test_gradient_through_an_rnn_by_finite_differences():
    Xv = rng.randn(5, 2)

    def cost(W, U, b, h0):
        hs, _ = theano.scan(lambda x_t, h, W, U, b: T.tanh(T.dot(x_t, W) + T.dot(h, U) + b),
                            sequences=T.constant(Xv), outputs_info=h0, non_sequences=[W, U, b])
        return hs

    verify_grad(cost, [rng.randn(2, 3) * 0.5, rng.randn(3, 3) * 0.5, rng.randn(3) * 0.1, rng.randn(3) * 0.1], rng=rng)


def test_gradient_wrt_the_sequence_and_truncation():
    x = T.dvector("x")
    h0 = T.dscalar("h0")
    out, _ = theano.scan(lambda xt, h: h * 0.5 + xt ** 2, sequences=x, outputs_info=h0)
    g = T.grad(out[-1], [x, h0])
    v = np.array([1.0, 2.0, 3.0])
    gx, gh = theano.function([x, h0], g)(v, 1.0)
    # out[-1] = 0.125 h0 + 0.25 x0^2 + 0.5 x1^2 + x2^2
    np.testing.assert_allclose(gx, [0.25 * 2 * 1.0, 0.5 * 2 * 2.0, 2 * 3.0])
    assert gh == 0.125
    out_t, _ = theano.scan(lambda xt, h: h * 0.5 + xt ** 2, sequences=x, outputs_info=h0, truncate_gradient=1)
    gx_t, gh_t = theano.function([x, h0], T.grad(out_t[-1], [x, h0]))(v, 1.0)
    np.testing.assert_allclose(gx_t, [0.0, 0.0, 6.0])
    assert gh_t == 0.0


def test_training_through_the_recurrence_lowers_the_cost():
    X = T.dmatrix("X")
    target = T.dvector("target")
    W = theano.shared(rng.randn(2, 3) * 0.3, "W")
    U = theano.shared(rng.randn(3, 3) * 0.3, "U")
    hs, _ = theano.scan(lambda x_t, h, W, U: T.tanh(T.dot(x_t, W) + T.dot(h, U)), sequences=X,
                        outputs_info=T.zeros((3,), dtype="float64"), non_sequences=[W, U])
    cost = T.sum((hs[-1] - target) ** 2)
    gW, gU = T.grad(cost, [W, U])
    train = theano.function([X, target], cost, updates=[(W, W - 0.2 * gW), (U, U - 0.2 * gU)])
    Xv, tv = rng.randn(4, 2), np.array([0.5, -0.3, 0.2])
    costs = [float(train(Xv, tv)) for _ in range(30)]
    assert costs[-1] < costs[0] * 0.5


def test_random_streams_inside_the_step_advance_per_step():
    from theano.tensor.shared_randomstreams import RandomStreams
    srng = RandomStreams(seed=42)
    x = T.dvector("x")

    def step(xt):
        return xt + srng.uniform(size=())

    out, updates = theano.scan(step, sequences=x)
    assert len(updates) == 1  # the RandomState's update, collected from its default update
    f = theano.function([x], out, updates=updates)
    a = f(np.zeros(4))
    assert len(set(a.tolist())) == 4  # every step drew a new number
    b = f(np.zeros(4))
    assert not np.allclose(a, b)  # and the state moved on between calls
