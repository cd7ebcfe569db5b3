package org.theanojvm.engine.rewrite;

import java.util.Set;

/**
 * Something registered in the {@link RewriteDB}: a {@link LocalRewrite} or a {@link GlobalRewrite}.
 * Its name and tags are what {@code optimizer_including/excluding/requiring} and the modes select on.
 */
public interface Rewrite {
    String name();

    Set<String> tags();
}
