"""Files pickled by Theano 1.0.5 on CPython load with plain pickle.load and compute what Theano computed.

The pickles and the expected numbers come from Theano 1.0.5 itself
(theano-shim/src/test/fixtures/make_theano105_pickles.py wrote theano105_pickles/): shared values are
compared bit for bit, predictions (argmax) exactly, probabilities and costs to a few units in the last
place (the engine's dot and softmax may round differently from Theano's C code and NumPy's BLAS).
"""
import io
import json
import os
import pickle
import sys

import numpy as np
import pytest

import theano
import theano.tensor as T

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
PICKLES = os.path.join(FIXTURES, "theano105_pickles")
sys.path.insert(0, FIXTURES)  # the model pickles name theano105_models, as DLT's name logistic_sgd

with open(os.path.join(PICKLES, "expected.json")) as f:
    EXPECTED = json.load(f)

# NumPy 2 warns that numpy.core.numeric (which NumPy 1.x's protocol-5 array pickles name) was renamed;
# the arrays load all the same, as on CPython with NumPy 2
pytestmark = pytest.mark.filterwarnings("ignore:numpy.core.numeric is deprecated:DeprecationWarning")


def load(name):
    with open(os.path.join(PICKLES, name), "rb") as f:
        return pickle.load(f)


def array(entry):
    return np.asarray(entry["values"], dtype=entry["dtype"]).reshape(entry["shape"])


def assert_bit_exact(got, entry):
    want = array(entry)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes(), "%r\n%r" % (got, want)


def test_the_fixtures_come_from_theano_1_0_5():
    assert EXPECTED["theano"] == "1.0.5"


# ----------------------------------------------------------------------------- shared variables

@pytest.mark.parametrize("key", sorted(EXPECTED["shared_variables"]))
def test_shared_variables_load_with_their_values_bit_for_bit(key):
    expected = EXPECTED["shared_variables"][key]
    sv = load("shared_variables.pkl")[key]
    assert isinstance(sv, theano.compile.SharedVariable)
    assert type(sv).__name__ == expected["cls"]
    assert sv.name == key
    assert str(sv.type) == expected["type"] and list(sv.broadcastable) == expected["broadcastable"]
    assert_bit_exact(sv.get_value(), expected)


def test_a_loaded_shared_variable_is_a_working_theano_jvm_shared_variable():
    sv = load("shared_variables.pkl")["f64_matrix"]
    value = array(EXPECTED["shared_variables"]["f64_matrix"])
    f = theano.function([], (sv * 2).sum(), updates=[(sv, sv + 1)])
    np.testing.assert_allclose(f(), value.sum() * 2, rtol=1e-12)
    np.testing.assert_allclose(sv.get_value(), value + 1, rtol=0)


# ----------------------------------------------------------------------------- DLT's best_model.pkl

@pytest.mark.parametrize("name", ["logistic_regression.pkl", "logistic_regression_p2.pkl", "logistic_regression_p0.pkl"])
def test_the_dlt_logistic_regression_predicts_what_theano_predicted(name):
    expected = EXPECTED["logistic_regression"]
    classifier = load(name)
    assert_bit_exact(classifier.W.get_value(), expected["W"])
    assert_bit_exact(classifier.b.get_value(), expected["b"])
    # DLT's predict(): compile the loaded model's own expression on its own input variable
    predict_model = theano.function(inputs=[classifier.input], outputs=classifier.y_pred)
    X = array(expected["X_test"])
    assert_bit_exact(predict_model(X), expected["y_pred"])
    probabilities = theano.function([classifier.input], classifier.p_y_given_x)(X)
    assert probabilities.dtype == np.float32
    np.testing.assert_allclose(probabilities, array(expected["p_y_given_x"]), rtol=1e-6, atol=0)


def test_a_loaded_model_is_one_graph_over_its_own_parameters():
    classifier = load("logistic_regression.pkl")
    assert classifier.params[0] is classifier.W and classifier.params[1] is classifier.b
    assert classifier.input.name == "x" and classifier.input.type == T.fmatrix().type
    assert classifier.W.name == "W" and classifier.W.type == T.TensorType("float32", (False, False))
    # the expressions read the loaded shared variables themselves: new values change the predictions
    predict = theano.function([classifier.input], classifier.p_y_given_x)
    classifier.W.set_value(np.zeros((6, 3), dtype="float32"))
    classifier.b.set_value(np.zeros(3, dtype="float32"))
    np.testing.assert_allclose(predict(array(EXPECTED["logistic_regression"]["X_test"])), np.full((8, 3), 1 / 3.0),
                               rtol=1e-6)


def test_a_loaded_model_can_be_trained_further_with_its_own_methods():
    classifier = load("logistic_regression.pkl")
    y = T.ivector("y")
    cost = classifier.negative_log_likelihood(y)
    grads = T.grad(cost, classifier.params)
    X = array(EXPECTED["logistic_regression"]["X_test"])
    labels = array(EXPECTED["logistic_regression"]["y_pred"]).astype("int32")
    c, gW, gb = theano.function([classifier.input, y], [cost] + grads)(X, labels)
    # Theano's own probabilities give the expected cost
    p = array(EXPECTED["logistic_regression"]["p_y_given_x"]).astype("float64")
    np.testing.assert_allclose(c, -np.mean(np.log(p[np.arange(len(labels)), labels])), rtol=1e-5)
    assert gW.shape == (6, 3) and gb.shape == (3,)


# ----------------------------------------------------------------------------- an MLP graph

def test_an_mlp_graph_computes_what_theano_computed():
    expected = EXPECTED["mlp_graph"]
    loaded = load("mlp_graph.pkl")
    model = loaded["model"]
    for p, e in zip(model.params, expected["params"]):
        assert_bit_exact(p.get_value(), e)
    f = theano.function([loaded["x"], loaded["y"]],
                        [model.logRegressionLayer.p_y_given_x, model.logRegressionLayer.y_pred, model.hiddenLayer.output,
                         model.L1, model.L2_sqr, loaded["errors"], loaded["column"]])
    outs = f(array(expected["X_test"]), array(expected["y_test"]))
    names = ["p_y_given_x", "y_pred", "hidden", "L1", "L2_sqr", "errors", "column"]
    for name, got in zip(names, outs):
        want = array(expected[name])
        assert got.dtype == want.dtype and got.shape == want.shape, name
        if name == "y_pred":
            assert (got == want).all()
        else:
            np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15, err_msg=name)


def test_the_mlp_layers_share_the_loaded_variables():
    loaded = load("mlp_graph.pkl")
    model = loaded["model"]
    assert model.input is loaded["x"] and model.hiddenLayer.input is model.input
    assert model.params == model.hiddenLayer.params + model.logRegressionLayer.params
    # a bound method pickled with the model (DLT's MLP.negative_log_likelihood) still builds the cost
    assert model.negative_log_likelihood(loaded["y"]).ndim == 0


# ----------------------------------------------------------------------------- compiled functions

def test_compiled_functions_are_recompiled_and_compute_what_theano_computed():
    expected = EXPECTED["functions"]
    loaded = load("functions.pkl")
    predict, train, model = loaded["predict"], loaded["train"], loaded["model"]
    assert isinstance(predict, theano.compile.function_module.Function)
    assert predict.name == "predict" and train.name == "train"
    X, Y = array(expected["X"]), array(expected["Y"])
    p, pred = predict(X)
    np.testing.assert_allclose(p, array(expected["p_y_given_x"]), rtol=1e-13)
    assert (pred == array(expected["y_pred"])).all()
    # the training step's updates write the model's parameters, pickled in the same file
    costs = [train(X, Y) for _ in range(3)]
    np.testing.assert_allclose(costs, array(expected["costs"]), rtol=1e-13)
    np.testing.assert_allclose(model.W.get_value(), array(expected["W_after"]), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(model.b.get_value(), array(expected["b_after"]), rtol=1e-12, atol=1e-15)


def test_unpickle_function_false_loads_functions_as_none_as_theano_does():
    theano.config.unpickle_function = False
    try:
        loaded = load("functions.pkl")
    finally:
        theano.config.unpickle_function = True
    assert loaded["predict"] is None and loaded["train"] is None
    assert loaded["model"].W.get_value().shape == (4, 3)


# ----------------------------------------------------------------------------- what does not load

def test_an_op_theano_jvm_cannot_rebuild_is_named_in_a_clear_error():
    from theano._pickle105 import TheanoPickleError
    with pytest.raises(TheanoPickleError) as info:
        load("unsupported_op.pkl")
    assert EXPECTED["unsupported_op"]["op_class"] in str(info.value)
    assert isinstance(info.value, pickle.UnpicklingError)


def global_pickle(module, name, protocol=2):
    """A pickle of the global module.name alone: GLOBAL (protocols 0-3) or STACK_GLOBAL (4-5)."""
    if protocol < 4:
        return b"\x80\x02c%s\n%s\n." % (module.encode(), name.encode())
    m, n = module.encode(), name.encode()
    return b"\x80\x04\x8c%c%s\x8c%c%s\x93." % (len(m), m, len(n), n)


@pytest.mark.parametrize("protocol", [2, 4])
def test_theano_names_the_shim_lacks_resolve_to_placeholders_while_unpickling(protocol):
    linker = pickle.loads(global_pickle("theano.gof.vm", "VM_Linker", protocol))  # a module the shim lacks
    assert linker.__module__ == "theano.gof.vm" and linker.__name__ == "VM_Linker"
    assert pickle.loads(global_pickle("theano.gof.vm", "VM_Linker", protocol)) is linker  # one object per name
    dot = pickle.loads(global_pickle("theano.tensor.basic", "Dot", protocol))  # a name a shim module lacks
    assert dot.__module__ == "theano.tensor.basic"
    with pytest.raises(NotImplementedError, match="theano.gof.vm.calculate_reallocate_info"):
        pickle.loads(global_pickle("theano.gof.vm", "calculate_reallocate_info", protocol))()
    with pytest.raises(NotImplementedError, match="theano.tensor.blas.Gemm"):
        pickle.loads(global_pickle("theano.tensor.blas", "Gemm", protocol))()(1, 2)
    # the shim's own names come first; names Theano never had, and the GPU back ends, still fail
    assert pickle.loads(global_pickle("theano.tensor.basic", "TensorVariable", protocol)) is T.TensorVariable
    with pytest.raises(AttributeError):
        pickle.loads(global_pickle("theano.tensor.basic", "NoSuchTheanoName", protocol))
    with pytest.raises(ImportError):
        pickle.loads(global_pickle("theano.sandbox.cuda.type", "CudaNdarrayType", protocol))


def test_outside_unpickling_the_shim_has_only_its_own_names_and_modules():
    import theano.tensor.basic
    from theano._pickle105 import names
    load("functions.pkl")  # a pickle naming many Theano names the shim lacks, Dot and theano.gof.vm among them
    # Theano 1.0.5 had these; feature tests must see that the shim does not
    assert names.kind("theano.tensor.basic", "Dot") == "class" and names.kind("theano.gof.vm", "VM_Linker") == "class"
    assert not hasattr(theano.tensor.basic, "Dot")
    for module in ("theano.tensor.blas", "theano.gof.vm", "theano.sandbox.cuda"):
        assert module not in sys.modules
        with pytest.raises(ImportError):
            __import__(module)
    with pytest.raises(ImportError):
        from theano.gof import vm  # noqa: F401
    with pytest.raises(ImportError):  # scripts detect a GPU this way
        import theano.sandbox.cuda  # noqa: F401


def test_a_user_unpickler_subclass_gets_its_find_class_called_and_inherits_the_theano_names():
    calls = []

    class Renaming(pickle.Unpickler):
        def find_class(self, module, name):
            calls.append((module, name))
            if module == "legacy_models_v1":  # the usual reason to subclass: a module that was renamed
                module = "theano105_models"
            return super().find_class(module, name)

    with open(os.path.join(PICKLES, "logistic_regression.pkl"), "rb") as f:
        data = f.read()
    assert b"theano105_models" in data
    renamed = data.replace(b"theano105_models", b"legacy_models_v1")  # same length: the frames stay valid
    classifier = Renaming(io.BytesIO(renamed)).load()
    assert ("legacy_models_v1", "LogisticRegression") in calls
    assert ("theano.gof.link", "Container") in calls  # a Theano name the shim lacks, served by the base class
    assert type(classifier).__module__ == "theano105_models"
    assert_bit_exact(classifier.W.get_value(), EXPECTED["logistic_regression"]["W"])


def test_pickle_load_and_loads_keep_the_standard_library_signatures():
    import inspect
    for ours, stdlib in ((pickle.load, pickle._load), (pickle.loads, pickle._loads)):
        got, want = inspect.signature(ours).parameters, inspect.signature(stdlib).parameters
        assert [(p.kind, p.default) for p in got.values()] == [(p.kind, p.default) for p in want.values()]
        assert list(got)[1:] == ["fix_imports", "encoding", "errors", "buffers"]
    # Python 2 byte strings (a DLT dataset) with encoding=; out-of-band buffers with buffers=
    assert pickle.loads(b"S'\\xe9t\\xe9'\np0\n.", fix_imports=True, encoding="latin1", errors="strict") == "\xe9t\xe9"
    assert pickle.load(io.BytesIO(b"S'\\xe9t\\xe9'\np0\n."), encoding="latin1") == "\xe9t\xe9"
    buffers = []
    data = pickle.dumps(pickle.PickleBuffer(bytearray(b"abc")), protocol=5, buffer_callback=buffers.append)
    assert bytes(pickle.loads(data, buffers=buffers)) == b"abc"
    with pytest.raises(TypeError):
        pickle.loads(data.decode("latin1"))


def test_import_theano_does_not_read_the_theano_name_table():
    import subprocess
    launcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "bin", "theano-jvm")
    program = ("import pickle, theano, theano.tensor.nnet, theano.tensor.signal.pool\n"
               "from theano.tensor import raw_random\n"
               "from theano._pickle105 import names, unpickler\n"
               "print(names._lines is None, pickle.Unpickler is unpickler.Unpickler)\n")
    done = subprocess.run([launcher, "-c", program], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]


def test_pickle_load_maps_python_2_module_names_as_on_cpython():
    # cPickle.dump's default protocol 0 names copy_reg._reconstructor and __builtin__ (a DLT best_model.pkl
    # from Python 2); CPython's pickle.load maps them to copyreg and builtins
    import io

    class Model(object):
        pass
    Model.__module__, Model.__qualname__ = __name__, "Model"
    globals()["Model"] = Model
    data = pickle.dumps(Model(), protocol=0)
    assert b"copy_reg" in data and b"__builtin__" in data
    assert type(pickle.load(io.BytesIO(data))) is Model
    assert pickle.load(io.BytesIO(b"c__builtin__\nlen\n.")) is len
