package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;

/**
 * The rewrite database and driver (Theano's optdb): rewrites registered by name into phases that run
 * in a fixed order ({@link #PHASES}: Theano's merge, canonicalize, stabilize, specialize, fusion,
 * inplace). Each phase is an equilibrium: its global rewrites, then one pass of its local rewrites
 * over the nodes in topological order, repeated until a whole round changes nothing (bounded by
 * {@link #MAX_ROUNDS}, against rewrites that undo each other). A {@link RewriteConfig} picks which
 * registered rewrites take part; a rewrite registered in several phases (merge) runs in each.
 *
 * <p>The driver owns the graph edits: a local rewrite only proposes replacements, which are checked
 * (same type, or made so by a Rebroadcast when only broadcast flags differ; no cycle) and then applied
 * with {@link FunctionGraph#replace}. A rewrite that throws is logged and skipped, as Theano's
 * optimizer reports "Optimization failure" and goes on: an optimization must never break compilation.
 */
public final class RewriteDB {
    /** Phase order, as Theano's optdb positions them. */
    public static final List<String> PHASES = List.of("merge", "canonicalize", "stabilize", "specialize", "fusion", "inplace");
    public static final int MAX_ROUNDS = 50;

    private final Map<String, List<Rewrite>> byPhase = new LinkedHashMap<>();

    public RewriteDB() {
        for (String p : PHASES) byPhase.put(p, new ArrayList<>());
    }

    private static volatile RewriteDB standard;

    /** The database with every built-in rewrite ({@link StandardRewrites}). */
    public static RewriteDB standard() {
        RewriteDB s = standard;
        if (s == null) {
            synchronized (RewriteDB.class) {
                if (standard == null) {
                    RewriteDB db = new RewriteDB();
                    StandardRewrites.registerAll(db);
                    standard = db;
                }
                s = standard;
            }
        }
        return s;
    }

    public RewriteDB register(String phase, Rewrite r) {
        List<Rewrite> l = byPhase.get(phase);
        if (l == null) throw new IllegalArgumentException("unknown phase " + phase + "; phases are " + PHASES);
        l.add(r);
        return this;
    }

    /**
     * Registers a local rewrite. A rewrite implemented in another language (a user's Python local
     * optimizer) must come through here: a polyglot object handed over as a {@link Rewrite} implements
     * only that interface, and the driver would not know it is local.
     */
    public RewriteDB registerLocal(String phase, LocalRewrite r) { return register(phase, r); }

    /** Every registered rewrite by name (a rewrite in several phases appears once). */
    public Map<String, Rewrite> byName() {
        Map<String, Rewrite> m = new LinkedHashMap<>();
        for (List<Rewrite> l : byPhase.values()) for (Rewrite r : l) m.putIfAbsent(r.name(), r);
        return m;
    }

    public List<Rewrite> phase(String phase) { return List.copyOf(byPhase.get(phase)); }

    /** Names of the rewrites a configuration selects, in run order. */
    public List<String> selected(RewriteConfig c) {
        List<String> r = new ArrayList<>();
        for (List<Rewrite> l : byPhase.values()) for (Rewrite w : l) if (c.selects(w) && !r.contains(w.name())) r.add(w.name());
        return r;
    }

    /** Runs the selected rewrites on fg (edited in place). */
    public RewriteResult run(FunctionGraph fg, RewriteConfig c) { return run(fg, c, null); }

    /**
     * @param destroyableInputs graph inputs that may be overwritten -> index of the output that becomes
     *        their new value (shared variables and their updates); null for none
     */
    public RewriteResult run(FunctionGraph fg, RewriteConfig c, Map<Variable, Integer> destroyableInputs) {
        RewriteResult log = new RewriteResult();
        log.setDestroyableInputs(destroyableInputs);
        log.nodesBefore = fg.applyNodes().size();
        for (var e : byPhase.entrySet()) {
            List<GlobalRewrite> globals = new ArrayList<>();
            List<LocalRewrite> locals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Rewrite r : e.getValue()) {
                if (!c.selects(r)) continue;
                names.add(r.name());
                if (r instanceof GlobalRewrite g) globals.add(g);
                else if (r instanceof LocalRewrite l) locals.add(l);
            }
            if (names.isEmpty()) continue;
            log.currentPhase = e.getKey();
            long t0 = System.nanoTime();
            equilibrium(fg, globals, locals, log);
            log.phaseDone(e.getKey(), System.nanoTime() - t0, names);
        }
        log.nodesAfter = fg.applyNodes().size();
        return log;
    }

    static void equilibrium(FunctionGraph fg, List<GlobalRewrite> globals, List<LocalRewrite> locals, RewriteResult log) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (GlobalRewrite g : globals) {
                try {
                    changed |= g.apply(fg, log);
                } catch (RuntimeException ex) {
                    log.record(g.name(), "Optimization failure", ex.toString());
                }
            }
            if (!locals.isEmpty()) {
                for (Apply node : fg.toposort()) {
                    if (!fg.applyNodes().contains(node)) continue; // rebuilt by an earlier replacement this round
                    for (LocalRewrite lr : locals) {
                        List<Variable> repl;
                        try {
                            repl = lr.transform(fg, node);
                        } catch (RuntimeException ex) {
                            if (lr.failureIsFatal()) throw ex;
                            log.record(lr.name(), "Optimization failure on " + node, ex.toString());
                            continue;
                        }
                        if (repl != null && replaceAll(fg, node, repl, lr.name(), log)) {
                            changed = true;
                            break; // the node is gone
                        }
                    }
                }
            }
            if (!changed) return;
        }
    }

    /**
     * Replaces node's outputs by repl (null entries kept). All-or-nothing: if any replacement cannot be
     * made type-compatible or would create a cycle, nothing is replaced.
     */
    public static boolean replaceAll(FunctionGraph fg, Apply node, List<Variable> repl, String rewrite, RewriteResult log) {
        if (repl.size() != node.outputs().size()) throw new IllegalStateException(rewrite + " returned " + repl.size() + " replacements for " + node);
        List<Variable> olds = new ArrayList<>(), news = new ArrayList<>();
        for (int i = 0; i < repl.size(); i++) {
            Variable old = node.outputs().get(i), nw = repl.get(i);
            if (nw == null || nw == old) continue;
            Variable fitted = fitType(old, nw);
            if (fitted == null) return false;
            if (Graphs.dependsOn(fitted, Set.of(old))) return false;
            olds.add(old);
            news.add(fitted);
        }
        if (olds.isEmpty()) return false;
        for (int i = 0; i < olds.size(); i++) {
            if (log != null) log.record(rewrite, olds.get(i).owner(), describe(news.get(i)));
            keepCreationTrace(olds.get(i), news.get(i));
            fg.replace(olds.get(i), news.get(i));
        }
        return true;
    }

    /**
     * The replacement inherits where the user created what it replaces (Theano's copy_stack_trace), so
     * errors and NanGuardMode reports about a rewritten node still point at the user's line.
     */
    private static void keepCreationTrace(Variable old, Variable nw) {
        Object trace = old.tag().get("trace");
        if (trace != null && nw.tag().get("trace") == null) nw.tag().put("trace", trace);
    }

    private static String describe(Variable v) { return v.owner() != null ? v.owner().toString() : v.toString(); }

    /**
     * The replacement with exactly old's type: itself; or, when only the broadcastable flags differ,
     * re-flagged by a Rebroadcast (the values are the same, Theano's patternbroadcast); else null
     * (a dtype or rank change is a bug in the rewrite and is refused).
     */
    public static Variable fitType(Variable old, Variable nw) {
        if (old.type().equals(nw.type())) return nw;
        if (!old.isTensor() || !nw.isTensor() || old.dtype() != nw.dtype() || old.ndim() != nw.ndim()) return null;
        Variable r = T.patternbroadcast(nw, old.broadcastable());
        return r.type().equals(old.type()) ? r : null;
    }
}
