"""Theano 1.0.5's module-level names (theano105_names.txt): read the first time a pickle names something
the shim lacks (never by `import theano`), each module's line split only when one of its names is asked
for. The GPU back ends (theano.sandbox.cuda, theano.gpuarray) are not in the table: a pickle holding GPU
objects fails naming the GPU class."""
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
