"""Python 2 source -> Python 3 source with Python 2 semantics, by lib2to3's fixers.

The fixers are the standard 2to3 set as shipped with Python 3.12 (lib2to3.fixes: print, exec,
except/raise, backticks, `<>`, octal and long literals, dict views and map/zip/filter/range as
lists where a list is used, xrange, unicode/basestring/long, renamed modules such as cStringIO
and urllib2, sys.maxint, reduce, raw_input, input, has_key, next, ...), the `future` project's
division fixer for `/` (fixes/fix_old_div.py), and the few fixes/ that neither library has.

Importing lib2to3 and building the fixers costs seconds on GraalPy, so this module is imported only
when a file must actually be translated (a cache miss), and the tool is built once per process.
"""
import contextlib
import sys
import types
import warnings

with warnings.catch_warnings():  # "lib2to3 package is deprecated": known, and it is still shipped
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    from lib2to3 import pytree, refactor
    from lib2to3.pgen2 import token
    from lib2to3.pgen2.parse import ParseError
    from lib2to3.pgen2.tokenize import TokenError

from theano_jvm.py2 import positions
from theano_jvm.py2.errors import NotPython2
from theano_jvm.py2.fixes.fix_import_in_package import OPTION as IN_PACKAGE

# lib2to3's WildcardPattern swaps sys.stderr for a StringIO while one of its match generators is
# suspended, "only on CPython" (it tests hasattr(sys, "getrefcount")), and puts it back when the
# generator ends. CPython's reference counting ends an abandoned generator at once; GraalPy (which
# has getrefcount) only when the garbage collector gets to it: until then the program's stderr
# went into the StringIO (an uncaught exception printed nothing). Give pytree a `sys` without
# getrefcount, so it does what it intends for implementations other than CPython.
pytree.sys = types.SimpleNamespace(version_info=sys.version_info)

# lib2to3's FixImport and FixImports are replaced by subclasses (package-aware; Python 2 pickles).
_REPLACED = {"lib2to3.fixes.fix_import", "lib2to3.fixes.fix_imports"}
_OURS = [
    "theano_jvm.py2.fixes.fix_import_in_package",
    "theano_jvm.py2.fixes.fix_imports_pickle",
    "theano_jvm.py2.fixes.fix_old_div",
    "theano_jvm.py2.fixes.fix_old_idiv",
    "theano_jvm.py2.fixes.fix_string_letters",
]


class Translation:
    """The Python 3 text, and the anchors that map its positions back (see positions.py)."""

    def __init__(self, source, starts, ends):
        self.source = source
        self.starts = starts
        self.ends = ends


class _Tool(refactor.RefactoringTool):
    """2to3's RefactoringTool that notes where every token ended before the fixers ran."""

    def refactor_tree(self, tree, name):
        self.original_ends = positions.token_ends(tree)
        return super().refactor_tree(tree, name)


@contextlib.contextmanager
def _replacements_keep_positions():
    """Fixers often swap a token for a new one (`xrange` -> `range`, `<>` -> `!=`, `0777` -> `0o777`)
    or a statement for a new node (`print x` -> `print(x)`): new leaves have no position (lineno 0).
    While fixers run, a replacement's first token takes the position of the replaced one's first
    token, so errors there still point at the original token (see positions.py)."""
    original_replace = pytree.Base.replace

    def replace(self, new):
        replacements = new if isinstance(new, list) else [new]
        if replacements and self.parent is not None:
            old_first, new_first = _first_leaf(self), _first_leaf(replacements[0])
            if (old_first is not None and new_first is not None
                    and old_first.lineno and not new_first.lineno):
                new_first.lineno, new_first.column = old_first.lineno, old_first.column
        return original_replace(self, new)

    pytree.Base.replace = replace
    try:
        yield
    finally:
        pytree.Base.replace = original_replace


def _first_leaf(node):
    while not isinstance(node, pytree.Leaf):
        if not node.children:
            return None
        node = node.children[0]
    return node


_tool = None


def _get_tool():
    global _tool
    if _tool is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            names = [name for name in refactor.get_fixers_from_package("lib2to3.fixes")
                     if name not in _REPLACED]
            _tool = _Tool(names + _OURS)
    return _tool


def _expand_indentation_tabs(tree):
    """Python 2 took a tab in indentation to the next multiple of 8 columns, mixed with spaces or
    not; Python 3 rejects the mix (TabError). Expanding tabs at line starts keeps Python 2's
    meaning. Prefixes hold only whitespace and comments, never string contents."""
    at_line_start = True
    for leaf in tree.leaves():
        parts = leaf.prefix.split("\n")
        for i, part in enumerate(parts):
            if (i > 0 or at_line_start) and "\t" in part:
                indent = len(part) - len(part.lstrip(" \t"))
                parts[i] = part[:indent].expandtabs(8) + part[indent:]
        leaf.prefix = "\n".join(parts)
        if leaf.type == token.INDENT:
            leaf.value = leaf.value.expandtabs(8)
        emitted = leaf.value or leaf.prefix  # what the text written so far ends with
        if emitted:
            at_line_start = emitted.endswith("\n")


def translate(text, path, in_package=False):
    """Translates Python 2 `text` (newlines already "\\n"); `path` is the file it came from (the
    import fixer looks beside it); `in_package`: the file is a module of a package."""
    tool = _get_tool()
    tool.options[IN_PACKAGE] = in_package  # read by fix_import_in_package
    if not text.endswith("\n"):
        text += "\n"
    try:
        with _replacements_keep_positions():
            tree = tool.refactor_string(text, path)
    except (ParseError, TokenError, IndentationError, SyntaxError) as error:
        lineno = None
        if isinstance(error, ParseError):
            lineno = error.context[1][0]
        elif isinstance(error, TokenError) and len(error.args) > 1:
            lineno = error.args[1][0]
        elif isinstance(error, SyntaxError):
            lineno = error.lineno
        raise NotPython2("%s: %s" % (type(error).__name__, error), lineno) from None
    _expand_indentation_tabs(tree)
    starts, ends = positions.anchors(tree, tool.original_ends)
    return Translation(str(tree), starts, ends)
