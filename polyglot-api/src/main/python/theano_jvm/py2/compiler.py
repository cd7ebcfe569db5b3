"""Compiles a source file that may be Python 2: what the runner and the import hook call.

A file is compiled as Python 3 first; that is the whole cost for a Python 3 file (it has to be
compiled anyway). Only when that fails with a SyntaxError -- or when the program is Python 2, see
importer.py -- is it taken as Python 2: its compiled code comes from the cache, or its cached
translation is compiled, or it is translated now. A file that is neither Python 3 nor Python 2
reports Python 3's SyntaxError, as `python` would.

Imports are deferred to where they are needed: a Python 3 script loads nothing but this module.
"""
import os


def compile_file(data, path, py2=False, in_package=False):
    """(code, translated): the code of source bytes `data` read from `path`.

    py2: the file belongs to a Python 2 program, so it is translated even if it also happens to
    be valid Python 3 (its `/` and `print(a, b)` still mean what they meant in Python 2); it is
    compiled as Python 3 only if it does not parse as Python 2 (f-strings, ...).
    in_package: the file is a module of a package (Python 2's implicit relative imports apply).
    """
    python3_error = None
    if not py2:
        try:
            return compile(data, path, "exec", dont_inherit=True), False
        except SyntaxError as error:
            python3_error = error
    from theano_jvm.py2.errors import NotPython2
    try:
        return _compile_python2(data, path, in_package), True
    except NotPython2:
        if python3_error is not None:
            raise python3_error.with_traceback(None) from None
    return compile(data, path, "exec", dont_inherit=True), False


def _package_context(path, in_package):
    """What else a translation depends on: in a package, `import x` means a sibling module x if
    one exists (lib2to3's import fixer looks), so the names beside the file are part of the key."""
    if not in_package:
        return ""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        names = sorted(name for name in os.listdir(folder)
                       if name.endswith((".py", ".pyc", ".so", ".pyd")) or "." not in name)
    except OSError:
        names = []
    return "package\0" + "\0".join(names)


def _compile_python2(data, path, in_package):
    from theano_jvm.py2 import cache
    key = cache.key(data, _package_context(path, in_package))
    code = cache.load_code(key, path)
    if code is not None:
        return code
    text = _decode(data, path)
    stored = cache.load_translation(key)
    if stored is not None:
        source, starts, ends = stored
    else:
        from theano_jvm.py2 import translate  # lib2to3 and the fixers: seconds, so only here
        translation = translate.translate(text, path, in_package)
        source, starts, ends = translation.source, translation.starts, translation.ends
        cache.store_translation(key, source, starts, ends)
    code = _compile_translation(source, starts, ends, text, path)
    cache.store_code(key, path, code)
    return code


def _decode(data, path):
    """The file's text as Python reads it: its coding cookie or BOM (default UTF-8), "\\n" lines."""
    import io
    import tokenize
    from theano_jvm.py2.errors import NotPython2
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as error:
        raise NotPython2(str(error)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _compile_translation(source, starts, ends, text, path):
    import ast
    from theano_jvm.py2.positions import PositionMap
    positions = PositionMap(starts, ends, source.split("\n"), text.split("\n"))
    try:
        tree = ast.parse(source, path)
    except SyntaxError as error:
        # Python 2 that lib2to3 cannot turn into valid Python 3 (say, `async` as a name): report
        # it at the original line, as what it is.
        lineno = positions.line(error.lineno or 1)
        lines = text.split("\n")
        line = lines[lineno - 1] if lineno <= len(lines) else None
        raise SyntaxError("%s (in the Python 2 -> 3 translation of this file)" % error.msg,
                          (path, lineno, None, line)) from None
    positions.apply(tree)
    return compile(tree, path, "exec", dont_inherit=True)
