"""NanGuardMode and MonitorMode do what Theano 1.0's do: checks and callbacks on every node's values."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.monitormode import MonitorMode
from theano.compile.nanguardmode import NanGuardMode


def _graph():
    x = T.dmatrix("x")
    w = theano.shared(np.ones((2, 2)), name="w")
    return x, w, T.log(T.dot(x, w))


def test_nan_in_a_node_output_raises_theano_s_assertion_and_stores_no_update():
    x, w, y = _graph()
    f = theano.function([x], y, mode=NanGuardMode(nan_is_error=True, inf_is_error=True, big_is_error=True),
                        updates=[(w, w * 2)])
    np.testing.assert_allclose(f(np.ones((2, 2))), np.log(np.full((2, 2), 2.0)))
    before = w.get_value()
    with pytest.raises(AssertionError) as err:
        f(-np.ones((2, 2)))  # log of a negative number
    msg = str(err.value)
    assert msg.startswith("NaN detected\nNanGuardMode found an error in the output of a node in this variable:\n")
    assert "Inf detected" not in msg and "Big value detected" not in msg
    assert "log" in msg and "dot" in msg  # the node's debugprint
    np.testing.assert_array_equal(w.get_value(), before)


def test_inf_is_also_big_as_in_theano_and_big_values_alone_are_reported():
    x = T.dvector("x")
    f = theano.function([x], T.exp(x), mode=NanGuardMode(True, True, True))
    with pytest.raises(AssertionError) as err:
        f(np.array([1000.0]))
    assert str(err.value).startswith("Inf detected\nBig value detected\n")
    with pytest.raises(AssertionError) as err:
        f(np.array([30.0]))  # exp(30) = 1.07e13 > 1e10
    assert str(err.value).startswith("Big value detected\nNanGuardMode found an error in the output")
    np.testing.assert_allclose(f(np.array([20.0])), [np.exp(20.0)])  # 4.9e8 is fine


def test_each_check_can_be_turned_off():
    x = T.dvector("x")
    f = theano.function([x], T.log(x), mode=NanGuardMode(nan_is_error=False, inf_is_error=True, big_is_error=False))
    assert np.isnan(f(np.array([-1.0]))[0])
    with pytest.raises(AssertionError):
        f(np.array([0.0]))  # log(0) = -inf
    with pytest.raises(AssertionError):
        NanGuardMode(False, False, False)


def test_bad_graph_inputs_and_shared_values_are_caught_before_any_node():
    x = T.dvector("x")
    s = theano.shared(np.array([np.inf]), name="s")
    f = theano.function([x], x + 1, mode=NanGuardMode(True, True, True))
    with pytest.raises(AssertionError) as err:
        f(np.array([np.nan]))
    assert "NanGuardMode found an error in an input of the graph." in str(err.value)
    g = theano.function([], s * 0 + 1, mode=NanGuardMode(False, True, False))
    with pytest.raises(AssertionError) as err:
        g()
    assert str(err.value).startswith("Inf detected\nNanGuardMode found an error in an input of the graph.")


def test_tag_nan_guard_mode_check_false_exempts_a_variable_as_in_theano():
    # Theano 1.0: getattr(var.tag, 'nan_guard_mode_check', True) gates the check of a node output or input
    x = T.dvector("x")
    logged = T.log(x)
    logged.tag.nan_guard_mode_check = False
    mode = NanGuardMode(nan_is_error=True, inf_is_error=True, big_is_error=True)
    f = theano.function([x], logged, mode=mode)
    assert np.isnan(f(np.array([-1.0]))[0])  # exempt: the NaN comes back
    g = theano.function([x], T.log(x), mode=mode)  # the same expression, untagged, is checked
    with pytest.raises(AssertionError, match="NaN detected"):
        g(np.array([-1.0]))
    # an exempt output does not exempt the nodes that use it
    h = theano.function([x], logged * 2, mode=mode)
    with pytest.raises(AssertionError, match="NaN detected"):
        h(np.array([-1.0]))
    # inputs of the graph too
    y = T.dvector("y")
    y.tag.nan_guard_mode_check = False
    k = theano.function([y], y * 0, mode=NanGuardMode(nan_is_error=False, inf_is_error=True, big_is_error=False))
    assert np.isnan(k(np.array([np.inf]))[0])
    # setting it back to True checks again; the tag still prints and pickles as a plain attribute bag
    logged.tag.nan_guard_mode_check = True
    with pytest.raises(AssertionError, match="NaN detected"):
        theano.function([x], logged, mode=mode)(np.array([-1.0]))
    assert "nan_guard_mode_check': True" in str(logged.tag)


def test_integers_are_not_checked_and_the_flags_choose_the_defaults():
    i = T.lvector("i")
    f = theano.function([i], i * 10 ** 11, mode=NanGuardMode())
    assert f(np.array([1]))[0] == 10 ** 11
    old = theano.config.NanGuardMode.nan_is_error
    theano.config.NanGuardMode.nan_is_error = False
    try:
        m = NanGuardMode()
        assert not m.nan_is_error and m.inf_is_error and m.big_is_error
    finally:
        theano.config.NanGuardMode.nan_is_error = old


def test_warn_action_lets_the_call_finish():
    x = T.dvector("x")
    old = theano.config.NanGuardMode.action
    theano.config.NanGuardMode.action = "warn"
    try:
        f = theano.function([x], T.log(x), mode=NanGuardMode(True, True, True))
    finally:
        theano.config.NanGuardMode.action = old
    assert np.isnan(f(np.array([-1.0]))[0])


def test_the_mode_name_selects_nanguardmode():
    x = T.dvector("x")
    f = theano.function([x], T.log(x), mode="NanGuardMode")
    with pytest.raises(AssertionError):
        f(np.array([-1.0]))


def test_monitor_mode_shows_every_node_with_its_values_in_order():
    x = T.dvector("x")
    y = (T.exp(x) * 2).sum()
    seen = []

    def pre(i, node, fn):
        seen.append(("pre", i, [c[0] for c in fn.outputs]))

    def post(i, node, fn):
        seen.append(("post", i, [np.array(c[0]) for c in fn.inputs], [np.array(c[0]) for c in fn.outputs]))

    f = theano.function([x], y, mode=MonitorMode(pre_func=pre, post_func=post).excluding("fusion"))
    xv = np.array([0.0, 1.0])
    assert float(f(xv)) == pytest.approx(2 * (1 + np.e))
    posts = [s for s in seen if s[0] == "post"]
    pres = [s for s in seen if s[0] == "pre"]
    assert [p[1] for p in posts] == list(range(len(posts))) and len(pres) == len(posts) >= 2
    assert all(out is None for p in pres for out in p[2])  # nothing computed yet before a node
    np.testing.assert_allclose(posts[0][2][0], xv)  # the first node reads x
    np.testing.assert_allclose(posts[-1][3][0], 2 * (1 + np.e))  # the last one makes the sum


def test_theano_docs_detect_nan_example():
    found = []

    def detect_nan(i, node, fn):
        for output in fn.outputs:
            if not isinstance(output[0], np.random.RandomState) and np.isnan(output[0]).any():
                found.append(str(node))
                break

    x = T.dscalar("x")
    f = theano.function([x], [T.log(x) * x], mode=MonitorMode(post_func=detect_nan))
    f(0)  # log(0) * 0 = nan
    assert found == ["Elemwise{Composite{(log(i0) * i0)}}(x)"]  # fused, as in the output Theano's docs show


class _Nondeterministic(theano.Op):
    """Returns a different value on each call: the two executors DebugMode runs must disagree."""
    __props__ = ()

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0] + np.random.rand(*inputs[0].shape)


def test_debug_mode_reports_disagreeing_executors_as_bad_thunk_output():
    from theano.compile.debugmode import BadThunkOutput, DebugModeError
    x = T.dvector("x")
    ok = theano.function([x], T.exp(x) * 2, mode="DebugMode")
    np.testing.assert_allclose(ok(np.array([0.0, 1.0])), [2.0, 2 * np.e])
    bad = theano.function([x], _Nondeterministic()(x) * 2, mode="DebugMode")
    with pytest.raises(BadThunkOutput) as err:
        bad(np.zeros(3))
    assert isinstance(err.value, DebugModeError)
