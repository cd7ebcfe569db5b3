"""Seeing the graph: debugprint in Theano 1.0's exact format, the Print op, pydotprint images, d3viz
pages in a real headless browser, profile=True reports, and the context of errors raised inside a
compiled function. Expected texts are Theano 1.0's (theano/tests/test_printing.py and the report
formats of theano/compile/profiling.py)."""
import io
import os
import re
import shutil
import struct
import subprocess
import sys
from io import StringIO

import numpy as np
import pytest

import theano
import theano.d3viz  # not imported by `import theano`, as in Theano
import theano.tensor as T
from theano.printing import debugprint


def _g():
    A = T.matrix(name="A")
    B = T.matrix(name="B")
    C = A + B
    C.name = "C"
    D = T.matrix(name="D")
    E = T.matrix(name="E")
    F = D + E
    return C + F, (A, B, D, E)


# ----------------------------------------------------------------------------- debugprint


def test_debugprint_ids_int_char_empty_and_stop_on_name():
    G, _ = _g()
    s = StringIO()
    debugprint(G, file=s, ids="int")
    assert s.getvalue() == "\n".join([
        "Elemwise{add,no_inplace} [id 0] ''   ",
        " |Elemwise{add,no_inplace} [id 1] 'C'   ",
        " | |A [id 2]",
        " | |B [id 3]",
        " |Elemwise{add,no_inplace} [id 4] ''   ",
        "   |D [id 5]",
        "   |E [id 6]"]) + "\n"
    assert debugprint(G, file="str") == "\n".join([
        "Elemwise{add,no_inplace} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] 'C'   ",
        " | |A [id C]",
        " | |B [id D]",
        " |Elemwise{add,no_inplace} [id E] ''   ",
        "   |D [id F]",
        "   |E [id G]"]) + "\n"
    assert debugprint(G, file="str", ids="CHAR", stop_on_name=True) == "\n".join([
        "Elemwise{add,no_inplace} [id A] ''   ",
        " |Elemwise{add,no_inplace} [id B] 'C'   ",
        " |Elemwise{add,no_inplace} [id C] ''   ",
        "   |D [id D]",
        "   |E [id E]"]) + "\n"
    assert debugprint(G, file="str", ids="") == "\n".join([
        "Elemwise{add,no_inplace}  ''   ",
        " |Elemwise{add,no_inplace}  'C'   ",
        " | |A ",
        " | |B ",
        " |Elemwise{add,no_inplace}  ''   ",
        "   |D ",
        "   |E "]) + "\n"


def test_debugprint_to_stdout_returns_none_and_file_returns_file(capsys):
    x = T.dvector("x")
    assert debugprint(x * 2) is None
    assert capsys.readouterr().out.startswith("Elemwise{mul,no_inplace} [id A] ''   \n |x [id B]\n")
    f = StringIO()
    assert debugprint(x, file=f) is f
    assert f.getvalue() == "x [id A]\n"


def test_debugprint_of_a_compiled_function_prints_toposort_indices_and_types():
    a, b = T.dscalars("a", "b")
    f = theano.function([a, b], a + b)
    assert debugprint(f, file="str") == ("Elemwise{add,no_inplace} [id A] ''   0\n"
                                         " |a [id B]\n"
                                         " |b [id C]\n")
    assert debugprint(f, file="str", print_type=True) == (
        "Elemwise{add,no_inplace} [id A] <TensorType(float64, scalar)> ''   0\n"
        " |a [id B] <TensorType(float64, scalar)>\n"
        " |b [id C] <TensorType(float64, scalar)>\n")
    # the maker's fgraph prints the same way
    assert debugprint(f.maker.fgraph, file="str") == debugprint(f, file="str")
    # the optimized graph: the toposort index of every apply is its position in fgraph.toposort()
    x = T.dvector("x")
    g = theano.function([x], [T.exp(x).sum(), x.T * 2], mode="FAST_COMPILE")
    text = debugprint(g, file="str")
    topo = [str(n.op) for n in g.maker.fgraph.toposort()]
    for line in text.splitlines():
        if "''" in line:
            op = line.strip(" |").split(" [id")[0]
            idx = int(line.rsplit(" ", 1)[1])
            assert topo[idx] == op, (line, topo)


def test_debugprint_of_lists_shares_ids_and_done_is_filled():
    x = T.dvector("x")
    y = T.exp(x)
    z = y * y
    text = debugprint([z, y], file="str")
    assert text == ("Elemwise{mul,no_inplace} [id A] ''   \n"
                    " |Elemwise{exp,no_inplace} [id B] ''   \n"
                    " | |x [id C]\n"
                    " |Elemwise{exp,no_inplace} [id B] ''   \n"
                    "Elemwise{exp,no_inplace} [id B] ''   \n")
    done = {}
    debugprint(z, file="str", done=done)
    assert done[y.owner] == "[id B]" and done[x] == "[id C]"
    # a second call with the same done dict reuses the ids and does not expand the known node again
    assert debugprint(y + 1, file="str", done=done).startswith("Elemwise{add,no_inplace} [id D] ''   \n |Elemwise{exp,no_inplace} [id B] ''   \n")
    assert debugprint(z, file="str", depth=2) == ("Elemwise{mul,no_inplace} [id A] ''   \n"
                                                  " |Elemwise{exp,no_inplace} [id B] ''   \n"
                                                  " |Elemwise{exp,no_inplace} [id B] ''   \n")
    with pytest.raises(TypeError):
        debugprint(object(), file="str")


def test_debugprint_and_pydotprint_show_scan_inner_graphs(tmp_path):
    k = T.iscalar("k")
    A = T.dvector("A")
    result, updates = theano.scan(fn=lambda prior_result, A: prior_result * A, outputs_info=T.ones_like(A),
                                  non_sequences=A, n_steps=k)
    text = debugprint(result[-1], file="str")
    outer, inner = text.split("\n\nInner graphs of the scan ops:\n\n")
    assert "|for{cpu,scan_fn} [id " in outer
    lines = inner.splitlines()
    assert lines[0].startswith("for{cpu,scan_fn} [id ") and lines[1].startswith(" >Elemwise{mul,no_inplace} [id ")
    a_id = [l for l in outer.splitlines() if "|A [id " in l][0].split("|A ", 1)[1]
    assert lines[3].endswith(" -> " + a_id), inner                  # the non-sequence stands for A
    f = theano.function([k, A], result[-1])
    theano.printing.pydotprint(f, outfile=str(tmp_path / "p.png"), scan_graphs=True, print_output_file=False)
    files = sorted(os.listdir(str(tmp_path)))
    assert "p.png" in files and any(n.startswith("p_scan_fn_") and n.endswith(".png") for n in files), files


# ----------------------------------------------------------------------------- Print op


def test_print_op_prints_when_the_function_runs_and_is_an_identity(capsys):
    x = T.dvector("x")
    printed = theano.printing.Print("x is")(x)
    f = theano.function([x], printed * 2)
    out = f(np.array([1.0, 2.0]))
    np.testing.assert_array_equal(out, [2.0, 4.0])
    assert capsys.readouterr().out == "x is __str__ = [1. 2.]\n"
    g = theano.function([x], theano.printing.Print("shape", attrs=("shape", "sum"))(x))
    g(np.ones(3))
    assert capsys.readouterr().out == "shape shape = (3,)\nshape sum = 3.0\n"
    # the gradient flows through unchanged
    gx = theano.grad(theano.printing.Print("")(x).sum(), x)
    h = theano.function([x], gx)
    np.testing.assert_array_equal(h(np.array([5.0, 6.0])), [1.0, 1.0])
    capsys.readouterr()


# ----------------------------------------------------------------------------- pydotprint


def _png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    w, h = struct.unpack(">II", data[16:24])
    return w, h


def test_seed000_scalar_addition_listing_writes_a_png(tmp_path, capsys):
    os.chdir(tmp_path)
    from theano import tensor
    a = tensor.dscalar()
    b = tensor.dscalar()
    c = a + b
    f = theano.function([a, b], c)
    theano.printing.pydotprint(f, outfile="scalar_addition.png", var_with_name_simple=True)
    assert capsys.readouterr().out == "The output file is available at scalar_addition.png\n"
    with open(tmp_path / "scalar_addition.png", "rb") as fh:
        w, h = _png_size(fh.read())
    assert w > 150 and h > 150


def test_seed000_matrix_dot_listing_and_formats(tmp_path, capsys):
    a = T.dmatrix()
    b = T.dmatrix()
    f = theano.function([a, b], T.dot(a, b))
    out = str(tmp_path / "matrix_dot_product")
    theano.printing.pydotprint(f, outfile=out, var_with_name_simple=True)  # the format's extension is added
    assert capsys.readouterr().out == "The output file is available at %s.png\n" % out
    _png_size(open(out + ".png", "rb").read())
    svg = theano.printing.pydotprint(f, format="svg", return_image=True)
    assert isinstance(svg, bytes) and b"<svg" in svg and b"TensorType(float64, matrix)" in svg
    pdf = theano.printing.pydotprint(f, format="pdf", return_image=True)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    dot = theano.printing.pydotprint(f, format="dot", return_image=True).decode()
    assert dot.startswith("digraph G {")
    assert 'label="0"' in dot and 'label="1"' in dot       # input positions on the edges
    assert "fillcolor=\"green\"" in dot and "fillcolor=\"blue\"" in dot
    assert theano.printing.pydot_imported


def test_pydotprint_of_variables_names_shared_and_updates(tmp_path):
    x = T.dvector("x")
    w = theano.shared(np.ones(2), name="w")
    y = T.exp(x * w)
    f = theano.function([x], y, updates=[(w, w + 1)])
    dot = theano.printing.pydotprint(f, format="dot", return_image=True).decode()
    assert 'label="name=x TensorType(float64, vector)"' in dot
    assert "fillcolor=\"cyan\"" in dot                      # the shared variable
    assert 'label="UPDATE", color="blue"' in dot
    # a bare expression: no function needed
    dot2 = theano.printing.pydotprint(y, format="dot", return_image=True, var_with_name_simple=True).decode()
    assert 'label="x"' in dot2 and 'label="w"' in dot2
    # colour codes can be replaced, and high_contrast=False colours the outline instead
    dot3 = theano.printing.pydotprint(y, format="dot", return_image=True, colorCodes={"Elemwise": "red", "Output": "blue"},
                                      high_contrast=False).decode()
    assert 'color="red"' in dot3 and "style=filled" not in dot3


def test_pydotprint_cond_highlight_without_ifelse_warns(caplog):
    x = T.dvector()
    f = theano.function([x], x * 2)
    with caplog.at_level("WARNING", logger="theano.printing"):
        theano.printing.pydotprint(f, cond_highlight=True, print_output_file=False, return_image=True)
    assert "pydotprint: cond_highlight is set but there is no IfElse node in the graph" in caplog.text


# ----------------------------------------------------------------------------- d3viz in a real browser


def _chromium():
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_d3viz_page_works_in_headless_chromium(tmp_path):
    x = T.dmatrix("x")
    w = theano.shared(np.ones((2, 2)), name="W")
    f = theano.function([x], T.tanh(T.dot(x, w)).sum(), name="my_fct")
    page = str(tmp_path / "graph.html")
    theano.d3viz.d3viz(f, page)
    html = open(page, encoding="utf-8").read()
    assert "<script src" not in html and "<link" not in html      # self-contained
    assert "my_fct" in html
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium on this machine (Debian package chromium-headless-shell)")
    node_id = html.split('class="node" data-id="', 1)[1].split('"', 1)[0]
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          "file://%s#node=%s" % (page, node_id)], capture_output=True, text=True, timeout=120)
    dom = run.stdout
    assert 'data-ready="yes"' in dom, run.stderr[-2000:]
    n_nodes = html.count('class="node" data-id=')
    assert 'data-nodes="%d"' % n_nodes in dom and n_nodes >= 5
    assert 'class="node selected"' in dom                          # the script selected the node
    assert '<pre id="details-text">Click a node' not in dom           # and filled the details panel
    shot = str(tmp_path / "shot.png")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,600",
                    "--screenshot=" + shot, "file://" + page], capture_output=True, timeout=120)
    assert _png_size(open(shot, "rb").read()) == (1000, 600)


def test_d3write_writes_dot(tmp_path):
    x = T.dvector("x")
    theano.d3viz.d3write(theano.function([x], x + 1), str(tmp_path / "g.dot"))
    assert open(tmp_path / "g.dot").read().startswith("digraph G {")


# ----------------------------------------------------------------------------- profile=True


def test_profile_true_records_every_node_and_prints_theanos_report():
    x = T.dvector("x")
    w = theano.shared(np.arange(3.0), name="w")
    f = theano.function([x], [T.exp(x * w).sum(), T.dot(x, w)], profile=True, name="prof_fn")
    from theano.compile.profiling import ProfileStats
    p = f.profile
    assert isinstance(p, ProfileStats) and p.message == "prof_fn"
    for _ in range(4):
        r = f(np.ones(3))
    assert np.isclose(r[0], np.exp(np.arange(3.0)).sum()) and np.isclose(r[1], 3.0)
    assert p.fct_callcount == 4 and p.fct_call_time > 0
    nodes = f.maker.fgraph.toposort()
    assert set(p.apply_time) == set(nodes)
    assert all(p.apply_callcount[n] == 4 for n in nodes)
    assert all(t > 0 for t in p.apply_time.values())
    local = sum(p.apply_time.values())
    assert p.fct_call_time >= p.vm_call_time >= local
    out = StringIO()
    p.summary(file=out)
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[:3] == ["Function profiling", "==================", "  Message: prof_fn"]
    assert lines[3].startswith("  Time in 4 calls to Function.__call__: ")
    assert lines[4].startswith("  Time in Function.fn.__call__: ") and lines[5].startswith("  Time in thunks: ")
    assert "  Total compile time: " in text and "    Number of Apply nodes: %d" % len(nodes) in text
    for header in ("Class\n---\n<% time> <sum %> <apply time> <time per call> <type> <#call> <#apply> <Class name>",
                   "Ops\n---\n<% time> <sum %> <apply time> <time per call> <type> <#call> <#apply> <Op name>",
                   "Apply\n------\n<% time> <sum %> <apply time> <time per call> <#call> <id> <Apply name>"):
        assert header in text
    assert "   ... (remaining 0 Apply instances account for 0.00%(0.00s) of the runtime)" in text
    # each Apply row: percentages add up to 100 in the cumulative column, ids are toposort indices
    apply_rows = text.split("<Apply name>\n", 1)[1].split("   ... (remaining", 1)[0].strip("\n").splitlines()
    assert len(apply_rows) == len(nodes)
    assert apply_rows[-1].split()[1] == "100.0%"
    for row in apply_rows:
        parts = row.split()
        idx = int(parts[5])
        assert row.rstrip().endswith(str(nodes[idx]))
    assert "Here are tips to potentially make your code run faster" in text
    p.reset()
    assert p.fct_callcount == 0 and sum(p.apply_callcount.values()) == 0


def test_profile_flag_prints_report_at_exit(tmp_path):
    script = tmp_path / "prof.py"
    script.write_text("import numpy as np\nimport theano, theano.tensor as T\n"
                      "x = T.dmatrix('x')\nf = theano.function([x], T.tanh(x).sum())\n"
                      "for _ in range(3):\n    f(np.ones((20, 20)))\nprint('done')\n")
    launcher = os.path.join(os.environ.get("THEANO_JVM_ROOT", os.path.abspath(os.path.join(
        os.path.dirname(__file__), "..", "..", "..", ".."))), "bin", "theano-jvm")
    env = dict(os.environ, THEANO_FLAGS="profile=True,profile_memory=True")
    run = subprocess.run([launcher, str(script)], capture_output=True, text=True, timeout=300, env=env,
                         cwd=str(tmp_path))
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().endswith("done")
    err = run.stderr
    assert "Function profiling\n==================\n  Message: %s:4\n" % script in err, err[-3000:]
    assert "  Time in 3 calls to Function.__call__: " in err
    assert "\nClass\n---\n" in err and "\nOps\n---\n" in err and "\nApply\n------\n" in err
    assert "Memory Profile" in err and "    input 0: dtype=float64, shape=(20, 20), strides=(160, 8)" in err


# ----------------------------------------------------------------------------- error context


def _failing_function():
    x, y = T.dvectors("x", "y")
    return theano.function([x, y], x + y, mode="FAST_COMPILE")


_FAILING_LINE = _failing_function.__code__.co_firstlineno + 2


def test_errors_carry_the_apply_node_context():
    f = _failing_function()
    with pytest.raises(ValueError) as e:
        f(np.ones(2), np.ones(3))
    msg = str(e.value)
    assert msg.startswith("Input dimension mis-match. (input[0].shape[0] = 2, input[1].shape[0] = 3)\n")
    assert "\nApply node that caused the error: Elemwise{add,no_inplace}(x, y)\nToposort index: 0\n" in msg
    assert "\nInputs types: [TensorType(float64, vector), TensorType(float64, vector)]\n" in msg
    assert "\nInputs shapes: [(2,), (3,)]\nInputs strides: [(8,), (8,)]\n" in msg
    # the user's line that built the failing node (Theano's tag.trace), then the one remaining hint
    assert ("\nOutputs clients: [['output']]\n\nBacktrace when the node is created(use Theano flag traceback.limit=N "
            "to make it longer):\n") in msg
    assert ('  File "%s", line %d, in _failing_function\n    return theano.function([x, y], x + y, mode="FAST_COMPILE")\n'
            % (__file__, _FAILING_LINE)) in msg
    assert msg.endswith("\nHINT: Use the Theano flag 'exception_verbosity=high' for a debugprint and storage map footprint "
                        "of this apply node.")
    assert "optimizer=fast_compile" not in msg


def test_without_a_creation_trace_the_optimizer_hint_is_given():
    with theano.config.change_flags(traceback__limit=0):
        f = _failing_function()
    with pytest.raises(ValueError) as e:
        f(np.ones(2), np.ones(3))
    assert str(e.value).endswith("\nHINT: Re-running with most Theano optimization disabled could give you a back-trace of "
                                 "when this node was created. This can be done with by setting the Theano flag "
                                 "'optimizer=fast_compile'. If that does not work, Theano optimizations can be disabled "
                                 "with 'optimizer=None'.\nHINT: Use the Theano flag 'exception_verbosity=high' for a "
                                 "debugprint and storage map footprint of this apply node.")


def test_exception_verbosity_high_adds_the_debugprint_of_the_node():
    f = _failing_function()
    with theano.config.change_flags(exception_verbosity="high"):
        with pytest.raises(ValueError) as e:
            f(np.ones(2), np.ones(3))
    msg = str(e.value)
    assert "\nInputs type_num: [12, 12]\n" in msg
    assert ("\nDebugprint of the apply node: \n"
            "Elemwise{add,no_inplace} [id A] <TensorType(float64, vector)> ''   \n"
            " |x [id B] <TensorType(float64, vector)>\n"
            " |y [id C] <TensorType(float64, vector)>\n") in msg
    assert "exception_verbosity=high' for a debugprint" not in msg
    with pytest.raises(ValueError) as e2:  # back to low afterwards
        f(np.ones(2), np.ones(3))
    assert "Debugprint" not in str(e2.value)


def test_errors_in_a_profiled_function_name_the_node_in_the_whole_graph():
    x, y, z = T.dvectors("x", "y", "z")
    f = theano.function([x, y, z], T.exp(z) + x * y, mode="FAST_COMPILE", profile=True)
    with pytest.raises(ValueError) as e:
        f(np.ones(2), np.ones(3), np.ones(2))
    msg = str(e.value)
    topo = [str(n) for n in f.maker.fgraph.toposort()]
    assert "Apply node that caused the error: Elemwise{mul,no_inplace}(x, y)\n" in msg
    assert "\nToposort index: %d\n" % topo.index("Elemwise{mul,no_inplace}(x, y)") in msg


def test_seed003_profiling_tutorial_prints_the_report_on_stderr():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
    folder = os.path.join(root, "tutorials", "seed003_marekrei_tutorial")
    flags = open(os.path.join(folder, "profiling.flags")).read().strip()
    run = subprocess.run([os.path.join(root, "bin", "theano-jvm"), "profiling.py"], capture_output=True, text=True,
                         timeout=300, cwd=folder, env=dict(os.environ, THEANO_FLAGS=flags))
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == open(os.path.join(folder, "profiling.expected")).read()
    err = run.stderr
    # the caller's file:line, as Python 3.9+ names the script (an absolute path since 3.9)
    assert re.search(r"Function profiling\n==================\n  Message: (\S*/)?profiling\.py:18\n", err), err[-3000:]
    assert "  Time in 10 calls to Function.__call__: " in err
    apply_table = err.split("<Apply name>\n", 1)[1].split("   ... (remaining", 1)[0]
    rows = apply_table.strip("\n").splitlines()
    assert rows and all(int(r.split()[4]) == 10 for r in rows)   # every node ran once per call
    assert "Here are tips to potentially make your code run faster" in err



def test_creation_traces_are_the_users_frames_in_tracebacks_format():
    # Theano's rule: leave out the innermost frames in Theano's own code, then keep up to
    # traceback.limit frames; the text is what traceback.format_list writes (recursion cut-off included)
    import traceback
    from theano.gof import utils

    def deep(n):
        if n == 0:
            return T.dvector("v") * 2
        return deep(n - 1)

    with theano.config.change_flags(traceback__limit=6):
        y = deep(7)
    first = deep.__code__.co_firstlineno
    # the multiplication's line and five of the recursive calls above it, printed oldest first
    entries = [(__file__, first + 3, "deep", "return deep(n - 1)")] * 5 + [(__file__, first + 2, "deep", 'return T.dvector("v") * 2')]
    expected = "".join(traceback.format_list(traceback.StackSummary.from_list(entries)))
    assert "  [Previous line repeated 2 more times]\n" in expected
    assert str(y._v.tag().get("trace")) == expected
    here = sys._getframe().f_lineno + 1
    frames = utils.simple_extract_stack(limit=1)
    assert frames == [(__file__, here, "test_creation_traces_are_the_users_frames_in_tracebacks_format",
                       "frames = utils.simple_extract_stack(limit=1)")]
