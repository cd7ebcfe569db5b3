"""The machinery around the translation: cache, import hook for the script's folder, runner.

In this process (milliseconds each); test_py2_launcher.py checks the same through bin/theano-jvm.
"""
import io
import os
import sys
import textwrap
from contextlib import redirect_stderr

import pytest

from theano_jvm import run as runner
from theano_jvm.py2 import cache, compiler, importer, translate


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("THEANO_JVM_PY2_CACHE", str(folder))
    return folder


def snapshot(folder):
    return {name: os.stat(os.path.join(folder, name)).st_mtime_ns for name in os.listdir(folder)}


def test_translation_and_code_are_cached_by_content(tmp_path, cache_dir, monkeypatch):
    source = b"print 'cached', 7 / 2\n"
    first = tmp_path / "first.py"
    first.write_bytes(source)
    code, translated = compiler.compile_file(source, str(first))
    assert translated
    key = cache.key(source)
    files = sorted(os.listdir(cache_dir))
    assert [name.rsplit(".", 1)[-1] for name in files] == ["code", "pos", "py"], files
    assert all(name.startswith(key + ".") for name in files), (key, files)
    assert "print('cached', old_div(7, 2))" in (cache_dir / (key + ".py")).read_text()

    # From now on the translator must not run: the same bytes reuse their translation.
    def no_translation(*args, **kwargs):
        raise AssertionError("translated again")
    monkeypatch.setattr(translate, "translate", no_translation)

    before = snapshot(cache_dir)
    again, _ = compiler.compile_file(source, str(first))  # same file: the cached code object
    assert snapshot(cache_dir) == before
    assert again.co_filename == str(first)

    second = tmp_path / "elsewhere" / "second.py"  # same bytes at another path: same translation,
    second.parent.mkdir()                         # code compiled for that path
    second.write_bytes(source)
    moved, _ = compiler.compile_file(source, str(second))
    assert moved.co_filename == str(second)
    assert len([name for name in os.listdir(cache_dir) if name.endswith(".code")]) == 2
    assert len([name for name in os.listdir(cache_dir) if name.endswith(".py")]) == 1

    # An edited file is a new key: translated afresh (here: the translator refuses, so it fails).
    with pytest.raises(AssertionError, match="translated again"):
        compiler.compile_file(source + b"print 'edited'\n", str(first))


def test_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("THEANO_JVM_PY2_CACHE", str(blocker / "cache"))
    code, translated = compiler.compile_file(b"x = 7 / 2\n", str(tmp_path / "m.py"), py2=True)
    namespace = {}
    exec(code, namespace)
    assert translated and namespace["x"] == 3


def test_default_cache_location_follows_xdg(monkeypatch):
    monkeypatch.delenv("THEANO_JVM_PY2_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/some/where")
    assert cache.directory() == os.path.join("/some/where", "theano-jvm", "py2")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.directory() == os.path.join(os.path.expanduser("~"), ".cache", "theano-jvm", "py2")


@pytest.fixture
def program(tmp_path, cache_dir):
    """A script folder with Python 2 modules and a package, the import hook installed for it."""
    root = tmp_path / "program"
    (root / "pkg").mkdir(parents=True)
    files = {
        "helper_py2.py": "def half(n):\n    return n / 2\nKIND = `type(half(3)).__name__`\n",
        "helper_py3.py": "def half(n):\n    return n / 2\n",
        "pkg/__init__.py": "",
        "pkg/user.py": "import sibling\nVALUE = sibling.VALUE\n",  # implicit relative import
        "pkg/sibling.py": "VALUE = 'from pkg.sibling'\n",
        "sibling.py": "VALUE = 'top-level sibling'\n",
    }
    for name, text in files.items():
        (root / name).write_text(text)
    saved_path, saved_hooks = sys.path[:], sys.path_hooks[:]
    saved_modules = set(sys.modules)
    sys.path.insert(0, str(root))

    def install(py2_program):
        importer.install(str(root), py2_program)
    yield install
    sys.path[:], sys.path_hooks[:] = saved_path, saved_hooks
    for name in set(sys.modules) - saved_modules:
        del sys.modules[name]
    for entry in list(sys.path_importer_cache):
        if entry.startswith(str(root)):
            del sys.path_importer_cache[entry]


def test_import_hook_in_a_python3_program(program):
    program(py2_program=False)
    import helper_py2
    import helper_py3
    assert helper_py2.half(7) == 3 and helper_py2.KIND == "'int'"  # Python 2 syntax: translated
    assert helper_py3.half(7) == 3.5  # valid Python 3 in a Python 3 program: left alone
    assert isinstance(helper_py2.__loader__, importer.Py2AwareSourceLoader)


def test_import_hook_in_a_python2_program(program):
    program(py2_program=True)
    import helper_py3
    from pkg import user
    assert helper_py3.half(7) == 3  # a module of a Python 2 program means Python 2 division
    assert user.VALUE == "from pkg.sibling"  # Python 2's implicit relative import
    import sibling
    assert sibling.VALUE == "top-level sibling"  # and an absolute import still finds the top level


def test_folders_of_their_own_inside_the_script_folder_are_not_the_program(tmp_path, monkeypatch):
    root = str(tmp_path)
    venv = str(tmp_path / "venv" / "site-packages")
    monkeypatch.setattr(sys, "path", [root, venv] + sys.path)
    assert importer._belongs_to_program(root, root)
    assert importer._belongs_to_program(os.path.join(root, "pkg"), root)
    assert not importer._belongs_to_program(venv, root)
    assert not importer._belongs_to_program(os.path.join(venv, "numpy"), root)
    assert not importer._belongs_to_program(str(tmp_path.parent), root)


def test_runner_reports_a_syntax_error_like_python(tmp_path, monkeypatch):
    script = tmp_path / "bad.py"
    script.write_text("x = 1\nprint 'a' 'b' +\n")
    monkeypatch.setattr(sys, "argv", ["-c", str(script), "arg"])
    monkeypatch.setattr(sys, "path", [""] + sys.path)
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as exited:
        runner.main()
    assert exited.value.code == 1
    assert sys.argv == [str(script), "arg"]
    assert sys.path[0] == os.path.dirname(os.path.realpath(str(script)))
    text = err.getvalue()
    assert text.startswith('  File "%s", line 2' % script), text
    assert "SyntaxError" in text and "Traceback" not in text and "theano_jvm" not in text
