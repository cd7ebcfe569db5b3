"""Theano 1.0.5's module-level names (theano105_names.txt): read on first use, each module's line split
only when one of its names is asked for (the file is read during `import theano`: a shim module's
`from theano.tensor import raw_random` asks the fallback for `raw_random` first)."""
import os

_lines = None  # module -> the rest of its line
_split = {}    # module -> {name: is_function}


def _modules():
    global _lines
    if _lines is None:
        lines = {}
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "theano105_names.txt")) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                module, _, rest = line.rstrip("\n").partition(" ")
                if module:
                    lines[module] = rest
        _lines = lines
    return _lines


def is_theano_module(module):
    """Whether Theano 1.0.5 had this module (or package)."""
    return module in _modules()


def is_package(module):
    prefix = module + "."
    return any(m.startswith(prefix) for m in _modules())


def kind(module, name):
    """'function' or 'class' for a name Theano 1.0.5 defined in module, else None."""
    names = _split.get(module)
    if names is None:
        rest = _modules().get(module)
        if rest is None:
            return None
        names = _split[module] = {n[:-2] if n.endswith("()") else n: n.endswith("()") for n in rest.split()}
    if name not in names:
        return None
    return "function" if names[name] else "class"
