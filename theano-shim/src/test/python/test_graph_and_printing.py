"""Constructors, types, dtypes and upcasting, and the exact texts Theano 1.0 prints for them."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor.var import TensorConstant, TensorVariable
from theano.tensor.sharedvar import TensorSharedVariable


def test_from_theano_import_star_binds_what_the_seeds_use():
    ns = {}
    exec("from theano import *", ns)
    for name in ("theano", "tensor", "function", "shared", "config", "In", "Param", "Apply", "Op", "Variable",
                 "Constant", "pp", "grad", "gradient", "printing", "compile", "gof"):
        assert name in ns, name
    assert ns["theano"] is theano
    assert ns["tensor"] is T
    assert ns["function"] is theano.function


@pytest.mark.parametrize("ctor, dtype, ndim, text", [
    (T.fvector, "float32", 1, "TensorType(float32, vector)"),
    (T.ivector, "int32", 1, "TensorType(int32, vector)"),
    (T.fscalar, "float32", 0, "TensorType(float32, scalar)"),
    (T.fmatrix, "float32", 2, "TensorType(float32, matrix)"),
    (T.ftensor3, "float32", 3, "TensorType(float32, 3D)"),
    (T.dtensor3, "float64", 3, "TensorType(float64, 3D)"),
    (T.brow, "int8", 2, "TensorType(int8, row)"),
    (T.wcol, "int16", 2, "TensorType(int16, col)"),
    (T.lvector, "int64", 1, "TensorType(int64, vector)"),
    (T.zmatrix, "complex128", 2, "TensorType(complex128, matrix)"),
    (T.dtensor5, "float64", 5, "TensorType(float64, 5D)"),
])
def test_typed_constructors(ctor, dtype, ndim, text):
    v = ctor("v")
    assert (v.dtype, v.ndim, str(v.type)) == (dtype, ndim, text)
    assert type(v) is TensorVariable
    assert v.name == "v"


def test_generic_constructors_use_floatx_or_dtype():
    assert T.scalar().dtype == theano.config.floatX
    assert T.vector("x", dtype="int32").type == T.ivector().type
    assert T.row().broadcastable == (True, False)
    assert T.col().broadcastable == (False, True)
    assert T.tensor7().ndim == 7
    t = T.TensorType("float32", (False, True, False))
    v = t("v")
    assert str(v.type) == "TensorType(float32, (False, True, False))"
    assert v.type == t and hash(v.type) == hash(t)
    assert T.tensor("int64", (False,), name="q").type == T.lvector().type


def test_plural_constructors():
    x, y, z = T.dmatrices("x", "y", "z")
    assert [v.name for v in (x, y, z)] == ["x", "y", "z"]
    assert all(str(v.type) == "TensorType(float64, matrix)" for v in (x, y, z))
    three = T.vectors(3)
    assert len(three) == 3 and all(v.name is None for v in three)
    assert len({id(v) for v in three}) == 3
    single = T.fscalars("a")  # one name: one variable, as Theano returns
    assert isinstance(single, TensorVariable) and single.name == "a"
    a, b = T.iscalars("ab")  # Theano iterates a single string: one variable per character
    assert (a.name, b.name) == ("a", "b")


def test_variable_str_and_repr_are_theanos():
    x = T.scalar("x")
    bar = x ** 2
    assert str(x) == "x"
    assert str(bar) == "Elemwise{pow,no_inplace}.0"
    assert repr(bar) == str(bar)
    assert repr(T.dscalar()) == "<TensorType(float64, scalar)>"
    assert str(T.dvector()) == "<TensorType(float64, vector)>"
    assert type(x).__module__ + "." + type(x).__name__ == "theano.tensor.var.TensorVariable"
    assert str(T.constant(2)) == "TensorConstant{2}"
    assert str(T.constant(np.ones(3))) == "TensorConstant{(3,) of 1.0}"
    assert isinstance(T.constant(1.5), TensorConstant)
    assert str(T.dmatrix("m").sum()) == "Sum{acc_dtype=float64}.0"
    assert str(T.dmatrix("m").sum(axis=0)) == "Sum{axis=[0], acc_dtype=float64}.0"


def test_pp():
    x = T.scalar("x")
    assert theano.pp(x ** 2) == "(x ** TensorConstant{2})"
    a, b = T.dscalars("a", "b")
    assert theano.printing.pprint(a + b * 2) == "(a + (b * TensorConstant{2}))"
    assert theano.pp(T.exp(a)) == "exp(a)"


def test_owner_apply_and_identity():
    x, y = T.dvectors("x", "y")
    z = x + y
    node = z.owner
    assert node is z.owner  # one wrapper per node
    assert node.inputs[0] is x and node.inputs[1] is y
    assert node.outputs[0] is z
    assert str(node) == "Elemwise{add,no_inplace}(x, y)"
    assert str(node.op) == "Elemwise{add,no_inplace}"
    assert isinstance(node.op, T.Elemwise)
    assert z.index == 0 and x.owner is None and x.index is None
    # == is identity: variables work as dict keys
    d = {x: 1, y: 2}
    assert d[x] == 1 and (x == y) is False and x == x
    # the wrapper keeps user attributes
    x.my_attribute = 42
    assert (z.owner.inputs[0]).my_attribute == 42
    x.tag.test_value = 3
    assert z.owner.inputs[0].tag.test_value == 3
    z.name = "z"
    assert str(z) == "z" and z.owner.outputs[0].name == "z"


def test_graph_inputs_and_clone():
    x, y = T.dscalars("x", "y")
    z = (x + y) * x
    assert theano.gof.graph.inputs([z]) == [x, y]
    w = T.dscalar("w")
    z2 = theano.clone(z, replace={x: w})
    assert theano.gof.graph.inputs([z2]) == [w, y]
    assert z2.eval({w: 2.0, y: 3.0}) == 10.0


@pytest.mark.parametrize("a, b, expected", [
    (T.ivector, T.fscalar, "float64"),
    (T.bvector, T.bscalar, "int8"),
    (T.fvector, T.fscalar, "float32"),
    (T.dvector, T.fvector, "float64"),
    (T.ivector, T.lscalar, "int64"),
    (T.wvector, T.iscalar, "int32"),
])
def test_upcasting_of_variables(a, b, expected):
    assert (a() + b()).dtype == expected


def test_python_literals_autocast_like_theano():
    assert (T.bvector() + 1).dtype == "int8"          # 1 fits int8
    assert (T.bvector() + 300).dtype == "int16"
    assert (T.fvector() * 2.0).dtype == "float32"     # 2.0 is exact in float32
    assert (T.fvector() * 0.1).dtype == "float64" or theano.config.floatX == "float32"
    assert (T.ivector() / T.ivector()).dtype == "float64"   # true_div of ints
    assert (T.ivector() // 2).dtype == "int32"
    assert (T.lscalar() < 3).dtype == "bool"


def test_broadcastable_results():
    r = T.drow()
    m = T.dmatrix()
    assert (r + m).broadcastable == (False, False)
    assert (r + r).broadcastable == (True, False)
    v = T.dvector()
    assert v.dimshuffle("x", 0).broadcastable == (True, False)
    assert v.dimshuffle(0, "x").type == T.dcol().type
    assert m.T.ndim == 2 and str(m.T.owner.op) == "DimShuffle{1,0}"
    assert T.shape_padleft(v).broadcastable == (True, False)
    assert T.shape_padright(v, 2).broadcastable == (False, True, True)
    assert T.addbroadcast(T.dmatrix(), 0).broadcastable == (True, False)
    assert T.unbroadcast(r, 0).broadcastable == (False, False)
    assert T.patternbroadcast(m, (False, True)).broadcastable == (False, True)


def test_comparisons_are_symbolic_and_refuse_bool():
    x, y = T.dscalars("x", "y")
    c = x < y
    assert isinstance(c, TensorVariable) and c.dtype == "bool"
    with pytest.raises(TypeError, match="Variables do not support boolean operations."):
        bool(c)
    with pytest.raises(TypeError):
        x < y < 3
    assert bool(x)  # other variables are true
    f = theano.function([x, y], [x < y, x <= y, x > y, x >= y, T.eq(x, y), T.neq(x, y)])
    assert [bool(v) for v in f(1.0, 2.0)] == [True, True, False, False, False, True]


def test_shared_variables_are_tensor_shared_variables():
    s = theano.shared(np.zeros((2, 2)), name="s")
    assert type(s) is TensorSharedVariable
    assert str(s) == "s" and str(s.type) == "TensorType(float64, matrix)"
    s2 = theano.shared(np.zeros((2, 2), dtype="float32"))
    assert str(s2.type) == "TensorType(float32, matrix)"
    assert theano.shared(3.0).type == T.dscalar().type
    assert theano.shared(3).type == T.lscalar().type
    assert theano.shared(np.zeros((1, 3)), broadcastable=(True, False)).broadcastable == (True, False)
