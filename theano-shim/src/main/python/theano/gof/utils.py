"""theano.gof.utils: the helpers user ops rely on (MetaObject for __props__, Scratchpad, MethodNotDefined)."""
import sys


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


class VariableTag(Scratchpad):
    """A Variable's tag: Theano's Scratchpad, which also hands the attributes the engine reads
    (ENGINE_READS, e.g. NanGuardMode's nan_guard_mode_check) to the engine Variable's tag map, which
    clones of the variable copy into compiled graphs. The engine variable sits in a slot, outside the
    attribute dict that prints and pickles."""
    __slots__ = ("_engine_variable",)
    ENGINE_READS = frozenset(["nan_guard_mode_check"])

    def __init__(self, engine_variable=None):
        object.__setattr__(self, "_engine_variable", engine_variable)

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        engine_variable = getattr(self, "_engine_variable", None)
        if name in VariableTag.ENGINE_READS and engine_variable is not None:
            engine_variable.tag().put(name, bool(value))

    def __delattr__(self, name):
        object.__delattr__(self, name)
        engine_variable = getattr(self, "_engine_variable", None)
        if name in VariableTag.ENGINE_READS and engine_variable is not None:
            engine_variable.tag().remove(name)

    def __getstate__(self):
        return dict(self.__dict__)

    def __setstate__(self, state):
        self.__dict__.update(state)


def flatten(a):
    """Recursively flattens tuples and lists."""
    if isinstance(a, (tuple, list, set)):
        out = []
        for item in a:
            out.extend(flatten(item))
        return out
    return [a]


# Frames inside Theano's own graph-building code are not the user's line: Theano skips them.
_TRACE_SKIPS = ("theano/tensor/", "theano\\tensor\\", "theano/compile/", "theano\\compile\\", "theano/gof/",
                "theano\\gof\\", "theano/scalar/", "theano\\scalar\\", "theano/sandbox/", "theano\\sandbox\\",
                "theano/scan_module/", "theano\\scan_module\\", "theano/sparse/", "theano\\sparse\\",
                "theano/_engine.py", "theano\\_engine.py", "theano/gradient.py", "theano\\gradient.py",
                "theano/ifelse.py", "theano\\ifelse.py", "theano/printing.py", "theano\\printing.py")


_skipped_files = {}  # filename -> whether it is Theano's own graph-building code (_TRACE_SKIPS)


def _skipped(filename, skips):
    if skips is not _TRACE_SKIPS:
        return "tests" not in filename and any(s in filename for s in skips)
    found = _skipped_files.get(filename)
    if found is None:
        found = _skipped_files[filename] = "tests" not in filename and any(s in filename for s in skips)
    return found


def _is_launcher(code):
    """The bin/theano-jvm launcher's frame that runs the user's script: nothing from there outwards is
    the user's (CPython's traces start at the script, and so do these)."""
    return code.co_name == "main" and code.co_filename.endswith(("theano_jvm/run.py", "theano_jvm\\run.py"))


def _user_frames(f, limit, skips):
    """(code, lineno) of up to `limit` frames from f outwards, after the innermost ones whose file
    contains one of `skips` (Theano's own code, unless a test): Theano's rule."""
    frames = []
    while f is not None and (limit is None or len(frames) < limit):
        code = f.f_code
        if _is_launcher(code):
            break
        if frames or not skips or not _skipped(code.co_filename, skips):
            frames.append((code, f.f_lineno))
        f = f.f_back
    return frames


def _entries(frames):
    """(filename, lineno, name, line) per (code, lineno), oldest first, as simple_extract_stack gives them.
    Like Theano, this does not re-check source files on disk (linecache.checkcache)."""
    import linecache
    trace = []
    for code, lineno in reversed(frames):
        line = linecache.getline(code.co_filename, lineno)
        trace.append((code.co_filename, lineno, code.co_name, line.strip() if line else None))
    return trace


def simple_extract_stack(f=None, limit=None, skips=()):
    """(filename, lineno, name, line) of the calling frames, oldest first: Theano's simple_extract_stack.
    Frames are taken from the innermost outwards, leaving out the innermost ones whose file contains
    one of `skips`, at most `limit` of them."""
    return _entries(_user_frames(f if f is not None else sys._getframe(1), limit, skips))


def _format_trace(trace):
    """What traceback.format_list writes for these (filename, lineno, name, line) entries, built
    directly: going through StackSummary re-reads every line through linecache."""
    out = []
    last, repeats = None, 0
    for filename, lineno, name, line in trace:
        if (filename, lineno, name) == last:
            repeats += 1
            if repeats >= 3:  # traceback's recursion cut-off
                continue
        else:
            if repeats > 2:
                out.append("  [Previous line repeated %d more time%s]\n" % (repeats - 2, "" if repeats == 3 else "s"))
            last, repeats = (filename, lineno, name), 0
        out.append('  File "%s", line %d, in %s\n' % (filename, lineno, name))
        if line:
            out.append("    %s\n" % line)
    if repeats > 2:
        out.append("  [Previous line repeated %d more time%s]\n" % (repeats - 2, "" if repeats == 3 else "s"))
    return "".join(out)


class CreationTrace(object):
    """Where a variable was created, kept under its tag "trace": the frames' code objects and line
    numbers only, turned into traceback.print_list's text (str) the first time an error message needs
    it. Every variable a graph creates records one, and on GraalPy, where graph-building code runs
    interpreted, reading source lines and formatting them up front doubled the cost of creating a
    variable (a second MLP compile: 0.51 s against 0.32 s without traces)."""

    __slots__ = ("_frames", "_text")

    def __init__(self, frames):
        self._frames = frames
        self._text = None

    def entries(self):
        """(filename, lineno, name, line) per frame, oldest first (Theano's tag.trace[0])."""
        return _entries(self._frames)

    def __str__(self):
        if self._text is None:
            self._text = _format_trace(self.entries())
        return self._text

    __repr__ = __str__


# theano.config's dict of flag values, read directly: add_tag_trace runs for every variable a graph
# creates, and on GraalPy the config's attribute lookups cost more than the rest of it
_config_values = []


def add_tag_trace(thing, user_line=None):
    """Record where `thing` (a Variable) was created, for error messages (Theano's tag.trace): the
    user's frames, at most theano.config.traceback.limit of them (-1: all, 0: none), as a
    CreationTrace under the engine variable's tag "trace" (the engine reads its text)."""
    if not _config_values:
        from theano import config
        _config_values.append(config._value_store)
    flags = _config_values[0]
    if user_line is None:
        user_line = flags["traceback.limit"]
    if user_line == 0:
        return thing
    if user_line == -1:
        user_line = None
    skips = () if flags["traceback.compile_limit"] > 0 else _TRACE_SKIPS
    frames = _user_frames(sys._getframe(1), user_line, skips)
    if frames:
        jv = thing._v if hasattr(thing, "_v") else thing  # a Python Variable or the engine variable itself
        jv.tag().put("trace", CreationTrace(frames))
    return thing
