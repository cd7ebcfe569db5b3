"""Theano 1.0.5's module-level names (theano105_names.txt), read once on first use."""
import os

_table = None


def _load():
    global _table
    if _table is None:
        table = {}
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "theano105_names.txt")) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                module, *names = line.split()
                table[module] = {n[:-2] if n.endswith("()") else n: n.endswith("()") for n in names}
        _table = table
    return _table


def is_theano_module(module):
    """Whether Theano 1.0.5 had this module (or package)."""
    return module in _load()


def is_package(module):
    prefix = module + "."
    return any(m.startswith(prefix) for m in _load())


def kind(module, name):
    """'function' or 'class' for a name Theano 1.0.5 defined in module, else None."""
    names = _load().get(module)
    if names is None or name not in names:
        return None
    return "function" if names[name] else "class"
