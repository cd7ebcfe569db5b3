"""theano.gof: the graph layer (Variables, Apply nodes, Ops, Types)."""
from theano.gof.fg import InconsistencyError, MissingInputError
from theano.gof.graph import Apply, Constant, Node, Variable, graph_inputs, inputs
from theano.gof.op import JavaOp, Op, PureOp
from theano.gof.type import Type
from theano.gof.utils import MethodNotDefined, object2
