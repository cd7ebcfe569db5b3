"""Bad input, table-driven: each mistake a Theano user makes gets Theano 1.0's exception type and message,
no Java stack trace, and leaves every shared variable bit-for-bit as it was.

The expected messages are the ones Theano 1.0.5 on CPython printed for the same code (the same model:
a softmax regression trained with updates of W and b). Where theano-jvm differs on purpose, the row
says why. Malformed THEANO_FLAGS and .theanorc files are tried in fresh processes, as a user meets them.
"""
import os
import re
import subprocess
import sys
import traceback

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.compile.nanguardmode import NanGuardMode

# What a Java stack trace or a polyglot wrapper would leave in a message or traceback.
JAVA_LEAKS = re.compile(r"org\.theanojvm|java\.lang|\bat [a-z]+\.[\w.$]+\(|Caused by:|polyglot\.|HostException|"
                        r"PolyglotException|\.java:\d+")

INPUT_DOWNCAST = ('TensorType(float32, matrix) cannot store a value of dtype float64 without risking loss of precision. '
                  'If you do not mind this loss, you can: 1) explicitly cast your data to float32, or 2) set '
                  '"allow_input_downcast=True" when calling "function".')


class Model:
    """Theano's classic softmax regression: shared W and b, a training function with updates."""

    def __init__(self):
        self.W = theano.shared((np.arange(6, dtype="float32").reshape(3, 2) / 10), name="W")
        self.b = theano.shared(np.array([0.25, -0.5], dtype="float32"), name="b")
        self.x = T.fmatrix("x")
        self.y = T.ivector("y")
        self.p = T.nnet.softmax(T.dot(self.x, self.W) + self.b)
        self.cost = -T.mean(T.log(self.p)[T.arange(self.y.shape[0]), self.y])
        gW, gb = T.grad(self.cost, [self.W, self.b])
        self.gW, self.gb = gW, gb
        lr = np.float32(0.1)  # a float32 step whatever floatX is, so the updates keep W's and b's type
        self.train = theano.function([self.x, self.y], self.cost, name="train",
                                     updates=[(self.W, self.W - lr * gW), (self.b, self.b - lr * gb)])
        self.X = np.ones((4, 3), dtype="float32")
        self.Y = np.array([0, 1, 1, 0], dtype="int32")

    def shared(self):
        return [self.W, self.b]

    def reset(self):
        self.W.set_value(np.arange(6, dtype="float32").reshape(3, 2) / 10)
        self.b.set_value(np.array([0.25, -0.5], dtype="float32"))


@pytest.fixture(scope="module")
def trained_model():
    return Model()  # compiled once: each test starts from reset() values


def nan_in_update(m):
    """b - 1 < 0 in the update of b: log gives NaN, which NanGuardMode must stop before any update lands."""
    f = theano.function([m.x, m.y], m.cost, mode=NanGuardMode(nan_is_error=True, inf_is_error=True, big_is_error=True),
                        updates=[(m.W, m.W - np.float32(0.1) * m.gW), (m.b, m.b + T.log(m.b - 1))])
    f(m.X, m.Y)


# (id, what the user does, exception type, regex its message must match (re.S), why theano-jvm differs if it does)
ROWS = [
    ("wrong dtype", lambda m: m.train(m.X.astype("float64"), m.Y), TypeError,
     r'^Bad input argument to theano function with name "train" at index 0 \(0-based\).  \n'
     r'Backtrace when that variable is created:\n\n.*test_bad_input.py.*self.x = T.fmatrix\("x"\)\n'
     + re.escape(INPUT_DOWNCAST) + r' Value: "array\(\[\[1., 1., 1.\],'),
    ("wrong ndim", lambda m: m.train(m.X[0], m.Y), TypeError,
     r'^Bad input argument to theano function with name "train" at index 0 \(0-based\).  \n.*'
     r'Wrong number of dimensions: expected 2, got 1 with shape \(3,\)\.$'),
    ("shape mismatch in dot", lambda m: m.train(np.ones((4, 5), dtype="float32"), m.Y), ValueError,
     r"^shapes \(4, ?5\) and \(3, ?2\) not aligned: 5 \(dim 1\) != 3 \(dim 0\).*\nApply node that caused the error: dot\(x, W\)\n"
     r"Toposort index: \d+\nInputs types: \[TensorType\(float32, matrix\), TensorType\(float32, matrix\)\]\n"
     r"Inputs shapes: \[\(4, 5\), \(3, 2\)\]"),
    # Theano 1.0.5 fuses log(softmax)[arange, y] into CrossentropySoftmaxArgmax1HotWithBias, whose C code
    # says "y_i value out of bounds" (ValueError); theano-jvm keeps the indexing and reports NumPy's error
    ("label out of range", lambda m: m.train(m.X, np.array([0, 1, 7, 0], dtype="int32")), IndexError,
     r"^index 7 is out of bounds for axis 1 with size 2\nApply node that caused the error: AdvancedSubtensor"),
    ("missing input", lambda m: m.train(m.X), TypeError, r"^Missing required input: y$"),
    # Theano 1.0.5 maps a third positional argument onto its implicit input W and complains about its
    # dtype; theano-jvm says what is wrong
    ("too many inputs", lambda m: m.train(m.X, m.Y, m.Y), TypeError, r"^Too many parameter passed to theano function$"),
    ("unknown keyword input", lambda m: m.train(m.X, m.Y, z=m.Y), TypeError,
     r"^Unknown input or state: z\. The function has 4 named inputs \(x, y, W, b\)\.$"),
    ("unused input", lambda m: theano.function([m.x, m.y, T.fscalar("u")], m.cost), theano.compile.UnusedInputError,
     r"^theano.function was asked to create a function computing outputs given certain inputs, but the provided "
     r"input variable at index 2 is not part of the computational graph needed to compute the outputs: u\.\n"
     r"To make this error into a warning, you can pass the parameter on_unused_input='warn' to theano.function\. "
     r"To disable it completely, use on_unused_input='ignore'\.$"),
    ("an expression as input", lambda m: theano.function([m.x + 1], m.cost), theano.compile.UnusedInputError,
     r"^theano.function was asked to create a function computing outputs given certain inputs, but the provided "
     r"input variable at index 0 is not part of the computational graph needed to compute the outputs: "
     r"Elemwise\{add,no_inplace\}\.0\.\n"),
    ("non-scalar cost", lambda m: T.grad(m.p, m.W), TypeError, r"^cost must be a scalar\.$"),
    ("grad with respect to a number", lambda m: T.grad(m.cost, 3.0), TypeError,
     r"^Expected Variable, got 3\.0 of type <class 'float'>$"),
    ("NaN under NanGuardMode", nan_in_update, AssertionError,
     r"^NaN detected\nNanGuardMode found an error in the output of a node in this variable:\n"
     r"Elemwise\{Composite\{.*log.*\}\} \[id A\] ''.*Apply node that caused the error: Elemwise\{Composite"),
    ("set_value of the wrong dtype", lambda m: m.W.set_value(np.ones((3, 2))), TypeError,
     r"^\('TensorType\(float32, matrix\) cannot store a value of dtype float64 without risking loss of precision\..*"
     r"'Container name \"W\"'\)$"),
    ("set_value of the wrong ndim", lambda m: m.W.set_value(np.ones(3, dtype="float32")), TypeError,
     r"^\('Wrong number of dimensions: expected 2, got 1 with shape \(3,\)\.', 'Container name \"W\"'\)$"),
    ("set_value of text", lambda m: m.W.set_value("abc"), ValueError,
     r"^\(\"could not convert string to float: 'abc'\", 'Container name \"W\"'\)$"),
    # Theano 1.0.5 stores None (and fails on the next call); theano-jvm refuses it and keeps the value
    ("set_value of None", lambda m: m.W.set_value(None), TypeError,
     r"^\('Cannot convert None to a numeric array', 'Container name \"W\"'\)$"),
    ("text as a call argument", lambda m: m.train("abc", m.Y), ValueError,
     r'^Bad input argument to theano function with name "train" at index 0 \(0-based\)\..*'
     r"could not convert string to float: 'abc'$"),
    ("update of the wrong type", lambda m: theano.function([m.x], m.cost, updates=[(m.W, T.dmatrix())]), TypeError,
     r"^\('An update must have the same type as the original shared variable \(shared_var=W, "
     r"shared_var.type=TensorType\(float32, matrix\), update_val=<TensorType\(float64, matrix\)>, "
     r"update_val.type=TensorType\(float64, matrix\)\)\.', 'If the difference is related to the broadcast pattern"),
    ("update of an input", lambda m: theano.function([m.x, m.y], m.cost, updates=[(m.x, m.x * 2)]), TypeError,
     r"^\('update target must be a SharedVariable', x\)$"),
]


def snapshot(variables):
    return [(v.get_value().dtype.str, v.get_value().shape, v.get_value().tobytes()) for v in variables]


@pytest.mark.parametrize("name, action, error, message", [r[:4] for r in ROWS], ids=[r[0] for r in ROWS])
def test_bad_input_gives_theano_s_error_and_changes_nothing(trained_model, name, action, error, message):
    model = trained_model
    model.reset()
    before = snapshot(model.shared())
    with pytest.raises(error) as raised:
        action(model)
    assert type(raised.value) is error
    text = str(raised.value)
    assert re.search(message, text, re.S), "%s:\n%s" % (name, text)
    formatted = "".join(traceback.format_exception(raised.type, raised.value, raised.tb))
    assert not JAVA_LEAKS.search(formatted), formatted
    assert snapshot(model.shared()) == before, "%s changed a shared variable" % name
    # and the model still trains afterwards (nothing half-updated inside the function either)
    model.train(model.X, model.Y)
    assert snapshot(model.shared()) != before


# Malformed configuration, each in a fresh process: (id, THEANO_FLAGS, .theanorc text or None,
# what must end stderr, whether `import theano` fails). Texts are Theano 1.0.5's.
CONFIG_ROWS = [
    ("invalid floatX in THEANO_FLAGS", "floatX=float33", None,
     "ValueError: Invalid value (\"float33\") for configuration variable \"floatX\". Valid options are "
     "('float64', 'float32', 'float16')", True),
    ("invalid mode in THEANO_FLAGS", "mode=NOT_A_MODE", None,
     "ValueError: Expected one of those string 'Mode', 'DebugMode', 'FAST_RUN', 'NanGuardMode', 'FAST_COMPILE', "
     "'DEBUG_MODE' or an instance of Mode.", True),
    ("flag without a value", "floatX", None, "Config key 'floatX' has no value, ignoring it", False),
    ("unknown flag", "not_a_flag=1", None, "Theano does not recognise this flag: not_a_flag", False),
    ("invalid floatX in .theanorc", "", "[global]\nfloatX = float33\n",
     "ValueError: Invalid value (\"float33\") for configuration variable \"floatX\". Valid options are "
     "('float64', 'float32', 'float16')", True),
    (".theanorc without a section", "", "floatX = float32\n",
     "configparser.MissingSectionHeaderError: File contains no section headers.", True),
    (".theanorc line without a value", "", "[global]\nfloatX\n",
     "configparser.ParsingError: Source contains parsing errors", True),
]


@pytest.mark.parametrize("name, flags, theanorc, expected, fails", CONFIG_ROWS, ids=[r[0] for r in CONFIG_ROWS])
def test_malformed_configuration_gives_theano_s_error(tmp_path, name, flags, theanorc, expected, fails):
    env = dict(os.environ, THEANO_FLAGS=flags)
    if theanorc is None:
        env["THEANORC"] = os.devnull
    else:
        (tmp_path / "theanorc").write_text(theanorc)
        env["THEANORC"] = str(tmp_path / "theanorc")
    done = subprocess.run([sys.executable, "-c", "import theano; print('imported', theano.config.floatX)"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert (done.returncode != 0) == fails, done.stdout + done.stderr
    assert expected in done.stderr, done.stderr
    if fails:
        # the user's view: Python's traceback of the import, then the error
        assert done.stderr.startswith("Traceback (most recent call last):"), done.stderr
    else:
        assert "imported float64" in done.stdout
    assert not JAVA_LEAKS.search(done.stderr), done.stderr
