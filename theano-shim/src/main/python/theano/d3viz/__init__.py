"""theano.d3viz: an interactive HTML view of a graph (zoom, pan, node details).

Theano's version wrote an HTML page plus a folder of JavaScript libraries (d3, dagre-d3) it copied next
to it. Here the page is self-contained: the layout is computed by the engine (the same ELK layout and
colours as pydotprint), drawn as inline SVG, with a small inline script; it needs no network and no
copied files, so `copy_deps` is accepted and ignored.
"""
from theano.d3viz.d3viz import d3viz, d3write  # noqa: F401
