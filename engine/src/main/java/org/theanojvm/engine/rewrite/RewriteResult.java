package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Variable;

/**
 * What a pipeline run did, for debugging (Theano's optimizer profile / optimizer_verbose): every
 * replacement with its phase and rewrite, counts per rewrite, node counts and time per phase.
 */
public final class RewriteResult {
    /** One replacement: {@code rewrite} in {@code phase} turned {@code before} into {@code after}. */
    public record Event(String phase, String rewrite, String before, String after) {
        @Override
        public String toString() { return phase + "/" + rewrite + ": " + before + " -> " + after; }
    }

    private final List<Event> events = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Long> phaseNanos = new LinkedHashMap<>();
    private final List<String> phasesRun = new ArrayList<>();
    private final List<String> rewritesRun = new ArrayList<>();
    int nodesBefore, nodesAfter;
    /**
     * Graph inputs that may be overwritten, each with the index of the graph output that replaces its
     * value (a shared variable and its update). Set by the compiler before the run; read by the
     * in-place rewrites. Kept here because the result object is the run's state as well as its log.
     */
    private java.util.Map<Variable, Integer> destroyableInputs = new java.util.IdentityHashMap<>();
    String currentPhase = "";

    void record(String rewrite, Object before, Object after) {
        events.add(new Event(currentPhase, rewrite, String.valueOf(before), String.valueOf(after)));
        counts.merge(rewrite, 1, Integer::sum);
    }

    /** For global rewrites: log one replacement. */
    public void replaced(String rewrite, Object before, Object after) { record(rewrite, before, after); }

    void phaseDone(String phase, long nanos, List<String> rewrites) {
        phasesRun.add(phase);
        phaseNanos.merge(phase, nanos, Long::sum);
        for (String r : rewrites) if (!rewritesRun.contains(r)) rewritesRun.add(r);
    }

    public java.util.Map<Variable, Integer> destroyableInputs() { return destroyableInputs; }

    void setDestroyableInputs(java.util.Map<Variable, Integer> m) { destroyableInputs = m == null ? new java.util.IdentityHashMap<>() : m; }

    public List<Event> events() { return Collections.unmodifiableList(events); }

    /** How many times each rewrite fired. */
    public Map<String, Integer> counts() { return Collections.unmodifiableMap(counts); }

    public int count(String rewrite) { return counts.getOrDefault(rewrite, 0); }

    /** Phases that ran, in order. */
    public List<String> phases() { return Collections.unmodifiableList(phasesRun); }

    /** Names of the rewrites that were enabled (whether or not they fired). */
    public List<String> enabledRewrites() { return Collections.unmodifiableList(rewritesRun); }

    public int nodesBefore() { return nodesBefore; }

    public int nodesAfter() { return nodesAfter; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RewriteResult: " + nodesBefore + " -> " + nodesAfter + " nodes\n");
        for (var e : phaseNanos.entrySet()) sb.append("  phase ").append(e.getKey()).append(": ").append(e.getValue() / 1000).append(" us\n");
        for (var e : counts.entrySet()) sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        for (Event e : events) sb.append("    ").append(e).append('\n');
        return sb.toString();
    }
}
