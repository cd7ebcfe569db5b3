package org.theanojvm.engine.ndarray;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.theanojvm.engine.types.DType;

/**
 * NumPy-style text for arrays (str and repr, NumPy >= 1.14 defaults: precision 8, floatmode 'maxprec',
 * line width 75), used by TensorConstant names and error messages. The shim prints user-visible arrays
 * with NumPy itself; this only has to agree for the small values that appear inside Theano's messages.
 * Not implemented yet: summarization of arrays over 1000 elements.
 */
public final class NdFormat {
    private NdFormat() {}

    private static final int LINE_WIDTH = 75;

    /** Python's repr()/str() of a float (shortest round-trip digits, exponent outside [1e-4, 1e16)). */
    public static String pyFloat(double v, boolean float32) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(float32 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp10 = digits.length() - 1 - bd.scale();
        String sign = v < 0 ? "-" : "";
        if (exp10 >= -4 && exp10 < 16) {
            String p = bd.abs().toPlainString();
            if (p.indexOf('.') < 0) p += ".0";
            return sign + p;
        }
        String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return sign + mant + "e" + (exp10 < 0 ? "-" : "+") + (Math.abs(exp10) < 10 ? "0" : "") + Math.abs(exp10);
    }

    /** str() of a NumPy scalar of this dtype (what {@code str(x[()])} prints). */
    public static String scalarStr(NdArray a, long off) {
        DType d = a.dtype();
        if (d.isBool()) return a.readBoolean(off) ? "True" : "False";
        if (d.isInteger()) return d == DType.UINT64 ? Long.toUnsignedString(a.readLong(off)) : Long.toString(a.readLong(off));
        if (d.isComplex()) {
            double[] c = a.readComplex(off);
            return "(" + complexText(c, d == DType.COMPLEX64) + ")";
        }
        return pyFloat(a.readDouble(off), d != DType.FLOAT64);
    }

    private static String complexText(double[] c, boolean f32) {
        String re = pyFloat(c[0], f32);
        String im = pyFloat(c[1], f32);
        if (re.endsWith(".0")) re = re.substring(0, re.length() - 2);
        if (im.endsWith(".0")) im = im.substring(0, im.length() - 2);
        return re + (im.startsWith("-") ? "" : "+") + im + "j";
    }

    /** NumPy str(a). 0-d arrays print as their scalar. */
    public static String str(NdArray a) {
        if (a.ndim() == 0) return scalarStr(a, a.offset());
        return array2string(a, " ", "");
    }

    /** NumPy repr(a), e.g. {@code array([1., 2.])}, {@code array(2, dtype=int8)}. */
    public static String repr(NdArray a) {
        String body = a.ndim() == 0 ? formatter(a).apply(a.offset()) : array2string(a, ", ", "array(");
        DType d = a.dtype();
        boolean showDtype = !(d == DType.FLOAT64 || d == DType.INT64 || d == DType.BOOL || d == DType.COMPLEX128) || a.size() == 0;
        return "array(" + body + (showDtype ? ", dtype=" + d.npName() : "") + ")";
    }

    interface ElemFormatter {
        String apply(long off);
    }

    static String array2string(NdArray a, String sep, String prefix) {
        if (a.size() == 0) return "[]";
        ElemFormatter f = formatter(a);
        StringBuilder sb = new StringBuilder();
        format(a, f, sep, " ".repeat(prefix.length() + 1), sb, prefix.length());
        return sb.toString();
    }

    private static void format(NdArray a, ElemFormatter f, String sep, String indent, StringBuilder out, int startCol) {
        int nd = a.ndim();
        if (nd == 1) {
            long n = a.shape(0);
            StringBuilder line = new StringBuilder(" ".repeat(startCol)).append('[');
            String trimmedSep = sep.stripTrailing();
            for (long i = 0; i < n; i++) {
                String word = f.apply(a.offset() + i * a.strides()[0]);
                boolean last = i == n - 1;
                String w = last ? word : word + trimmedSep;
                int limit = LINE_WIDTH - (last ? 1 : 0);
                if (i > 0 && line.length() + w.length() + (sep.endsWith(" ") ? 1 : 0) > limit) {
                    out.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(indent);
                } else if (i > 0 && sep.endsWith(" ")) {
                    line.append(' ');
                }
                line.append(w);
            }
            line.append(']');
            out.append(line.substring(startCol));
            return;
        }
        out.append('[');
        long n = a.shape(0);
        String trimmedSep = sep.stripTrailing();
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                out.append(trimmedSep).append("\n".repeat(nd - 1)).append(indent);
            }
            format(a.index(0, i), f, sep, indent + " ", out, 0);
        }
        out.append(']');
    }

    static ElemFormatter formatter(NdArray a) {
        DType d = a.dtype();
        long[] offs = a.elementOffsets();
        if (d.isBool()) {
            boolean anyFalse = false;
            for (long o : offs) anyFalse |= !a.readBoolean(o);
            int w = anyFalse ? 5 : 4;
            return off -> pad(a.readBoolean(off) ? "True" : "False", w, true);
        }
        if (d.isInteger()) {
            int w = 0;
            for (long o : offs) w = Math.max(w, scalarStr(a, o).length());
            final int width = w;
            return off -> pad(scalarStr(a, off), width, true);
        }
        if (d.isComplex()) {
            return off -> complexText(a.readComplex(off), d == DType.COMPLEX64);
        }
        return floatFormatter(a, offs);
    }

    private static ElemFormatter floatFormatter(NdArray a, long[] offs) {
        boolean f32 = a.dtype() != DType.FLOAT64;
        double max = 0, min = Double.POSITIVE_INFINITY;
        boolean anyFinite = false;
        for (long o : offs) {
            double v = a.readDouble(o);
            if (Double.isFinite(v) && v != 0) {
                double x = Math.abs(v);
                max = Math.max(max, x);
                min = Math.min(min, x);
                anyFinite = true;
            }
        }
        boolean exp = anyFinite && (max >= 1e8 || min < 1e-4 || max / min > 1000);
        int padLeft = 0, padRight = 0, expWidth = 0;
        String[][] parts = new String[offs.length][];
        for (int i = 0; i < offs.length; i++) {
            double v = a.readDouble(offs[i]);
            if (!Double.isFinite(v)) continue;
            parts[i] = exp ? sciParts(v, f32) : fixedParts(v, f32);
            padLeft = Math.max(padLeft, parts[i][0].length());
            padRight = Math.max(padRight, parts[i][1].length());
            if (exp) expWidth = Math.max(expWidth, parts[i][2].length());
        }
        for (long o : offs) {
            double v = a.readDouble(o);
            if (!Double.isFinite(v)) {
                int len = Double.isNaN(v) ? 3 : (v > 0 ? 3 : 4);
                padLeft = Math.max(padLeft, len - (padRight + 1)); // NumPy widens the integer part to fit nan/inf
            }
        }
        final int pl = padLeft, pr = padRight, ew = expWidth;
        final boolean isExp = exp;
        return off -> {
            double v = a.readDouble(off);
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
                return pad(s, pl + pr + 1 + (isExp ? ew + 2 : 0), true);
            }
            String[] p = isExp ? sciParts(v, f32) : fixedParts(v, f32);
            String s = pad(p[0], pl, true) + "." + pad(p[1], pr, false);
            if (isExp) {
                s = pad(p[0], pl, true) + "." + p[1] + "e" + p[3] + pad0(p[2], ew) + " ".repeat(pr - p[1].length());
            }
            return s;
        };
    }

    /** {integer part with sign, fraction digits} of the shortest repr rounded to 8 fraction digits. */
    private static String[] fixedParts(double v, boolean f32) {
        BigDecimal bd = new BigDecimal(f32 ? Float.toString((float) v) : Double.toString(v));
        if (bd.scale() > 8) bd = bd.setScale(8, RoundingMode.HALF_EVEN);
        bd = bd.stripTrailingZeros();
        String s = bd.toPlainString();
        if (v < 0 && !s.startsWith("-")) s = "-" + s; // -0.0
        int dot = s.indexOf('.');
        if (dot < 0) return new String[] {s, ""};
        return new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    /** {mantissa integer digit with sign, mantissa fraction, exponent digits, exponent sign}. */
    private static String[] sciParts(double v, boolean f32) {
        if (v == 0) return new String[] {"0", "", "00", "+"};
        BigDecimal bd = new BigDecimal(f32 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp10 = digits.length() - 1 - bd.scale();
        String frac = digits.substring(1);
        if (frac.length() > 8) {
            BigDecimal m = new BigDecimal(digits.charAt(0) + "." + frac).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
            String ms = m.toPlainString();
            if (m.compareTo(BigDecimal.TEN) >= 0) { // rounding carried into a new digit
                exp10++;
                ms = "1";
            }
            int dot = ms.indexOf('.');
            digits = dot < 0 ? ms : ms.charAt(0) + ms.substring(dot + 1);
            frac = dot < 0 ? "" : ms.substring(dot + 1);
        }
        String e = Integer.toString(Math.abs(exp10));
        return new String[] {(v < 0 ? "-" : "") + digits.charAt(0), frac, e.length() < 2 ? "0" + e : e, exp10 < 0 ? "-" : "+"};
    }

    private static String pad0(String s, int w) {
        return "0".repeat(Math.max(0, w - s.length())) + s;
    }

    private static String pad(String s, int w, boolean left) {
        if (s.length() >= w) return s;
        String sp = " ".repeat(w - s.length());
        return left ? sp + s : s + sp;
    }
}
