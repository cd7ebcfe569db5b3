package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rewrites a compilation runs: Theano's compilation mode plus the optimizer flags, as the shim
 * passes them from {@code theano.config} ({@code mode}, {@code optimizer}, {@code optimizer_including},
 * {@code optimizer_excluding}, {@code optimizer_requiring}) or from {@code theano.function(mode=...)}.
 *
 * <p>Resolution follows Theano 1.0's {@code get_mode}: the predefined modes fix the optimizer
 * ({@code FAST_RUN} -> {@code fast_run}, {@code FAST_COMPILE} -> {@code fast_compile}); the generic
 * modes ({@code Mode}, the default, and {@code DebugMode}) use the {@code optimizer} flag. The optimizer
 * name is a tag query: {@code fast_run} selects every rewrite tagged fast_run, {@code fast_compile} only
 * the cheap merge-like ones, {@code None} (or {@code o0}) none at all. Then a rewrite is selected when
 * it has an included tag (or its name is included), all required tags, and no excluded tag (nor its name
 * excluded). {@code optimizer=None} wins over includes, as in Theano where the empty optimizer has
 * nothing to include from.
 */
public record RewriteConfig(String mode, String optimizer, Set<String> including, Set<String> excluding, Set<String> requiring) {

    public RewriteConfig {
        mode = mode == null ? "Mode" : mode;
        including = Set.copyOf(including == null ? Set.of() : including);
        excluding = Set.copyOf(excluding == null ? Set.of() : excluding);
        requiring = Set.copyOf(requiring == null ? Set.of() : requiring);
    }

    /** The default: Theano's default mode with optimizer=fast_run (every rewrite). */
    public static final RewriteConfig FAST_RUN = new RewriteConfig("FAST_RUN", "fast_run", null, null, null);
    public static final RewriteConfig FAST_COMPILE = new RewriteConfig("FAST_COMPILE", "fast_compile", null, null, null);
    /** optimizer=None: the graph is executed as built. */
    public static final RewriteConfig NONE = new RewriteConfig("Mode", "None", null, null, null);

    /** The configuration used when compilation is given none; the shim may set it from theano.config. */
    private static volatile RewriteConfig defaultConfig = fromFlags(System.getProperty("theano.mode", "FAST_RUN"),
            System.getProperty("theano.optimizer"), System.getProperty("theano.optimizer_including"),
            System.getProperty("theano.optimizer_excluding"), System.getProperty("theano.optimizer_requiring"));

    public static RewriteConfig getDefault() { return defaultConfig; }

    public static void setDefault(RewriteConfig c) { defaultConfig = c == null ? FAST_RUN : c; }

    /**
     * From Theano's flag strings; list flags are colon-separated as in THEANO_FLAGS
     * ({@code optimizer_excluding=fusion:inplace}). Null or empty strings mean unset.
     */
    public static RewriteConfig fromFlags(String mode, String optimizer, String including, String excluding, String requiring) {
        return new RewriteConfig(mode, optimizer, split(including), split(excluding), split(requiring));
    }

    private static Set<String> split(String s) {
        Set<String> r = new LinkedHashSet<>();
        if (s != null) for (String p : s.split(":")) if (!p.isBlank()) r.add(p.trim());
        return r;
    }

    public RewriteConfig including(String... tags) { return new RewriteConfig(mode, optimizer, union(including, tags), excluding, requiring); }

    public RewriteConfig excluding(String... tags) { return new RewriteConfig(mode, optimizer, including, union(excluding, tags), requiring); }

    public RewriteConfig requiring(String... tags) { return new RewriteConfig(mode, optimizer, including, excluding, union(requiring, tags)); }

    private static Set<String> union(Set<String> a, String[] b) {
        Set<String> r = new LinkedHashSet<>(a);
        r.addAll(List.of(b));
        return r;
    }

    /** The optimizer actually used: fixed by FAST_RUN/FAST_COMPILE, else the optimizer flag (default fast_run). */
    public String effectiveOptimizer() {
        switch (mode) {
            case "FAST_RUN": return "fast_run";
            case "FAST_COMPILE": return "fast_compile";
            default: return optimizer == null || optimizer.isEmpty() ? "fast_run" : optimizer;
        }
    }

    /** Whether nothing is to be run at all. */
    public boolean isNone() {
        String o = effectiveOptimizer();
        return o.equals("None") || o.equals("none") || o.equals("o0");
    }

    /** The include tags the optimizer name stands for. */
    List<String> baseTags() {
        String o = effectiveOptimizer();
        List<String> r = new ArrayList<>();
        if (isNone()) return r;
        switch (o) {
            case "fast_run", "o4", "o3", "o2" -> r.add("fast_run");
            case "fast_compile", "o1" -> r.add("fast_compile");
            case "merge" -> r.add("merge");
            default -> r.add(o);
        }
        return r;
    }

    /** Theano's Query: any include tag (or name), all required tags, no excluded tag or name. */
    public boolean selects(Rewrite r) {
        if (isNone()) return false;
        Set<String> tags = new LinkedHashSet<>(r.tags());
        tags.add(r.name());
        for (String x : excluding) if (tags.contains(x)) return false;
        for (String q : requiring) if (!tags.contains(q)) return false;
        for (String b : baseTags()) if (tags.contains(b)) return true;
        for (String i : including) if (tags.contains(i)) return true;
        return false;
    }
}
