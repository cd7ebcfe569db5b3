"""Python 2 code keeps its Python 2 meaning once translated (theano_jvm.py2).

Each test compiles Python 2 source the way bin/theano-jvm does (theano_jvm.py2.compiler, in this
process: the translator is built once, then each file costs milliseconds) and runs it, checking
results, not the translated text: `7 / 2 == 3`, `d.keys()[0]`, `map()` returning a list, ...
Sources are compiled as modules of a Python 2 program (py2=True, what a Python 2 main script or
`--py2` implies), since many Python 2 lines (`d.keys()[0]`, `import cPickle`) parse as Python 3 too.
"""
import io
import sys
import textwrap
import traceback
from contextlib import redirect_stdout

import pytest

from theano_jvm.py2 import compiler


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("THEANO_JVM_PY2_CACHE", str(tmp_path / "cache"))


def run(tmp_path, source, name="prog.py", py2=True, stdin=None):
    """Compiles and runs `source` as file `name`; returns (its globals, what it printed)."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    code, translated = compiler.compile_file(path.read_bytes(), str(path), py2=py2)
    namespace = {"__name__": "__main__", "__file__": str(path)}
    out = io.StringIO()
    saved_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with redirect_stdout(out):
            exec(code, namespace)
    finally:
        sys.stdin = saved_stdin
    namespace["__translated__"] = translated
    return namespace, out.getvalue()


def test_print_statement_forms(tmp_path):
    ns, out = run(tmp_path, """
        import sys, StringIO
        print "a", 1, 2.5
        print
        print "no newline",
        print "continues"
        log = StringIO.StringIO()
        print >>log, "to a file", 42
        print >>log, "and again",
        print("a", "b")          # Python 2: one tuple, printed as a tuple
    """)
    assert ns["__translated__"]
    assert out == "a 1 2.5\n\nno newline continues\n('a', 'b')\n"
    assert ns["log"].getvalue() == "to a file 42\nand again "


def test_division_is_python2_division(tmp_path):
    ns, out = run(tmp_path, """
        print 7 / 2, -7 / 2, 7.0 / 2, 7 / 2.0, 7 // 2.0
        a, b = 7, 2
        quotient = a / b
        mixed = a / float(b)
        true_int = 1 / 4 == 0
        n = 10
        n /= 4
        f = 10.0
        f /= 4
        def average(xs):
            return sum(xs) / len(xs)
        avg = average([1, 2, 4])
        big = 2 ** 70 / 3
    """)
    assert out == "3 -4 3.5 3.5 3.0\n"
    assert ns["quotient"] == 3 and type(ns["quotient"]) is int
    assert ns["mixed"] == 3.5
    assert ns["true_int"] is True
    assert ns["n"] == 2 and type(ns["n"]) is int
    assert ns["f"] == 2.5
    assert ns["avg"] == 2
    assert ns["big"] == 2 ** 70 // 3


def test_future_division_keeps_true_division(tmp_path):
    ns, out = run(tmp_path, """
        from __future__ import division
        print 7 / 2, 7 // 2
        n = 7
        n /= 2
    """)
    assert out == "3.5 3\n"
    assert ns["n"] == 3.5


def test_division_of_numpy_integer_arrays_floors_like_python2_numpy(tmp_path):
    numpy = pytest.importorskip("numpy")
    ns, _ = run(tmp_path, """
        import numpy as np
        ints = np.arange(6) / 4
        floats = np.arange(6.0) / 4
        scalar = np.int64(7) / 2
        inplace = np.arange(4)
        alias = inplace
        inplace /= 2
        finplace = np.ones(2)
        falias = finplace
        finplace /= 4
    """)
    assert ns["ints"].tolist() == [0, 0, 0, 0, 1, 1] and ns["ints"].dtype.kind == "i"
    assert ns["floats"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]
    assert ns["scalar"] == 3
    assert ns["inplace"] is ns["alias"] and ns["alias"].tolist() == [0, 0, 1, 1]
    assert ns["finplace"] is ns["falias"] and ns["falias"].tolist() == [0.25, 0.25]
    assert isinstance(ns["ints"], numpy.ndarray)


def test_division_of_symbolic_integers_is_theano_python2_div(tmp_path):
    """`M.shape[0] / 2` is an integer in a Python 2 Theano script (Theano's __div__, int_division)."""
    numpy = pytest.importorskip("numpy")
    ns, out = run(tmp_path, """
        import numpy
        import theano
        import theano.tensor as T
        M = T.dmatrix('M')
        half = M.shape[0] / 2
        top = M[:M.shape[0] / 2]
        n = T.iscalar('n')
        k = T.iscalar('k')
        m = n
        m /= k
        x = T.dscalar('x')
        f = theano.function([M, n, k, x], [top, half, n / k, 7 / k, m, x / 2, n / 2.0])
        print half.dtype, (n / k).dtype, (x / 2).dtype, (n / 2.0).dtype
        result = f(numpy.arange(10.0).reshape(5, 2), -7, 2, 3.0)
    """)
    assert out.split() == ["int64", "int32", "float64", "float64"]
    top, half, quotient, rquotient, inplace, xhalf, nfloat = ns["result"]
    assert top.tolist() == [[0.0, 1.0], [2.0, 3.0]]          # rows 0..(5 // 2)
    assert int(half) == 2
    # Theano's int_div floors negative quotients as Python's // does (Theano 1.0.5 gives -4 too).
    assert int(quotient) == numpy.int32(-7) // numpy.int32(2) and quotient.dtype.kind == "i"
    assert int(rquotient) == 3 and int(inplace) == -4
    assert float(xhalf) == 1.5 and float(nfloat) == -3.5


def test_symbolic_integer_division_follows_config_int_division(tmp_path):
    pytest.importorskip("numpy")
    import theano
    saved = theano.config.int_division
    try:
        theano.config.int_division = "raise"
        with pytest.raises(theano.tensor.basic.IntegerDivisionError):
            run(tmp_path, """
                import theano.tensor as T
                T.iscalar('n') / 2
            """)
        theano.config.int_division = "floatX"
        ns, _ = run(tmp_path, """
            import theano.tensor as T
            q = T.iscalar('n') / 2
        """, name="prog2.py")
        assert ns["q"].dtype == "float64"
    finally:
        theano.config.int_division = saved


def test_dict_methods_and_builtins_return_lists(tmp_path):
    ns, _ = run(tmp_path, """
        d = {'a': 1}
        first_key = d.keys()[0]
        values = d.values()
        items = d.items()
        keys = d.keys()
        keys.append('b')                 # a real list, not a view
        pairs = sorted((k, v) for k, v in d.iteritems())
        ks = list(d.iterkeys())
        vs = list(d.itervalues())
        has = d.has_key('a')
        squares = map(lambda v: v * v, [1, 2, 3])
        zipped = zip([1, 2], 'ab')
        kept = filter(lambda v: v > 1, [1, 2, 3])
        r = range(3)
        r.append(3)
        total = 0
        for i in xrange(4):
            total += i
        for k in d.keys():               # deleting while looping over keys() is fine: a copy
            del d[k]
    """)
    assert ns["first_key"] == "a"
    assert ns["values"] == [1] and type(ns["values"]) is list
    assert ns["items"] == [("a", 1)] and type(ns["items"]) is list
    assert ns["keys"] == ["a", "b"]
    assert ns["pairs"] == [("a", 1)] and ns["ks"] == ["a"] and ns["vs"] == [1]
    assert ns["has"] is True
    assert ns["squares"] == [1, 4, 9]
    assert ns["zipped"] == [(1, "a"), (2, "b")]
    assert ns["kept"] == [2, 3]
    assert ns["r"] == [0, 1, 2, 3]
    assert ns["total"] == 6
    assert ns["d"] == {}


def test_text_and_number_types(tmp_path):
    ns, _ = run(tmp_path, """
        # -*- coding: utf-8 -*-
        u = u"é"
        is_text = isinstance(u, basestring) and isinstance("x", basestring)
        text = unicode(5)
        big = long(3) + 10L
        big_type = type(10L)
        octal = 0777 + 0o10
        import string
        lower = string.lowercase
        from string import uppercase as upper
        import sys
        maxi = sys.maxint
    """)
    assert ns["u"] == "\u00e9"
    assert ns["is_text"] is True
    assert ns["text"] == "5"
    assert ns["big"] == 13 and ns["big_type"] is int
    assert ns["octal"] == 511 + 8
    assert ns["lower"] == "abcdefghijklmnopqrstuvwxyz"
    assert ns["upper"] == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert ns["maxi"] == sys.maxsize


def test_string_letters(tmp_path):
    ns, _ = run(tmp_path, """
        import string
        letters = string.letters
        from string import letters as imported
    """)
    assert ns["letters"] == ns["imported"] == "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_exceptions_old_syntax(tmp_path):
    ns, _ = run(tmp_path, """
        try:
            raise ValueError, "bad value"
        except ValueError, e:
            caught = e
        try:
            {}['missing']
        except (KeyError, IndexError), e:
            second = type(e).__name__
    """)
    assert type(ns["caught"]) is ValueError and str(ns["caught"]) == "bad value"
    assert ns["second"] == "KeyError"


def test_backticks_not_equal_exec_reduce(tmp_path):
    ns, _ = run(tmp_path, """
        shown = `1 + 1` + `'q'`
        different = 1 <> 2
        same = not (3 <> 3)
        exec "made = 6 * 7"
        scope = {}
        exec "inside = 1" in scope
        product = reduce(lambda a, b: a * b, [1, 2, 3, 4])
    """)
    assert ns["shown"] == "2'q'"
    assert ns["different"] is True and ns["same"] is True
    assert ns["made"] == 42
    assert ns["scope"]["inside"] == 1
    assert ns["product"] == 24


def test_cpickle_reads_python2_pickles(tmp_path):
    # A protocol-2 pickle written by Python 2 of the str '\xe9' (bytes in Python 2): Python 3's
    # pickle refuses it by default (ASCII); Python 2 read it, so the translated cPickle/pickle do.
    (tmp_path / "py2.pkl").write_bytes(b"\x80\x02U\x01\xe9q\x00.")
    ns, _ = run(tmp_path, """
        import cPickle, pickle
        from cPickle import load
        old = cPickle.load(open(%r, 'rb'))
        again = pickle.load(open(%r, 'rb'))
        via_name = load(open(%r, 'rb'))
        roundtrip = cPickle.loads(cPickle.dumps({'k': u'\u00e9'}, cPickle.HIGHEST_PROTOCOL))
    """ % ((str(tmp_path / "py2.pkl"),) * 3))
    assert ns["old"] == ns["again"] == ns["via_name"] == "\u00e9"
    assert ns["roundtrip"] == {"k": "\u00e9"}


def test_renamed_modules_and_raw_input(tmp_path):
    ns, _ = run(tmp_path, """
        import cPickle
        from cStringIO import StringIO
        import urllib2
        buffer = StringIO()
        buffer.write("written")
        roundtrip = cPickle.loads(cPickle.dumps({'k': [1, 2]}))
        opener = urllib2.urlopen
        http_error = urllib2.HTTPError
        name = raw_input()
        answer = raw_input("prompt? ")
    """, stdin="alice\n42\n")
    assert ns["buffer"].getvalue() == "written"
    assert ns["roundtrip"] == {"k": [1, 2]}
    assert ns["opener"].__module__ == "urllib.request"
    assert ns["http_error"].__module__ == "urllib.error"
    assert ns["name"] == "alice" and ns["answer"] == "42"


def test_mixed_tab_and_space_indentation(tmp_path):
    # Python 2 accepted a tab for 8 columns mixed with spaces; Python 3 raises TabError.
    source = "def f(x):\n        if x:\n\t    return 1\n\treturn 2\nvalues = f(1), f(0)\nprint 'ok'\n"
    ns, _ = run(tmp_path, source)
    assert ns["values"] == (1, 2)


def test_python3_file_is_not_translated_unless_program_is_python2(tmp_path):
    ns, out = run(tmp_path, "quotient = 7 / 2\nprint(quotient)\n", py2=False)
    assert not ns["__translated__"] and ns["quotient"] == 3.5 and out == "3.5\n"
    # --py2 (or a Python 2 main script): the same file means Python 2 division.
    ns, out = run(tmp_path, "quotient = 7 / 2\nprint(quotient)\n", py2=True)
    assert ns["__translated__"] and ns["quotient"] == 3 and out == "3\n"
    # A file that parses only as Python 3 compiles as Python 3, also in a Python 2 program.
    ns, out = run(tmp_path, "quotient = 7 / 2\nprint('quotient', quotient, sep=': ')\n", py2=True)
    assert not ns["__translated__"] and out == "quotient: 3.5\n"
    # A file that parses only as Python 2 is translated without being told.
    ns, out = run(tmp_path, "quotient = 7 / 2\nprint 'quotient', quotient\n", py2=False)
    assert ns["__translated__"] and out == "quotient 3\n"


def test_neither_python3_nor_python2_reports_the_python3_syntax_error(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("x = 1\ndef f(:\n    pass\n")
    with pytest.raises(SyntaxError) as raised:
        compiler.compile_file(path.read_bytes(), str(path))
    assert "translation" not in raised.value.msg  # Python 3's own message, as `python` prints
    assert raised.value.filename == str(path)
    assert raised.value.lineno == 2


def test_errors_point_at_the_original_lines(tmp_path):
    # The translation adds import lines at the top (old_div, reduce), rewrites lines and wraps
    # calls; the code still carries the original file's name and line numbers.
    source = textwrap.dedent('''\
        """Doc."""
        total = reduce(lambda a, b: a + b, [1, 2])
        half = total / 2

        def lookup(d):
            print "looking up",
            return d.keys()[5]

        lookup({1: 2})
    ''')
    path = tmp_path / "lines.py"
    path.write_text(source)
    code, translated = compiler.compile_file(path.read_bytes(), str(path))
    assert translated
    with pytest.raises(IndexError) as raised:
        with redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__main__"})
    frames = [(frame.filename, frame.lineno, frame.name, frame.line)
              for frame in traceback.extract_tb(raised.value.__traceback__)][1:]
    assert frames == [(str(path), 9, "<module>", "lookup({1: 2})"),
                      (str(path), 7, "lookup", "return d.keys()[5]")]
    assert code.co_filename == str(path)
