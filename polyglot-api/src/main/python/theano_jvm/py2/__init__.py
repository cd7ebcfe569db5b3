"""Running Python 2 programs unchanged: translation on load, not on disk.

A script (or a module in the script's own folder) that does not compile as Python 3 but parses as
Python 2 -- or every such file, with `bin/theano-jvm --py2` -- is translated by lib2to3's fixers
(the standard 2to3 set, plus the `future` project's old-division fixer) into Python 3 code with the
same Python 2 semantics, compiled with the positions of the original file, and cached.

    compiler.py   compile a file's bytes: Python 3 as is, else the cached or fresh translation
    translate.py  the translation itself (lib2to3 + fixers; imported only on a cache miss)
    positions.py  maps positions in the translation back to the original file
    cache.py      the translation and code caches, keyed by content hash
    importer.py   the import hook for modules in the script's folder
    runtime.py    helpers the translated code calls (old_div, old_idiv)
    cpickle.py    what `import cPickle` / `import pickle` become: reads Python 2 pickles
    fixes/        the few fixers neither lib2to3 nor `future` provides

This package imports nothing at start-up: a Python 3 script pays for none of it.

Known differences from Python 2 that no fixer covers: `print x,` leaves a trailing space where
Python 2's softspace left none; `str` is text, not bytes (files opened 'w' take no pickle bytes);
round(), comparisons across types, cmp()/sort(cmp=...), the function forms of the `string` module
(string.join, ...) and `exec` changing a function's locals keep their Python 3 behaviour; a
ZeroDivisionError from `/` shows runtime.old_div as its last frame.
"""
