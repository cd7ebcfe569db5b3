package org.theanojvm.engine.rewrite;

import java.util.Set;
import org.theanojvm.engine.graph.FunctionGraph;

/** A rewrite that works on the whole graph at once (Theano's global optimizer, e.g. merge). */
public interface GlobalRewrite extends Rewrite {
    /** Rewrites fg in place; returns whether anything changed. Events go to {@code log}. */
    boolean apply(FunctionGraph fg, RewriteResult log);

    @FunctionalInterface
    interface Fn {
        boolean apply(FunctionGraph fg, RewriteResult log);
    }

    static GlobalRewrite of(String name, Fn fn, String... tags) {
        Set<String> t = Set.of(tags);
        return new GlobalRewrite() {
            public boolean apply(FunctionGraph fg, RewriteResult log) { return fn.apply(fg, log); }

            public String name() { return name; }

            public Set<String> tags() { return t; }

            @Override
            public String toString() { return name; }
        };
    }
}
