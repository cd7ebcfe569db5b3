"""theano.compile.io: input and output specifications of theano.function (In, Out)."""
from theano.gof.graph import Variable


class SymbolicInput(object):
    """An input of a function: the variable plus how values reach it (theano.compile.io.SymbolicInput)."""

    def __init__(self, variable, name=None, update=None, mutable=None, strict=False, allow_downcast=None,
                 autoname=True, implicit=False):
        assert implicit is not None
        self.variable = variable
        if autoname and name is None:
            self.name = variable.name
        else:
            self.name = name
        if self.name is not None and not isinstance(self.name, str):
            raise TypeError("name must be a string! (got: %s)" % self.name)
        self.update = update
        if update is not None:
            if not variable.type == update.type:
                raise TypeError("Variable '%s' has type %s but an update of type %s. The type of the update should "
                                "be the same as the type of the variable" % (variable, variable.type, update.type))
        if mutable is not None:
            self.mutable = mutable
        else:
            self.mutable = update is not None
        self.strict = strict
        self.allow_downcast = allow_downcast
        self.implicit = implicit

    def __str__(self):
        if self.update:
            return "In(%s -> %s)" % (self.variable, self.update)
        else:
            return "In(%s)" % self.variable

    def __repr__(self):
        return str(self)


class In(SymbolicInput):
    """theano.In(variable, name=None, value=None, update=None, mutable=None, strict=False,
    allow_downcast=None, autoname=True, implicit=None, borrow=None, shared=False): an input with an
    optional default value (and state update), keyword name and conversion flags."""

    def __init__(self, variable, name=None, value=None, update=None, mutable=None, strict=False,
                 allow_downcast=None, autoname=True, implicit=None, borrow=None, shared=False):
        if borrow is None:
            self.borrow = False
        else:
            self.borrow = borrow
        if mutable is not None and mutable and self.borrow is False and borrow is not None:
            raise AssertionError("Symbolic input for variable %s (name=%s) has flags mutable=True, borrow=False. "
                                 "This combination is incompatible since mutable=True implies that the input "
                                 "variable may be both aliased (borrow=True) and overwritten." % (variable, name))
        if implicit is None:
            from theano.compile.sharedvalue import SharedVariable
            implicit = isinstance(value, SharedVariable)
        super(In, self).__init__(variable=variable, name=name, update=update, mutable=mutable, strict=strict,
                                 allow_downcast=allow_downcast, autoname=autoname, implicit=implicit)
        self.value = value
        self.shared = shared
        if self.implicit:
            assert self.value is not None


class SymbolicOutput(object):
    """An output of a function (theano.compile.io.SymbolicOutput / Out); borrow is accepted: outputs are
    always fresh NumPy arrays here."""

    def __init__(self, variable, borrow=False):
        self.variable = variable
        self.borrow = borrow

    def __str__(self):
        return "Out(%s,%s)" % (self.variable, self.borrow)

    __repr__ = __str__


Out = SymbolicOutput
