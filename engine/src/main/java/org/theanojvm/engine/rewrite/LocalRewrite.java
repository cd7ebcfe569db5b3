package org.theanojvm.engine.rewrite;

import java.util.List;
import java.util.Set;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;

/**
 * A rewrite that looks at one Apply node (Theano's local optimizer). It returns replacements for the
 * node's outputs (same length; a null entry keeps that output), or null when it does not apply. It
 * must not edit the graph itself: the driver checks types and performs the replacement.
 */
public interface LocalRewrite extends Rewrite {
    List<Variable> transform(FunctionGraph fg, Apply node);

    /**
     * Asked after {@link #transform} threw: true when the failure must end the compilation (Theano's
     * {@code config.on_opt_error='raise'}, or an AssertionError in a user rewrite) rather than be recorded
     * and the rewrite skipped for that node, which is the default.
     */
    default boolean failureIsFatal() { return false; }

    @FunctionalInterface
    interface Fn {
        List<Variable> transform(FunctionGraph fg, Apply node);
    }

    /** A named local rewrite from a function. */
    static LocalRewrite of(String name, Fn fn, String... tags) {
        Set<String> t = Set.of(tags);
        return new LocalRewrite() {
            public List<Variable> transform(FunctionGraph fg, Apply node) { return fn.transform(fg, node); }

            public String name() { return name; }

            public Set<String> tags() { return t; }

            @Override
            public String toString() { return name; }
        };
    }
}
