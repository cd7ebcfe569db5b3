package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.util.Map;

/** Graphviz colour names (the X11 ones Theano's pydotprint uses) and #RRGGBB strings as colours. */
public final class Colors {
    private Colors() {}

    private static final Map<String, Color> X11 = Map.ofEntries(
            Map.entry("black", Color.BLACK), Map.entry("white", Color.WHITE), Map.entry("red", new Color(255, 0, 0)),
            Map.entry("green", new Color(0, 255, 0)), Map.entry("blue", new Color(0, 0, 255)), Map.entry("cyan", new Color(0, 255, 255)),
            Map.entry("magenta", new Color(255, 0, 255)), Map.entry("yellow", new Color(255, 255, 0)),
            Map.entry("brown", new Color(165, 42, 42)), Map.entry("grey", new Color(192, 192, 192)), Map.entry("gray", new Color(192, 192, 192)),
            Map.entry("orange", new Color(255, 165, 0)), Map.entry("purple", new Color(160, 32, 240)), Map.entry("pink", new Color(255, 192, 203)),
            Map.entry("lightgrey", new Color(211, 211, 211)), Map.entry("lightblue", new Color(173, 216, 230)),
            Map.entry("darkgreen", new Color(0, 100, 0)), Map.entry("navy", new Color(0, 0, 128)));

    /** The colour of a name or #RRGGBB; null for null; unknown names are black, as dot warns and uses black. */
    public static Color parse(String s) {
        if (s == null) return null;
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("#") && (t.length() == 7 || t.length() == 9)) {
            try {
                return new Color(Integer.parseInt(t.substring(1, 7), 16));
            } catch (NumberFormatException e) {
                return Color.BLACK;
            }
        }
        return X11.getOrDefault(t, Color.BLACK);
    }

    /** {@code #rrggbb}, for SVG. */
    public static String hex(Color c) { return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()); }
}
