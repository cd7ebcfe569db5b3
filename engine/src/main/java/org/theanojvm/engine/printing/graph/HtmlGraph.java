package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.util.Locale;

/**
 * theano.d3viz's page, self-contained: one HTML file holding the laid-out graph as inline SVG (the same
 * {@link ElkLayout} and colours as pydotprint), each node's details as JSON, and a small script for
 * zooming (wheel), panning (drag), and showing a node's details when it is clicked, with its edges
 * highlighted. Nothing is fetched from the network, so the page works offline and from any folder.
 */
public final class HtmlGraph {
    private HtmlGraph() {}

    public static String render(Drawing d, String title) {
        Layout l = ElkLayout.layout(d);
        StringBuilder svg = new StringBuilder();
        for (Layout.PlacedEdge e : l.edges()) svg.append(edge(e));
        for (Layout.PlacedNode n : l.nodes()) svg.append(node(n));
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Layout.PlacedNode n : l.nodes()) {
            if (!first) json.append(',');
            first = false;
            String det = d.details(n.node().id());
            json.append(js(n.node().id())).append(":{\"label\":").append(js(n.node().label())).append(",\"details\":")
                    .append(js(det == null ? n.node().label() : det)).append('}');
        }
        json.append('}');
        return TEMPLATE.replace("%TITLE%", SvgCanvas.escape(title))
                .replace("%W%", fmt(l.width())).replace("%H%", fmt(l.height()))
                .replace("%SVG%", svg.toString())
                .replace("%NODES%", json.toString().replace("</", "<\\/"));
    }

    private static String node(Layout.PlacedNode n) {
        Color fill = Colors.parse(n.node().fill());
        Color border = n.node().border() == null ? Color.BLACK : Colors.parse(n.node().border());
        String fillS = fill == null ? "white" : Colors.hex(fill);
        StringBuilder sb = new StringBuilder();
        sb.append("<g class=\"node\" data-id=\"").append(SvgCanvas.escape(n.node().id())).append("\">");
        if (n.node().shape().equals("box")) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"", n.x(), n.y(), n.w(), n.h()));
        } else {
            sb.append(String.format(Locale.ROOT, "<ellipse cx=\"%.2f\" cy=\"%.2f\" rx=\"%.2f\" ry=\"%.2f\"", n.cx(), n.cy(), n.w() / 2, n.h() / 2));
        }
        sb.append(" fill=\"").append(fillS).append("\" stroke=\"").append(Colors.hex(border)).append("\"/>");
        sb.append(String.format(Locale.ROOT, "<text text-anchor=\"middle\" x=\"%.2f\" y=\"%.2f\">", n.cx(), n.cy() + TextMetrics.baselineOffset()));
        sb.append(SvgCanvas.escape(n.node().label())).append("</text></g>\n");
        return sb.toString();
    }

    private static String edge(Layout.PlacedEdge e) {
        String color = e.edge().color() == null ? "#000000" : Colors.hex(Colors.parse(e.edge().color()));
        StringBuilder sb = new StringBuilder("<g class=\"edge\" data-from=\"").append(SvgCanvas.escape(e.edge().from()))
                .append("\" data-to=\"").append(SvgCanvas.escape(e.edge().to())).append("\"><polyline fill=\"none\" stroke=\"")
                .append(color).append("\" marker-end=\"url(#arrow)\" points=\"");
        for (double[] p : e.points()) sb.append(fmt(p[0])).append(',').append(fmt(p[1])).append(' ');
        sb.append("\"/>");
        double[] b = e.labelBox();
        if (b != null) {
            sb.append(String.format(Locale.ROOT, "<text class=\"elabel\" text-anchor=\"middle\" x=\"%.2f\" y=\"%.2f\">", b[0] + b[2] / 2,
                    b[1] + b[3] / 2 + TextMetrics.baselineOffset())).append(SvgCanvas.escape(e.edge().label())).append("</text>");
        }
        return sb.append("</g>\n").toString();
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }

    /** A JSON string literal. */
    static String js(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>%TITLE%</title>
            <style>
              html, body { margin: 0; height: 100%; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
              #toolbar { padding: 6px 10px; background: #f0f0f0; border-bottom: 1px solid #ccc; font-size: 13px; }
              #main { display: flex; height: calc(100% - 34px); }
              #graph { flex: 1; cursor: grab; background: white; }
              #graph text { font-size: 14px; pointer-events: none; }
              #graph .node { cursor: pointer; }
              #graph .node.selected ellipse, #graph .node.selected rect { stroke: #d00000; stroke-width: 3; }
              #graph .edge.highlight polyline { stroke: #d00000; stroke-width: 2.5; }
              #details { width: 340px; border-left: 1px solid #ccc; padding: 8px; overflow: auto; font-size: 13px; }
              #details pre { white-space: pre-wrap; word-break: break-word; }
            </style>
            </head>
            <body>
            <div id="toolbar"><b>%TITLE%</b> &mdash; wheel: zoom, drag: pan, click a node: details
              <button id="reset">Reset view</button></div>
            <div id="main">
            <svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %W% %H%" preserveAspectRatio="xMidYMid meet">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>
            <g id="viewport">
            %SVG%</g>
            </svg>
            <div id="details"><h3 id="details-title">Details</h3><pre id="details-text">Click a node to see its details.</pre></div>
            </div>
            <script>
            var NODES = %NODES%;
            (function () {
              var svg = document.getElementById('graph'), vp = document.getElementById('viewport');
              var scale = 1, tx = 0, ty = 0, drag = null;
              function apply() { vp.setAttribute('transform', 'translate(' + tx + ',' + ty + ') scale(' + scale + ')'); }
              function toGraph(evt) {
                var pt = svg.createSVGPoint(); pt.x = evt.clientX; pt.y = evt.clientY;
                return pt.matrixTransform(svg.getScreenCTM().inverse());
              }
              svg.addEventListener('wheel', function (evt) {
                evt.preventDefault();
                var p = toGraph(evt), f = evt.deltaY < 0 ? 1.15 : 1 / 1.15;
                tx = p.x - (p.x - tx) * f; ty = p.y - (p.y - ty) * f; scale *= f; apply();
              }, {passive: false});
              svg.addEventListener('mousedown', function (evt) { var p = toGraph(evt); drag = {x: p.x - tx, y: p.y - ty, moved: false}; });
              window.addEventListener('mousemove', function (evt) {
                if (!drag) return;
                var p = toGraph(evt); tx = p.x - drag.x; ty = p.y - drag.y; drag.moved = true; apply();
              });
              window.addEventListener('mouseup', function () { drag = null; });
              document.getElementById('reset').addEventListener('click', function () { scale = 1; tx = 0; ty = 0; apply(); });
              window.showNode = function (id) {
                var n = NODES[id];
                if (!n) return false;
                document.querySelectorAll('#graph .node').forEach(function (g) { g.classList.toggle('selected', g.dataset.id === id); });
                document.querySelectorAll('#graph .edge').forEach(function (g) {
                  g.classList.toggle('highlight', g.dataset.from === id || g.dataset.to === id);
                });
                document.getElementById('details-title').textContent = n.label;
                document.getElementById('details-text').textContent = n.details;
                return true;
              };
              document.querySelectorAll('#graph .node').forEach(function (g) {
                g.addEventListener('click', function () { window.showNode(g.dataset.id); });
              });
              apply();
              // a link to page.html#node=ID opens with that node selected (and lets tests drive the page)
              if (location.hash.indexOf('#node=') === 0) window.showNode(decodeURIComponent(location.hash.slice(6)));
              document.body.setAttribute('data-nodes', String(document.querySelectorAll('#graph .node').length));
              document.body.setAttribute('data-ready', 'yes');
            })();
            </script>
            </body>
            </html>
            """;
}
