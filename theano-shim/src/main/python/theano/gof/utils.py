"""theano.gof.utils: the helpers user ops rely on (MetaObject for __props__, Scratchpad, MethodNotDefined)."""


class MethodNotDefined(Exception):
    """Raised by methods an Op subclass is expected to define."""


class MetaObject(type):
    """Gives classes that declare __props__ Theano's generated _props, __hash__, __eq__ and __str__."""

    def __new__(cls, name, bases, dct):
        props = dct.get("__props__", None)
        if props is not None:
            if not isinstance(props, tuple):
                raise TypeError("__props__ has to be a tuple")
            if not all(isinstance(p, str) for p in props):
                raise TypeError("elements of __props__ have to be strings")

            def _props(self):
                return tuple(getattr(self, a) for a in props)
            dct["_props"] = _props

            def _props_dict(self):
                return dict([(a, getattr(self, a)) for a in props])
            dct["_props_dict"] = _props_dict

            if "__hash__" not in dct:
                def __hash__(self):
                    return hash((type(self), tuple(getattr(self, a) for a in props)))
                dct["__hash__"] = __hash__

            if "__eq__" not in dct:
                def __eq__(self, other):
                    return (type(self) == type(other) and
                            tuple(getattr(self, a) for a in props) == tuple(getattr(other, a) for a in props))
                dct["__eq__"] = __eq__

            if "__str__" not in dct:
                if len(props) == 0:
                    def __str__(self):
                        return "%s" % (self.__class__.__name__,)
                else:
                    def __str__(self):
                        return "%s{%s}" % (self.__class__.__name__,
                                           ", ".join("%s=%r" % (p, getattr(self, p)) for p in props))
                dct["__str__"] = __str__
        return super(MetaObject, cls).__new__(cls, name, bases, dct)


class object2(object, metaclass=MetaObject):
    __slots__ = []

    def __ne__(self, other):
        return not self == other


class scratchpad(object):
    """A free-form attribute bag (variable.tag)."""

    def clear(self):
        self.__dict__.clear()

    def __update__(self, other):
        self.__dict__.update(other.__dict__)
        return self

    def __str__(self):
        return "scratchpad" + str(self.__dict__)

    def __repr__(self):
        return "scratchpad" + str(self.__dict__)

    def info(self):
        print("<theano.gof.utils.scratchpad instance at %i>" % id(self))
        for k, v in self.__dict__.items():
            print("  %s: %s" % (k, v))


class Scratchpad(scratchpad):
    def __getattribute__(self, name):
        # Theano's Scratchpad: missing attributes raise AttributeError, like a plain object
        return object.__getattribute__(self, name)


def flatten(a):
    """Recursively flattens tuples and lists."""
    if isinstance(a, (tuple, list, set)):
        out = []
        for item in a:
            out.extend(flatten(item))
        return out
    return [a]


def add_tag_trace(thing, user_line=None):
    """Theano records where a variable was created; theano-jvm keeps no traces yet (it costs every
    graph construction a stack walk), so this is the identity."""
    return thing


# Frames inside Theano's own graph-building code are not the user's line: Theano skips them.
_TRACE_SKIPS = ("theano/tensor/", "theano\\tensor\\", "theano/compile/", "theano\\compile\\", "theano/gof/",
                "theano\\gof\\", "theano/scalar/", "theano\\scalar\\", "theano/sandbox/", "theano\\sandbox\\",
                "theano/scan_module/", "theano\\scan_module\\", "theano/sparse/", "theano\\sparse\\",
                "theano/_engine.py", "theano\\_engine.py", "theano/gradient.py", "theano\\gradient.py",
                "theano/ifelse.py", "theano\\ifelse.py", "theano/printing.py", "theano\\printing.py")


def simple_extract_stack(f=None, limit=None, skips=()):
    """(filename, lineno, name, line) of the calling frames, oldest first, leaving out frames whose file
    contains one of `skips`; at most `limit` of them (Theano's simple_extract_stack)."""
    import linecache
    import sys
    if f is None:
        f = sys._getframe(1)
    trace = []
    while f is not None and (limit is None or len(trace) < limit):
        co = f.f_code
        filename = co.co_filename
        if not any(s in filename for s in skips):
            lineno = f.f_lineno
            linecache.checkcache(filename)
            line = linecache.getline(filename, lineno, f.f_globals)
            trace.append((filename, lineno, co.co_name, line.strip() if line else None))
        f = f.f_back
    trace.reverse()
    return trace


def add_tag_trace(thing, user_line=None):
    """Record where `thing` (a Variable) was created, for error messages (Theano's tag.trace): the
    user's frames, at most theano.config.traceback.limit of them (-1: all, 0: none). The engine keeps the
    text traceback.print_list writes under the variable's tag "trace"."""
    import traceback
    from theano import config
    if user_line is None:
        user_line = config.traceback.limit
    if user_line == 0:
        return thing
    if user_line == -1:
        user_line = None
    skips = () if config.traceback.compile_limit > 0 else _TRACE_SKIPS
    tr = simple_extract_stack(limit=user_line, skips=skips)
    if tr:
        text = "".join(traceback.format_list(traceback.StackSummary.from_list(tr)))
        jv = thing._v if hasattr(thing, "_v") else thing  # a Python Variable or the engine variable itself
        jv.tag().put("trace", text)
    return thing
