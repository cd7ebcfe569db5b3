"""The one exception of the py2 package, apart so that catching it imports nothing heavy."""


class NotPython2(Exception):
    """The source does not parse (or decode) as Python 2 either."""

    def __init__(self, message, lineno=None):
        super().__init__(message)
        self.lineno = lineno
