package org.theanojvm.engine.printing.graph;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link Drawing} into file bytes: "dot"/"raw"/"canon" give DOT text; other formats go to the
 * system's Graphviz {@code dot} when it is installed (what Theano does through pydot), and otherwise to
 * the built-in renderer: the ELK layout painted as PNG, JPEG, GIF, BMP, SVG or PDF. The
 * {@code theano.pydotprint.engine} system property ("auto", "graphviz", "builtin") forces one.
 */
public final class GraphRenderer {
    private static final Set<String> BUILTIN = Set.of("png", "jpg", "jpeg", "gif", "bmp", "svg", "pdf");
    /** Raster output is drawn at this many pixels per point, like dot's 96 dpi over 72 points per inch. */
    private static final double RASTER_SCALE = 96.0 / 72.0;

    private GraphRenderer() {}

    public static byte[] render(Drawing d, String format) {
        return render(d, format, System.getProperty("theano.pydotprint.engine", "auto"));
    }

    /** @param engine "auto" (Graphviz when found), "graphviz" or "builtin" */
    public static byte[] render(Drawing d, String format, String engine) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("dot") || f.equals("raw") || f.equals("canon") || f.equals("gv")) return DotWriter.write(d).getBytes(StandardCharsets.UTF_8);
        String dot = engine.equals("builtin") ? null : findDot();
        if (dot != null) return runDot(dot, DotWriter.write(d), f);
        if (engine.equals("graphviz")) throw new IllegalStateException("Graphviz's dot was asked for but is not on the PATH");
        if (!BUILTIN.contains(f)) {
            throw new IllegalArgumentException("Format '" + format + "' needs Graphviz's dot, which is not installed; the built-in "
                    + "renderer writes png, jpg, gif, bmp, svg, pdf and dot");
        }
        return renderBuiltin(d, f);
    }

    /**
     * {@link #render} as a String holding one char per byte (ISO-8859-1): how the bytes cross to Python
     * in one piece ({@code str.encode('latin-1')} gives them back) instead of element by element.
     */
    public static String renderLatin1(Drawing d, String format) {
        return new String(render(d, format), StandardCharsets.ISO_8859_1);
    }

    /** Which engine {@link #render} would use for a format now ("graphviz", "builtin" or "text"). */
    public static String engineFor(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("dot") || f.equals("raw") || f.equals("canon") || f.equals("gv")) return "text";
        String engine = System.getProperty("theano.pydotprint.engine", "auto");
        return !engine.equals("builtin") && findDot() != null ? "graphviz" : "builtin";
    }

    public static byte[] renderBuiltin(Drawing d, String format) {
        Layout l = ElkLayout.layout(d);
        Canvas c = switch (format) {
            case "svg" -> new SvgCanvas(l.width(), l.height());
            case "pdf" -> new PdfCanvas(l.width(), l.height());
            case "jpg", "jpeg" -> new RasterCanvas(l.width(), l.height(), RASTER_SCALE, "jpg");
            default -> new RasterCanvas(l.width(), l.height(), RASTER_SCALE, format);
        };
        return Painter.paint(l, c);
    }

    /** The path of Graphviz's dot: the {@code theano.pydotprint.dot} system property, else dot on the PATH, else null. */
    public static String findDot() {
        String explicit = System.getProperty("theano.pydotprint.dot");
        if (explicit != null && !explicit.isEmpty()) return new File(explicit).canExecute() ? explicit : null;
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, "dot");
            if (f.isFile() && f.canExecute()) return f.getPath();
        }
        return null;
    }

    private static byte[] runDot(String dot, String text, String format) {
        try {
            Process p = new ProcessBuilder(dot, "-T" + format).redirectErrorStream(false).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream o = p.getInputStream()) {
                out = o.readAllBytes();
            }
            String err;
            try (InputStream e = p.getErrorStream()) {
                err = new String(e.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (p.waitFor() != 0) throw new IllegalStateException("dot -T" + format + " failed: " + err.strip());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + dot + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running dot", e);
        }
    }
}
