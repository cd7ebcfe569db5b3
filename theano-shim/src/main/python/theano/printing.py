"""theano.printing: pretty-printing of graphs (pp / pprint, by the engine's PPrinter port)."""
from theano import _engine as E
from theano.gof.graph import Variable

JPP = E.jtype("printing.PP")


class _PrettyPrinter(object):
    """theano.printing.pprint: callable on a variable (or a compiled function: its outputs)."""

    def __call__(self, *args):
        if len(args) == 1:
            return self.process(args[0])
        return "\n".join(self.process(a) for a in args)

    def process(self, r, pstate=None):
        if isinstance(r, Variable):
            with E.errors():
                return str(JPP.pp(r._v))
        maker = getattr(r, "maker", None)
        if maker is not None:
            return "\n".join(self.process(o) for o in maker.fgraph.outputs)
        if isinstance(r, (list, tuple)):
            return "\n".join(self.process(x) for x in r)
        raise TypeError("pprint cannot print %r: expected a Variable or a compiled function" % (r,))


pprint = _PrettyPrinter()
pp = pprint


def pydotprint(*args, **kwargs):
    raise NotImplementedError("theano-jvm: pydotprint (graph images) is not implemented yet")
