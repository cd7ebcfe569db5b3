"""theano.gradient: symbolic differentiation (grad, Rop, Lop, jacobian, hessian), gradient-shaping
ops (zero_grad, disconnected_grad, consider_constant, grad_clip, grad_scale) and the numeric checks
users write tests with (numeric_grad, verify_grad).

grad/Rop/Lop run in the engine (org.theanojvm.engine.gradient.Gradient), a port of Theano's
algorithm; this module converts arguments, keeps Theano's list/tuple/single return conventions and
routes the engine's warnings (disconnected_inputs='warn', on_unused_input='warn') to warnings.warn.
"""
import builtins
import warnings
from collections import OrderedDict

import numpy as np

import theano
from theano import _engine as E
from theano.gof.graph import Variable
from theano.gof.null_type import NullType, null_type
from theano.gof.op import Op
from theano.gof.type import Type, register_type_class

JGradient = E.jtype("gradient.Gradient")
JGradOps = E.jtype("gradient.GradOps")


def _warn(message):
    warnings.warn(str(message), stacklevel=3)


JGradient.warningSink = _warn


class DisconnectedInputError(ValueError):
    """Raised when grad is asked to compute the gradient with respect to a disconnected input and
    disconnected_inputs='raise'."""


class NullTypeGradError(TypeError):
    """Raised when grad encounters a NullType."""


class GradientError(Exception):
    """This error is raised when a gradient is calculated, but incorrect."""

    def __init__(self, arg, err_pos, shape, val1, val2, abs_err, rel_err, abs_tol, rel_tol):
        Exception.__init__(self)
        self.arg = arg
        self.err_pos = err_pos
        self.shape = shape
        self.val1 = val1
        self.val2 = val2
        self.abs_err = abs_err
        self.rel_err = rel_err
        self.abs_tol = abs_tol
        self.rel_tol = rel_tol

    def __str__(self):
        args_msg = ", ".join(str(a) for a in self.args)
        return """\
GradientError: numeric gradient and analytic gradient exceed tolerance:
        At position %i of argument %i with shape %s,
            val1 = %f      ,  val2 = %f
            abs. error = %f,  abs. tolerance = %f
            rel. error = %f,  rel. tolerance = %f
Exception args: %s""" % (self.err_pos, self.arg, self.shape, self.val1, self.val2, self.abs_err, self.abs_tol,
                         self.rel_err, self.rel_tol, args_msg)


class DisconnectedType(Type):
    """The type of a gradient placeholder meaning "this input does not influence that output"."""

    def __init__(self):
        self._t = E.JDisconnectedType.INSTANCE

    @classmethod
    def _from_engine(cls, jt):
        return cls()

    def filter(self, data, strict=False, allow_downcast=None):
        raise AssertionError("If you're assigning to a DisconnectedType you're doing something wrong. It should "
                             "only be used as a symbolic placeholder.")

    def __str__(self):
        return "DisconnectedType"

    def __eq__(self, other):
        return type(self) == type(other)

    def __hash__(self):
        return hash(type(self))


disconnected_type = DisconnectedType()
register_type_class("DisconnectedType", DisconnectedType._from_engine)


def format_as(use_list, use_tuple, outputs):
    """outputs as a list, a tuple, or (a one-element list) its single element."""
    assert not (use_list and use_tuple), "Both flags cannot be simultaneously True"
    if (use_list or use_tuple) and not isinstance(outputs, (list, tuple)):
        if use_list:
            return [outputs]
        else:
            return (outputs,)
    elif not (use_list or use_tuple) and isinstance(outputs, (list, tuple)):
        assert len(outputs) == 1, "Wrong arguments. Expected a one-element list"
        return outputs[0]
    elif use_list or use_tuple:
        if use_list:
            return list(outputs)
        else:
            return tuple(outputs)
    else:
        return outputs


def grad_not_implemented(op, x_pos, x, comment=""):
    """A NullType variable: op's gradient with respect to input x_pos is not implemented."""
    return (NullType(("This variable is Null because the grad method for input %s (%s) of the %s op is not "
                      "implemented. %s") % (x_pos, x, op, comment)))()


def grad_undefined(op, x_pos, x, comment=""):
    """A NullType variable: op's gradient with respect to input x_pos is mathematically undefined."""
    return (NullType(("This variable is Null because the grad method for input %s (%s) of the %s op is "
                      "mathematically undefined. %s") % (x_pos, x, op, comment)))()


def _as_var(x):
    from theano.tensor.basic import as_tensor_variable
    return x if isinstance(x, Variable) else as_tensor_variable(x)


def _jvars(xs):
    return E.jlist([x._v for x in xs])


def grad(cost, wrt, consider_constant=None, disconnected_inputs="raise", add_names=True, known_grads=None,
         return_disconnected="zero", null_gradients="raise"):
    """Gradients of the scalar `cost` with respect to `wrt` (a variable, list or tuple: the result
    has the same form), by Theano's backward walk."""
    if cost is None and known_grads is None:
        raise AssertionError("cost and known_grads can't both be None.")
    if cost is not None and isinstance(cost.type, NullType):
        raise ValueError("Can't differentiate a NaN cost.cost is NaN because " + cost.type.why_null)
    if cost is not None and cost.ndim != 0:
        raise TypeError("cost must be a scalar.")
    if isinstance(wrt, set):
        raise TypeError("wrt must not be a set. sets have no defined iteration order, so we can't return gradients "
                        "in a  matching order.")
    using_list = isinstance(wrt, list)
    using_tuple = isinstance(wrt, tuple)
    if not using_list and not using_tuple:
        wrt = [wrt]
    for elem in wrt:
        if not isinstance(elem, Variable):
            raise TypeError("Expected Variable, got " + str(elem) + " of type " + str(type(elem)))
    jconsider = None
    if consider_constant is not None:
        if not hasattr(consider_constant, "__iter__"):
            raise TypeError("consider_constant must be an iterable collection, got " + str(type(consider_constant)))
        for elem in consider_constant:
            if not isinstance(elem, Variable):
                raise TypeError("Elements of consider_constant must be variables, but got " + str(type(elem)))
        jconsider = _jvars(consider_constant)
    jknown = None
    if known_grads is not None:
        if not isinstance(known_grads, (dict, OrderedDict)):
            raise TypeError("known_grads must be an OrderedDict. ")
        jknown = E.LinkedHashMap()
        for var, g in known_grads.items():
            if not isinstance(var, Variable):
                raise TypeError("known_grads key %s is not a Variable" % (var,))
            jknown.put(var._v, _as_var(g)._v)
    if return_disconnected not in ("zero", "None", "Disconnected"):
        raise ValueError("Invalid value for keyword 'return_disconnected', valid values are 'zero', 'None' and "
                         "'Disconnected'.")
    with E.errors():
        r = JGradient.grad(None if cost is None else cost._v, _jvars(wrt), jconsider, disconnected_inputs,
                           bool(add_names), jknown, return_disconnected, null_gradients)
    rval = [E.wrap(v) for v in r]
    return format_as(using_list, using_tuple, rval)


def Rop(f, wrt, eval_points, disconnected_outputs="raise", return_disconnected="zero"):
    """The R-operator: J(f; wrt) times eval_points (f, wrt and eval_points: variables or lists)."""
    using_list = isinstance(f, list)
    using_tuple = isinstance(f, tuple)
    if not isinstance(wrt, (list, tuple)):
        wrt = [wrt]
    if not isinstance(eval_points, (list, tuple)):
        eval_points = [eval_points]
    if not isinstance(f, (list, tuple)):
        f = [f]
    assert len(wrt) == len(eval_points)
    eval_points = [_as_var(e) for e in eval_points]
    for i, (wrt_elem, eval_point) in enumerate(zip(wrt, eval_points)):
        if not isinstance(wrt_elem, Variable):
            wrt_elem = _as_var(wrt_elem)
        wrt_dim = len(wrt_elem.type.broadcastable)
        eval_dim = len(eval_point.type.broadcastable)
        if wrt_dim != eval_dim:
            raise ValueError("Element " + str(i) + " of wrt/eval_point have mismatched dimensionality: " +
                             str(wrt_dim) + " versus " + str(eval_dim))
    with E.errors():
        r = JGradient.rop(_jvars(f), _jvars(wrt), _jvars(eval_points))
    return format_as(using_list, using_tuple, [E.wrap(v) for v in r])


def Lop(f, wrt, eval_points, consider_constant=None, disconnected_inputs="raise"):
    """The L-operator: eval_points times J(f; wrt), through grad with known_grads."""
    if type(eval_points) not in (list, tuple):
        eval_points = [eval_points]
    using_list = isinstance(wrt, list)
    using_tuple = isinstance(wrt, tuple)
    if not isinstance(f, (list, tuple)):
        f = [f]
    f = list(f)
    grads = [_as_var(g) for g in eval_points]
    if not isinstance(wrt, (list, tuple)):
        wrt = [wrt]
    assert len(f) == len(grads)
    known = OrderedDict(zip(f, grads))
    ret = grad(cost=None, known_grads=known, consider_constant=consider_constant, wrt=wrt,
               disconnected_inputs=disconnected_inputs)
    return format_as(using_list, using_tuple, ret)


def _grad_op(fn, x):
    x = _as_var(x)
    with E.errors():
        return E.wrap(fn(x._v))


def zero_grad(x):
    """x, whose gradient is zero (the graph is not differentiated through it)."""
    return _grad_op(JGradOps.zeroGrad, x)


def disconnected_grad(x):
    """x, treated as disconnected by grad (its gradient is DisconnectedType)."""
    return _grad_op(JGradOps.disconnectedGrad, x)


def consider_constant(x):
    """x, treated as a constant by grad (the older spelling of zero_grad)."""
    return _grad_op(JGradOps.considerConstant, x)


class GradClip(Op):
    """Identity whose gradient is clipped to [clip_lower_bound, clip_upper_bound] (a Python op: the
    engine has none). The bounds are props here (Theano's GradClip has none), so graph rewrites that
    merge equal nodes never merge clips with different bounds; str stays Theano's "GradClip"."""
    __props__ = ("clip_lower_bound", "clip_upper_bound")

    def __str__(self):
        return "GradClip"

    def __init__(self, clip_lower_bound, clip_upper_bound):
        self.clip_lower_bound = clip_lower_bound
        self.clip_upper_bound = clip_upper_bound
        assert self.clip_upper_bound >= self.clip_lower_bound

    def make_node(self, x):
        from theano.gof.graph import Apply
        x = _as_var(x)
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0]

    def grad(self, args, g_outs):
        from theano.tensor.basic import clip
        return [clip(g_out, self.clip_lower_bound, self.clip_upper_bound) for g_out in g_outs]

    def R_op(self, inputs, eval_points):
        return list(eval_points)

    def infer_shape(self, node, shapes):
        return shapes


def grad_clip(x, lower_bound, upper_bound):
    """x, with its gradient clipped elementwise to [lower_bound, upper_bound] during backprop."""
    return GradClip(lower_bound, upper_bound)(x)


class GradScale(Op):
    """Identity whose gradient is multiplied by `multiplier` (a prop, for the same reason as GradClip)."""
    __props__ = ("multiplier",)

    def __str__(self):
        return "GradScale"

    def __init__(self, multiplier):
        self.multiplier = multiplier

    def make_node(self, x):
        from theano.gof.graph import Apply
        x = _as_var(x)
        return Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0]

    def grad(self, args, g_outs):
        return [self.multiplier * g_out for g_out in g_outs]

    def R_op(self, inputs, eval_points):
        return list(eval_points)


def grad_scale(x, multiplier):
    """x, with its gradient scaled by multiplier."""
    return GradScale(multiplier)(x)


def _jacobian_class():
    jac = E.optional_jtype("gradient.Jacobian")
    if jac is None:
        raise NotImplementedError("theano-jvm: jacobian and hessian need the engine's scan, which this engine build "
                                  "does not have yet")
    return jac


def jacobian(expression, wrt, consider_constant=None, disconnected_inputs="raise"):
    """The Jacobian of the vector `expression` with respect to `wrt` (built on scan, as Theano)."""
    if not isinstance(expression, Variable):
        raise TypeError("jacobian expects a Variable as `expression`")
    using_list = isinstance(wrt, list)
    using_tuple = isinstance(wrt, tuple)
    if not isinstance(wrt, (list, tuple)):
        wrt = [wrt]
    jac = _jacobian_class()
    with E.errors():
        r = jac.jacobian(expression._v, _jvars(wrt), None if consider_constant is None else _jvars(consider_constant),
                         disconnected_inputs)
    return format_as(using_list, using_tuple, [E.wrap(v) for v in r])


def hessian(cost, wrt, consider_constant=None, disconnected_inputs="raise"):
    """The Hessian of the scalar `cost` with respect to each vector in `wrt`."""
    using_list = isinstance(wrt, list)
    using_tuple = isinstance(wrt, tuple)
    if not isinstance(wrt, (list, tuple)):
        wrt = [wrt]
    jac = _jacobian_class()
    with E.errors():
        r = jac.hessian(cost._v, _jvars(wrt), None if consider_constant is None else _jvars(consider_constant),
                        disconnected_inputs)
    return format_as(using_list, using_tuple, [E.wrap(v) for v in r])


# ----------------------------------------------------------------------------- numeric checks

class numeric_grad(object):
    """Forward finite differences of a function of arrays, with Theano's per-dtype eps (1e-7 for float64)."""

    type_eps = {"float64": 1e-7, "float32": 3e-4, "float16": 1e-1,
                np.dtype("float64"): 1e-7, np.dtype("float32"): 3e-4, np.dtype("float16"): 1e-1}

    def __init__(self, f, pt, eps=None, out_type=None):
        def prod(inputs):
            rval = 1
            for i in inputs:
                rval *= i
            return rval

        packed_pt = False
        if not isinstance(pt, (list, tuple)):
            pt = [pt]
            packed_pt = True
        apt = [np.array(p) for p in pt]
        shapes = [p.shape for p in apt]
        dtypes = [str(p.dtype) for p in apt]
        total_size = builtins.sum(prod(sh) for sh in shapes)
        working_dtype = builtins.min((self.type_eps[dt], dt) for dt in dtypes)[1]
        x = np.ndarray((total_size,), dtype=working_dtype)
        if (out_type is not None) and (out_type.startswith("complex")):
            gx = np.ndarray((total_size,), dtype=out_type)
        else:
            gx = np.ndarray((total_size,), dtype=working_dtype)
        if eps is None:
            eps = builtins.max(self.type_eps[dt] for dt in dtypes)
        cur_pos = 0
        self.gf = []
        for i, p in enumerate(apt):
            p_size = prod(p.shape)
            apt[i] = x[cur_pos: cur_pos + p_size].reshape(p.shape)
            self.gf.append(gx[cur_pos: cur_pos + p_size].reshape(p.shape))
            apt[i][...] = p
            cur_pos += p_size
        f_x = f(*[p.copy() for p in apt])
        x_copy = x.copy()
        for i in range(total_size):
            x[:] = x_copy
            x[i] += eps
            f_eps = f(*[p.copy() for p in apt])
            gx[i] = ((f_eps - f_x) / eps)
        if packed_pt:
            self.gf = self.gf[0]

    @staticmethod
    def abs_rel_err(a, b):
        abs_err = abs(a - b)
        rel_err = abs_err / np.maximum(abs(a) + abs(b), 1e-8)
        return np.asarray(abs_err), np.asarray(rel_err)

    def abs_rel_errors(self, g_pt):
        if len(g_pt) != len(self.gf):
            raise ValueError("argument has wrong number of elements", len(g_pt))
        errs = []
        for i, (a, b) in enumerate(zip(g_pt, self.gf)):
            if a.shape != b.shape:
                raise ValueError("argument element %i has wrong shape %s" % (i, str((a.shape, b.shape))))
            errs.append(numeric_grad.abs_rel_err(a, b))
        return errs

    def max_err(self, g_pt, abs_tol, rel_tol):
        pos, errs, abs_errs, rel_errs = [], [], [], []
        for abs_err, rel_err in self.abs_rel_errors(g_pt):
            if not np.all(np.isfinite(abs_err)):
                raise ValueError("abs_err not finite", repr(abs_err))
            if not np.all(np.isfinite(rel_err)):
                raise ValueError("rel_err not finite", repr(rel_err))
            scaled_err = np.minimum(abs_err / abs_tol, rel_err / rel_tol)
            max_i = scaled_err.argmax()
            pos.append(max_i)
            errs.append(scaled_err.flatten()[max_i])
            abs_errs.append(abs_err.flatten()[max_i])
            rel_errs.append(rel_err.flatten()[max_i])
        max_arg = np.argmax(errs)
        max_pos = pos[max_arg]
        return (max_arg, max_pos, abs_errs[max_arg], rel_errs[max_arg])


def verify_grad(fun, pt, n_tests=2, rng=None, eps=None, out_type=None, abs_tol=None, rel_tol=None, mode=None,
                cast_to_output_type=False, no_debug_ref=True):
    """Checks fun's symbolic gradient against finite differences at the point pt (Theano's
    verify_grad: the output is projected on a random tensor, so one scalar cost covers all outputs;
    raises GradientError when both the absolute and the relative error exceed their tolerances)."""
    from theano.tensor.basic import as_tensor_variable
    from theano.tensor.type import TensorType
    assert isinstance(pt, (list, tuple))
    pt = [np.array(p) for p in pt]
    for i, p in enumerate(pt):
        if p.dtype not in ("float16", "float32", "float64"):
            raise TypeError(("verify_grad can work only with floating point inputs, but input %i has dtype "
                             "\"%s\".") % (i, p.dtype))
    _type_tol = dict(float16=5e-2, float32=1e-2, float64=1e-4)
    if abs_tol is None:
        abs_tol = builtins.max(_type_tol[str(p.dtype)] for p in pt)
    if rel_tol is None:
        rel_tol = builtins.max(_type_tol[str(p.dtype)] for p in pt)
    if rng is None:
        raise TypeError("rng should be a valid instance of numpy.random.RandomState. You may want to use "
                        "theano.tests.unittest_tools.verify_grad instead of theano.gradient.verify_grad.")

    def function(inputs, output, name, mode=mode):
        return theano.function(inputs, output, accept_inplace=True, allow_input_downcast=True, mode=mode,
                               on_unused_input="ignore", name=name)

    tensor_pt = [TensorType(as_tensor_variable(p).dtype, as_tensor_variable(p).broadcastable)(name="input %i" % i)
                 for i, p in enumerate(pt)]
    o_output = fun(*tensor_pt)
    if isinstance(o_output, list):
        raise NotImplementedError("cant (yet) autotest gradient of fun with multiple outputs")
    o_fn = function(tensor_pt, o_output, name="gradient.py fwd")
    o_fn_out = o_fn(*[p.copy() for p in pt])
    if isinstance(o_fn_out, (tuple, list)):
        raise TypeError("It seems like you are trying to use verify_grad on an op or a function which outputs a "
                        "list: there should be a single (array-like) output instead")

    def random_projection():
        plain = rng.rand(*o_fn_out.shape) + 0.5
        if cast_to_output_type and o_output.dtype == "float32":
            return np.array(plain, o_output.dtype)
        return plain

    t_r = theano.shared(random_projection(), borrow=True)
    t_r.name = "random_projection"
    cost = theano.tensor.sum(t_r * o_output)
    cost_fn = function(tensor_pt, cost, name="gradient.py cost")
    symbolic_grad = grad(cost, tensor_pt, disconnected_inputs="ignore")
    grad_fn = function(tensor_pt, symbolic_grad, name="gradient.py symbolic grad")
    for test_num in range(n_tests):
        try:
            num_grad = numeric_grad(cost_fn, [p.copy() for p in pt], eps, out_type)
            analytic_grad = grad_fn(*[p.copy() for p in pt])
            assert isinstance(analytic_grad, list)
            max_arg, max_err_pos, max_abs_err, max_rel_err = num_grad.max_err(analytic_grad, abs_tol, rel_tol)
            if max_abs_err > abs_tol and max_rel_err > rel_tol:
                raise verify_grad.E_grad(max_arg, max_err_pos, analytic_grad[max_arg].shape,
                                         num_grad.gf[max_arg].flatten()[max_err_pos],
                                         analytic_grad[max_arg].flatten()[max_err_pos],
                                         max_abs_err, max_rel_err, abs_tol, rel_tol)
            if test_num < n_tests - 1:
                t_r.set_value(random_projection(), borrow=True)
        except Exception as e:
            e.args += ("\nThe error happened with the following inputs:", pt, "\nThe value of eps is:", eps,
                       "\nThe out_type is:", out_type)
            raise


verify_grad.E_grad = GradientError
