"""theano.config: Theano 1.0's configuration, read from THEANO_FLAGS and .theanorc as Theano reads them.

Precedence (as in Theano): THEANO_FLAGS, then the config files named by THEANORC (default
~/.theanorc and ~/.theanorc.txt; plain keys in [global], dotted keys `a.b` in section [a]), then the
default. Values are validated when read and when assigned; unknown THEANO_FLAGS keys warn.
"""
import configparser as _stdlib_configparser
import contextlib
import os
import shlex
import warnings


class TheanoConfigWarning(Warning):
    @classmethod
    def warn(cls, message, stacklevel=0):
        warnings.warn(message, cls, stacklevel=stacklevel + 3)


def parse_config_string(config_string, issue_warnings=True):
    """'a=1,b.c=x' -> {'a': '1', 'b.c': 'x'}; later keys override earlier ones (Theano's rules)."""
    config_dict = {}
    splitter = shlex.shlex(config_string, posix=True)
    splitter.whitespace = ","
    splitter.whitespace_split = True
    for kv_pair in splitter:
        kv_pair = kv_pair.strip()
        if not kv_pair:
            continue
        kv_tuple = kv_pair.split("=", 1)
        if len(kv_tuple) == 1:
            if issue_warnings:
                TheanoConfigWarning.warn("Config key '%s' has no value, ignoring it" % kv_tuple[0], stacklevel=1)
        else:
            key, value = kv_tuple
            config_dict[key] = value
    return config_dict


def config_files_from_theanorc():
    rcfiles = [os.path.expanduser(path) for path in
               os.getenv("THEANORC", "~/.theanorc" + os.pathsep + "~/.theanorc.txt").split(os.pathsep)]
    return [path for path in rcfiles if path]


class ConfigParam:
    """One flag: its default, how a string becomes a value, and what to do when it changes."""

    def __init__(self, default, filter=None, allow_override=True, on_change=None):
        self.default = default
        self.filter = filter
        self.allow_override = allow_override
        self.on_change = on_change
        self.fullname = None
        self.doc = ""

    def convert(self, value):
        return self.filter(value) if self.filter is not None else value


class EnumStr(ConfigParam):
    def __init__(self, default, *options, **kwargs):
        self.all = (default,) + options
        for value in self.all:
            if not isinstance(value, str):
                raise ValueError(value, "is not a string for EnumStr")

        def filter(value):
            if value in self.all:
                return value
            raise ValueError('Invalid value ("%s") for configuration variable "%s". Valid options are %s'
                             % (value, self.fullname, self.all))
        super().__init__(default, filter, **kwargs)


class TypedParam(ConfigParam):
    def __init__(self, default, mytype, is_valid=None, **kwargs):
        self.mytype = mytype

        def filter(value):
            cast_value = mytype(value)
            if is_valid is not None and not is_valid(cast_value):
                raise ValueError("Invalid value (%s) for configuration variable '%s'." % (value, self.fullname))
            return cast_value
        super().__init__(default, filter, **kwargs)


def StrParam(default, is_valid=None, **kwargs):
    return TypedParam(default, str, is_valid, **kwargs)


def IntParam(default, is_valid=None, **kwargs):
    return TypedParam(default, int, is_valid, **kwargs)


def FloatParam(default, is_valid=None, **kwargs):
    return TypedParam(default, float, is_valid, **kwargs)


def BoolParam(default, **kwargs):
    def booltype(value):
        if value in ("False", "false", "0", "no", "off", False, 0):
            return False
        if value in ("True", "true", "1", "yes", "on", True, 1):
            return True
        raise ValueError("Invalid value (%s) for a boolean configuration variable." % (value,))
    return TypedParam(default, booltype, **kwargs)


class DeviceParam(ConfigParam):
    """'cpu', 'cuda', 'cudaN', 'opencl...' ('gpu'/'gpuN' were Theano 0.x names and are refused)."""

    def __init__(self, default, **kwargs):
        def filter(value):
            if value == "cpu" or value.startswith(("cuda", "opencl")):
                return value
            if value.startswith("gpu"):
                raise ValueError("You are trying to use the old GPU back-end. It was removed from Theano. "
                                 "Use device=cuda* now.")
            raise ValueError('Invalid value ("%s") for configuration variable "%s". Valid options start with '
                             'one of "cpu", "opencl" or "cuda"' % (value, self.fullname))
        super().__init__(default, filter, **kwargs)


class TheanoConfigParser:
    """The `theano.config` object: attributes are flags; dotted flags are nested sections."""

    def __init__(self, flags_dict, config_files):
        object.__setattr__(self, "_params", {})
        object.__setattr__(self, "_flags_dict", dict(flags_dict))
        parser = _stdlib_configparser.ConfigParser(interpolation=None)
        parser.read(config_files)
        object.__setattr__(self, "_file_parser", parser)

    # -- definition ---------------------------------------------------------------------------
    def add(self, name, doc, param):
        param.fullname = name
        param.doc = doc
        value = self._initial_value(name, param)
        self._params[name] = param
        section = name.rpartition(".")[0]
        if section:
            self._section(section)
        self._store(name, param.convert(value))

    def _initial_value(self, name, param):
        if name in self._flags_dict:
            return self._flags_dict.pop(name)
        section, _, attr = name.rpartition(".")
        try:
            return self._file_parser.get(section or "global", attr)
        except (_stdlib_configparser.NoOptionError, _stdlib_configparser.NoSectionError):
            return param.default() if callable(param.default) else param.default

    def _section(self, dotted):
        holder = self
        for part in dotted.split("."):
            child = holder.__dict__.get(part)
            if child is None:
                child = _Section(self, (holder._prefix + "." if isinstance(holder, _Section) else "") + part)
                object.__setattr__(holder, part, child)
            holder = child
        return holder

    _prefix = ""

    # -- values -------------------------------------------------------------------------------
    def _store(self, name, value):
        param = self._params[name]
        self.__dict__.setdefault("_value_store", {})[name] = value
        if param.on_change is not None:
            param.on_change(value)

    def _get(self, name):
        return self.__dict__["_value_store"][name]

    def _set(self, name, value):
        param = self._params[name]
        if not param.allow_override:
            raise AttributeError("Can't set the value of %s after initialization" % name)
        self._store(name, param.convert(value))

    def __getattr__(self, attr):
        params = object.__getattribute__(self, "_params")
        if attr in params:
            return self._get(attr)
        raise AttributeError("'TheanoConfigParser' object has no attribute '%s'" % attr)

    def __setattr__(self, attr, value):
        if attr in self._params:
            self._set(attr, value)
        else:
            raise AttributeError("Unknown Theano config flag '%s'" % attr)

    def unused_flags(self):
        return dict(self._flags_dict)

    @contextlib.contextmanager
    def change_flags(self, *args, **kwargs):
        """Temporarily change flags: `with theano.config.change_flags(floatX='float32'): ...`"""
        new = dict(*args, **kwargs)
        old = {}
        try:
            for name, value in new.items():
                name = name.replace("__", ".")
                old[name] = self._get(name)
                self._set(name, value)
            yield
        finally:
            for name, value in old.items():
                self._store(name, value)

    def __str__(self):
        lines = []
        for name, param in sorted(self._params.items()):
            lines.append("%s (%s) \n    Doc:  %s\n    Value:  %s\n" % (name, type(param).__name__, param.doc,
                                                                     self._get(name)))
        return "\n".join(lines)


class _Section:
    """A dotted prefix of theano.config (e.g. theano.config.gpuarray)."""

    def __init__(self, root, prefix):
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, attr):
        name = self._prefix + "." + attr
        if name not in self._root._params:
            raise AttributeError("Theano config section '%s' has no flag '%s'" % (self._prefix, attr))
        return self._root._get(name)

    def __setattr__(self, attr, value):
        name = self._prefix + "." + attr
        if name not in self._root._params:
            raise AttributeError("Unknown Theano config flag '%s'" % name)
        self._root._set(name, value)


def change_flags(*args, **kwargs):
    from theano import config
    return config.change_flags(*args, **kwargs)
