package org.theanojvm.engine.printing.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

class PydotTest {
    private static PydotBuilder builder(boolean simple) {
        return new PydotBuilder(true, false, true, null, 70, simple);
    }

    /** Seed 000's scalar addition: two unnamed dscalars, one add, var_with_name_simple=True. */
    @Test
    void scalarAdditionFollowsTheanosConventions() {
        Variable a = T.dscalar(null), b = T.dscalar(null);
        Function f = Function.compile(List.of(a, b), List.of(T.add(a, b)));
        Drawing d = builder(true).build(f.fgraph(), f.updatePairs());
        List<Drawing.Node> nodes = List.copyOf(d.nodes());
        assertEquals(4, nodes.size());
        Drawing.Node add = nodes.get(0);
        assertEquals("Elemwise{add,no_inplace}", add.label());
        assertEquals("ellipse", add.shape());
        assertEquals("#FFAABB", add.fill());
        assertEquals(List.of("TensorType(float64, scalar)", "box", "green"), List.of(nodes.get(1).label(), nodes.get(1).shape(), nodes.get(1).fill()));
        assertEquals("green", nodes.get(2).fill());
        assertEquals(List.of("TensorType(float64, scalar)", "box", "blue"), List.of(nodes.get(3).label(), nodes.get(3).shape(), nodes.get(3).fill()));
        assertEquals(3, d.edges().size());
        assertEquals("0", d.edges().get(0).label());
        assertEquals("1", d.edges().get(1).label());
        assertEquals(null, d.edges().get(2).label());
        String dot = DotWriter.write(d);
        assertTrue(dot.startsWith("digraph G {\n"), dot);
        assertTrue(dot.contains("[label=\"Elemwise{add,no_inplace}\", shape=ellipse, style=filled, fillcolor=\"#FFAABB\"];"), dot);
    }

    @Test
    void namesSharedVariablesCompactEdgesAndUpdates() {
        Variable x = T.dvector("x");
        SharedVariable w = T.shared(NdArray.vector(1, 2), "w");
        Variable y = T.exp(T.mul(x, w)); // mul's output is unnamed: compact mode draws no box for it
        Function f = Function.compile(List.of(In.of(x)), List.of(y), List.<Variable[]>of(new Variable[] {w, T.add(w, 1.0)}),
                List.of(), null, null, null, org.theanojvm.engine.rewrite.RewriteConfig.NONE);
        Drawing d = new PydotBuilder(true, false, true, null, 70, false).build(f.fgraph(), f.updatePairs());
        List<String> labels = d.nodes().stream().map(Drawing.Node::label).toList();
        assertTrue(labels.contains("name=x TensorType(float64, vector)"), labels.toString());
        Drawing.Node wNode = d.nodes().stream().filter(n -> n.label().startsWith("name=w")).findFirst().orElseThrow();
        assertEquals("cyan", wNode.fill());
        assertTrue(d.edges().stream().anyMatch(e -> "1 TensorType(float64, vector)".equals(e.label())
                || "TensorType(float64, vector)".equals(e.label())), d.edges().toString());
        assertTrue(d.edges().stream().anyMatch(e -> "UPDATE".equals(e.label()) && "blue".equals(e.color()) && e.to().equals(wNode.id())));
        assertTrue(labels.contains("val=1.0 TensorType(float64, scalar)") || labels.stream().anyMatch(s -> s.startsWith("val=")), labels.toString());
    }

    @Test
    void builtinRendererWritesRealImages() throws Exception {
        Variable a = T.dmatrix(null), b = T.dmatrix(null);
        Function f = Function.compile(List.of(a, b), List.of(T.dot(a, b)));
        Drawing d = builder(true).build(f.fgraph(), f.updatePairs());
        byte[] png = GraphRenderer.renderBuiltin(d, "png");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img);
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100, img.getWidth() + "x" + img.getHeight());
        // the green input boxes and the blue output box are really painted
        boolean green = false, blue = false;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                green |= rgb == (Color.GREEN.getRGB() & 0xFFFFFF);
                blue |= rgb == 0x0000FF;
            }
        }
        assertTrue(green && blue);
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "theano-jvm-pydot-test.png");
        Files.write(out, png);
        String svg = new String(GraphRenderer.renderBuiltin(d, "svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("<ellipse") && svg.contains(">TensorType(float64, matrix)</text>"), svg);
        String pdf = new String(GraphRenderer.renderBuiltin(d, "pdf"), StandardCharsets.ISO_8859_1);
        assertTrue(pdf.startsWith("%PDF-1.4") && pdf.endsWith("%%EOF\n") && pdf.contains("(TensorType\\(float64, matrix\\)) Tj"), pdf);
        assertTrue(new String(GraphRenderer.render(d, "dot"), StandardCharsets.UTF_8).startsWith("digraph G {"));
    }

    @Test
    void htmlPageIsSelfContainedWithDetails() {
        Variable x = T.dvector("x");
        Function f = Function.compile(List.of(x), List.of(T.exp(x)));
        Drawing d = builder(true).build(f.fgraph(), f.updatePairs());
        String html = HtmlGraph.render(d, "exp graph");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<title>exp graph</title>"), html);
        assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org/2000/svg"), "no remote resources");
        assertTrue(!html.contains("<script src"), "no external scripts");
        assertTrue(html.contains("class=\"node\"") && html.contains(">Elemwise{exp,no_inplace}</text>"), html);
        assertTrue(html.contains("\"details\":\"Apply node, toposort index 0\\nOp: Elemwise{exp,no_inplace}"), html);
        assertTrue(html.contains("Variable (input)\\nName: x\\nType: TensorType(float64, vector)"), html);
    }

    @Test
    void graphvizIsUsedWhenPresent(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // a stand-in for Graphviz's dot: echoes its -T argument and the DOT text it was given
        Path fake = dir.resolve("dot");
        Files.writeString(fake, "#!/bin/sh\necho \"format:$1\"\ncat\n");
        fake.toFile().setExecutable(true);
        Variable a = T.dscalar("a");
        Function f = Function.compile(List.of(a), List.of(T.exp(a)));
        Drawing d = builder(true).build(f.fgraph(), f.updatePairs());
        System.setProperty("theano.pydotprint.dot", fake.toString());
        try {
            assertEquals("graphviz", GraphRenderer.engineFor("png"));
            String out = new String(GraphRenderer.render(d, "png"), StandardCharsets.UTF_8);
            assertTrue(out.startsWith("format:-Tpng\ndigraph G {"), out);
            assertEquals("builtin", new String(GraphRenderer.render(d, "png", "builtin"), StandardCharsets.ISO_8859_1).startsWith("\u0089PNG")
                    ? "builtin" : "graphviz");
        } finally {
            System.clearProperty("theano.pydotprint.dot");
        }
    }
}
