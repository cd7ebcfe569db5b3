"""theano.d3viz.d3viz: write a compiled function's graph as an interactive HTML page."""
import os

from theano import _engine as E
from theano.printing import _graph_of, _profile_suffixes, default_colorCodes

JPydotBuilder = E.jtype("printing.graph.PydotBuilder")
JHtmlGraph = E.jtype("printing.graph.HtmlGraph")
JGraphRenderer = E.jtype("printing.graph.GraphRenderer")


def _drawing(fct, colorCodes=None):
    jfg, updates, fn = _graph_of(fct)
    jcolors = E.LinkedHashMap()
    for k, v in (colorCodes or default_colorCodes).items():
        jcolors.put(str(k), str(v))
    with E.errors():
        builder = JPydotBuilder(True, False, True, jcolors, 70, False)
        suffixes = _profile_suffixes(fn, int(jfg.toposort().size()))
        if suffixes is not None:
            builder.applySuffixes(suffixes)
        return builder.build(jfg, updates)


def d3viz(fct, outfile, copy_deps=True, *args, **kwargs):
    """Write `fct` (a compiled function, a variable or a list of variables) as an HTML page at `outfile`.

    Open the page in a browser: the mouse wheel zooms, dragging pans, clicking a node shows its type,
    the apply it is and (for a profiled function) its time.
    """
    title = getattr(fct, "name", None) or "Theano graph"
    drawing = _drawing(fct, kwargs.get("colorCodes"))
    with E.errors():
        html = str(JHtmlGraph.render(drawing, str(title)))
    outdir = os.path.dirname(outfile)
    if outdir and not os.path.isdir(outdir):
        os.makedirs(outdir)
    with open(outfile, "w", encoding="utf-8") as f:
        f.write(html)


def d3write(fct, path, *args, **kwargs):
    """Write the graph of `fct` as Graphviz DOT text to `path` (Theano wrote the dot file d3viz read)."""
    drawing = _drawing(fct, kwargs.get("colorCodes"))
    with E.errors():
        data = str(JGraphRenderer.renderLatin1(drawing, "dot")).encode("latin-1")
    with open(path, "wb") as f:
        f.write(data)
