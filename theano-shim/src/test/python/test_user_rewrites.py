"""User-registered local optimizers (theano.gof.opt, theano.tensor.opt.register_*, optdb) run inside
the engine's rewrite passes like built-in ones."""
import subprocess
import sys

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.mode import get_mode
from theano.gof.opt import LocalOptimizer, in2out, local_optimizer
from theano.tensor.opt import register_canonicalize, register_specialize, register_stabilize


class _WrongUntilRewritten(theano.Op):
    """Its perform is deliberately wrong, so a result tells whether the rewrite replaced it."""
    __props__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0] * 0 - 1000


canon_op = _WrongUntilRewritten("canonicalize")
spec_op = _WrongUntilRewritten("specialize")
optdb_op = _WrongUntilRewritten("optdb")
sub_op = _WrongUntilRewritten("subclass")
bad_type_op = _WrongUntilRewritten("bad_type")
failing_op = _WrongUntilRewritten("failing")
asserting_op = _WrongUntilRewritten("asserting")


@register_canonicalize
@local_optimizer([_WrongUntilRewritten])
def local_test_canon_to_square(node):
    if node.op == canon_op:
        return [node.inputs[0] * node.inputs[0]]
    return False


@register_specialize("test_tag", name="local_test_specialize_dict")
@local_optimizer([spec_op])
def _spec(node):
    return {node.outputs[0]: T.exp(node.inputs[0])}


@local_optimizer(None)
def local_test_optdb(node):
    if node.op == optdb_op:
        return [node.inputs[0] + 1]
    return None


theano.compile.optdb.register("local_test_optdb", in2out(local_test_optdb), 1.5, "fast_run")


class LocalNegate(LocalOptimizer):
    def tracks(self):
        return [sub_op]

    def transform(self, node):
        return [-node.inputs[0]]


register_stabilize(LocalNegate(), name="local_test_subclass")


@register_canonicalize
@local_optimizer([bad_type_op])
def local_test_wrong_type(node):
    return [T.cast(node.inputs[0], "int32")]  # the driver refuses: the output type would change


@register_canonicalize
@local_optimizer([failing_op])
def local_test_raises(node):
    raise RuntimeError("this rewrite fails")


@register_canonicalize
@local_optimizer([asserting_op])
def local_test_asserts(node):
    assert False, "this rewrite's assertion fails"


X = np.array([1.0, 2.0, 3.0])


def run(op, mode=None):
    x = T.dvector("x")
    return theano.function([x], op(x), mode=mode)(X)


def test_a_canonicalize_rewrite_replaces_the_user_op():
    np.testing.assert_array_equal(run(canon_op), X * X)
    x = T.dvector("x")
    f = theano.function([x], canon_op(x))
    assert "_WrongUntilRewritten" not in theano.printing.debugprint(f, file="str")


def test_excluding_the_rewrite_by_name_or_tag_and_fast_compile_leave_the_op():
    np.testing.assert_array_equal(run(canon_op, get_mode("FAST_RUN").excluding("local_test_canon_to_square")), X * 0 - 1000)
    np.testing.assert_array_equal(run(canon_op, "FAST_COMPILE"), X * 0 - 1000)  # registered for fast_run only
    np.testing.assert_array_equal(run(spec_op, get_mode("FAST_RUN").excluding("test_tag")), X * 0 - 1000)


def test_dict_results_optdb_positions_and_optimizer_subclasses():
    np.testing.assert_allclose(run(spec_op), np.exp(X))
    np.testing.assert_array_equal(run(optdb_op), X + 1)
    np.testing.assert_array_equal(run(sub_op), -X)


def test_a_replacement_of_another_type_is_refused_and_a_failing_rewrite_does_not_break_compilation():
    np.testing.assert_array_equal(run(bad_type_op), X * 0 - 1000)
    np.testing.assert_array_equal(run(failing_op), X * 0 - 1000)


def _failure_log_lines(caplog):
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name == "theano.gof.opt"]


def test_a_failing_rewrite_is_logged_as_theano_s_optimization_failure(caplog):
    # Theano 1.0's NavigatorOptimizer.warn: four ERROR records on theano.gof.opt, then the rewrite is skipped
    with caplog.at_level("ERROR", logger="theano.gof.opt"):
        np.testing.assert_array_equal(run(failing_op), X * 0 - 1000)
    lines = _failure_log_lines(caplog)
    assert lines[0] == ("theano.gof.opt", "ERROR", "Optimization failure due to: local_test_raises")
    assert lines[1][2].startswith("node: _WrongUntilRewritten")
    assert lines[2][2] == "TRACEBACK:"
    assert "RuntimeError: this rewrite fails" in lines[3][2]
    # Theano's handler format (the handler joins the "theano" logger when no handler is set up above it;
    # under pytest the root logger has pytest's)
    handler = theano.logging_default_handler
    assert handler.format(caplog.records[0]).startswith("ERROR (theano.gof.opt): Optimization failure due to")


def test_the_default_handler_prints_theano_s_format_in_a_plain_script():
    script = ("import theano, theano.tensor as T\n"
              "from theano.gof.opt import local_optimizer\n"
              "from theano.tensor.opt import register_canonicalize\n"
              "@register_canonicalize\n"
              "@local_optimizer([T.Elemwise])\n"
              "def local_broken(node):\n"
              "    raise ValueError('broken rewrite')\n"
              "x = T.dvector('x')\n"
              "print(theano.function([x], x * 2)([1.0]))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[2.]"
    assert "ERROR (theano.gof.opt): Optimization failure due to: local_broken" in out.stderr
    assert "ValueError: broken rewrite" in out.stderr


def test_on_opt_error_raise_and_ignore_and_assertions(caplog):
    x = T.dvector("x")
    saved = theano.config.on_opt_error
    try:
        theano.config.on_opt_error = "raise"
        with pytest.raises(RuntimeError, match="this rewrite fails"):
            theano.function([x], failing_op(x))
        theano.config.on_opt_error = "ignore"
        caplog.clear()
        with caplog.at_level("ERROR", logger="theano.gof.opt"):
            np.testing.assert_array_equal(run(failing_op), X * 0 - 1000)
            # an AssertionError always ends the compilation, as in Theano 1.0
            with pytest.raises(AssertionError, match="assertion fails"):
                theano.function([x], asserting_op(x))
        assert _failure_log_lines(caplog) == []
    finally:
        theano.config.on_opt_error = saved


def test_registration_errors_are_theano_s():
    with pytest.raises(ValueError):
        register_canonicalize(local_test_canon_to_square)  # the same name twice
    with pytest.raises(ValueError):
        local_optimizer([])(lambda node: None)
    with pytest.raises(ValueError):
        local_optimizer([42])(lambda node: None)


def test_tracks_by_engine_op_class():
    seen = []

    @local_optimizer([T.Elemwise])
    def local_test_watch_elemwise(node):
        seen.append(node)
        return False

    register_canonicalize(local_test_watch_elemwise)
    x = T.dvector("x")
    theano.function([x], T.exp(x).sum())
    assert seen and all(isinstance(n.op, T.Elemwise) for n in seen)
