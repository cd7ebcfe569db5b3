"""theano.gof.fg: FunctionGraph's exceptions (the engine raises them by these names)."""


class InconsistencyError(Exception):
    """This exception should be thrown by listeners to FunctionGraph when the graph's state is invalid."""


class MissingInputError(Exception):
    """A variable needed to compute the outputs is neither an input nor a constant."""

    def __init__(self, *args, **kwargs):
        if kwargs:
            assert list(kwargs.keys()) == ["variable"]
            tr = getattr(list(kwargs.values())[0].tag, "trace", [])
            if tr:
                args = args + ("\nBacktrace when the variable is created:\n" + str(tr),)
        Exception.__init__(self, *args)
