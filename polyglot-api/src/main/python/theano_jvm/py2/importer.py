"""The import hook for a script's own modules: Python 2 ones are translated on load.

A path hook claims the script's folder (and the packages in it) and gives their finders a source
loader that compiles through compiler.compile_file. Everything else -- the standard library,
site-packages, a virtual environment or any other sys.path entry that lies inside the script's
folder -- keeps the ordinary loaders: only the program's own files are ever translated.

If the main script was Python 2, the whole program is: its modules are translated even when they
also parse as Python 3 (a helper's `total / count` still means integer division), unless they
parse only as Python 3.
"""
import os
import sys

try:
    # What importlib.machinery re-exports, already loaded by the interpreter: importing
    # importlib.machinery costs a noticeable part of a second on GraalPy.
    from _frozen_importlib_external import (BYTECODE_SUFFIXES, EXTENSION_SUFFIXES, SOURCE_SUFFIXES,
                                            ExtensionFileLoader, FileFinder, SourceFileLoader,
                                            SourcelessFileLoader)
except ImportError:
    from importlib.machinery import (BYTECODE_SUFFIXES, EXTENSION_SUFFIXES, SOURCE_SUFFIXES,
                                     ExtensionFileLoader, FileFinder, SourceFileLoader,
                                     SourcelessFileLoader)


class Py2AwareSourceLoader(SourceFileLoader):
    """SourceFileLoader whose source may be Python 2 (translated when it is not Python 3)."""

    py2_program = False

    def get_code(self, fullname):
        from theano_jvm.py2 import compiler
        path = self.get_filename(fullname)
        in_package = "." in fullname or self.is_package(fullname)
        code, _ = compiler.compile_file(self.get_data(path), path, self.py2_program, in_package)
        return code


class Py2ProgramSourceLoader(Py2AwareSourceLoader):
    """The loader of a Python 2 program's modules: translated also when they parse as Python 3."""

    py2_program = True


def _inside(path, folder):
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _belongs_to_program(path, root):
    path = os.path.abspath(path)
    if not _inside(path, root):
        return False
    # A sys.path entry of its own inside the folder (a venv, a vendored tree) is not the program.
    for entry in sys.path:
        entry = os.path.abspath(entry) if entry else os.getcwd()
        if entry != root and _inside(entry, root) and _inside(path, entry):
            return False
    return True


def install(root, py2_program):
    """Claims `root` (the script's real folder) for the Python-2-aware loader."""
    root = os.path.abspath(root)
    loaders = [
        (ExtensionFileLoader, EXTENSION_SUFFIXES),
        (Py2ProgramSourceLoader if py2_program else Py2AwareSourceLoader, SOURCE_SUFFIXES),
        (SourcelessFileLoader, BYTECODE_SUFFIXES),
    ]

    def script_folder_hook(path):
        if not _belongs_to_program(path, root):
            raise ImportError("not in the script's folder")
        return FileFinder(path, *loaders)

    sys.path_hooks.insert(0, script_folder_hook)
    for cached in list(sys.path_importer_cache):
        if _inside(os.path.abspath(cached) if cached else os.getcwd(), root):
            del sys.path_importer_cache[cached]
