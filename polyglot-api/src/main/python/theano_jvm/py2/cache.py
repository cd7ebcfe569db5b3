"""The translation cache (by content hash) and the compiled-code cache beside it.

    <key>.py                         the translation, readable (what ran instead of the file)
    <key>.pos                        its position anchors (marshal), to compile it again
    <key>.<path hash>.<tag>.code     the compiled code object (marshal), as a .pyc is

<key> is the SHA-256 of the file's bytes, of whatever else the translation depends on and of the
translator's VERSION, so an edited file gets a new key and an unchanged one -- anywhere -- reuses
its translation: a large Python 2 code base is translated once. Code objects carry their file name
(and GraalPy cannot rename them: code.replace(co_filename=...) loses it in nested functions), so
they are kept per path; <tag> is the interpreter's bytecode tag.

The folder is $THEANO_JVM_PY2_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/theano-jvm/py2. Entries are
written to a temporary name and renamed into place, so concurrent runs never read half a file; a
cache that cannot be written only costs speed.
"""
import marshal
import os
import sys

try:
    from _sha2 import sha256  # what hashlib wraps; importing hashlib itself costs seconds on GraalPy
except ImportError:
    from hashlib import sha256

# Bump whenever the translation of the same bytes can change (fixers, positions, pinned `future`).
VERSION = "1"


def directory():
    explicit = os.environ.get("THEANO_JVM_PY2_CACHE")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "theano-jvm", "py2")


def key(data, context=""):
    """The cache key of source bytes translated under `context` (e.g. package membership)."""
    digest = sha256()
    digest.update(("theano-jvm py2 translation %s\0%s\0%s\0" % (VERSION, sys.version, context)).encode())
    digest.update(data)
    return digest.hexdigest()


def _read(name):
    try:
        with open(os.path.join(directory(), name), "rb") as f:
            return f.read()
    except OSError:
        return None


def _write(name, content):
    folder = directory()
    target = os.path.join(folder, name)
    temporary = "%s.%d.tmp" % (target, os.getpid())
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "wb") as f:
            f.write(content)
        os.replace(temporary, target)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def load_translation(key):
    """(source, starts, ends), or None."""
    source, anchors = _read(key + ".py"), _read(key + ".pos")
    if source is None or anchors is None:
        return None
    try:
        starts, ends = marshal.loads(anchors)
    except (EOFError, ValueError, TypeError):
        return None
    return source.decode("utf-8"), starts, ends


def store_translation(key, source, starts, ends):
    _write(key + ".pos", marshal.dumps((starts, ends)))
    _write(key + ".py", source.encode("utf-8"))  # last: its presence means both are complete


def _code_name(key, path):
    # The path as given (it becomes co_filename) and where it is (a relative one depends on the cwd).
    where = "%s\0%s" % (os.path.abspath(path), path)
    path_hash = sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return "%s.%s.%s.code" % (key, path_hash, sys.implementation.cache_tag)


def load_code(key, path):
    data = _read(_code_name(key, path))
    if data is None:
        return None
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return code if code.co_filename == path else None


def store_code(key, path, code):
    _write(_code_name(key, path), marshal.dumps(code))
