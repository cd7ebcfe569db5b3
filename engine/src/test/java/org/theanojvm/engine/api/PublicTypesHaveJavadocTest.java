package org.theanojvm.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java API's documentation rule, checked on the sources: every public type (top-level or nested)
 * in the main sources of the repository's Java modules has a Javadoc comment right before its
 * declaration (annotations may sit between). A source scan, not javadoc's doclint: doclint's
 * "missing" group also demands a comment on every public method and field, which is not the rule.
 */
class PublicTypesHaveJavadocTest {
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

    /** The Java modules whose main sources are published (the engine's tests run in engine/). */
    private static final List<String> MODULES = List.of("engine", "truffle-nodes", "cuda", "polyglot-api");

    @Test
    void everyPublicTypeHasAJavadocComment() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "no sources at " + src);
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                    checked += undocumented(f, root, missing);
                }
            }
        }
        assertTrue(checked > 200, "found only " + checked + " public types: is the scan broken?");
        assertEquals(List.of(), missing, "public types without a Javadoc comment");
    }

    @Test
    void theScanSeesAMissingComment() throws IOException {
        Path dir = Files.createTempDirectory("javadoc-scan");
        Path f = dir.resolve("A.java");
        Files.writeString(f, "package p;\n/** documented */\npublic final class A {\n    // a line comment is not Javadoc\n"
                + "    public static final class B {}\n    /* nor is a block comment */\n    @Deprecated\n    public record C() {}\n"
                + "    /** documented */\n    @Deprecated\n    public interface D {}\n}\n");
        List<String> missing = new ArrayList<>();
        assertEquals(4, undocumented(f, dir, missing));
        assertEquals(List.of("A.java:5 B", "A.java:8 C"), missing);
    }

    /** Adds "file:line Name" for each undocumented public type of a file; returns how many public types it has. */
    private static int undocumented(Path file, Path root, List<String> missing) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
            if (!m.find()) continue;
            found++;
            if (!javadocEndsAbove(lines, i)) missing.add(root.relativize(file) + ":" + (i + 1) + " " + m.group(1));
        }
        return found;
    }

    private static boolean javadocEndsAbove(List<String> lines, int declaration) {
        int j = declaration - 1;
        while (j >= 0 && (lines.get(j).isBlank() || lines.get(j).strip().startsWith("@"))) j--;
        if (j < 0 || !lines.get(j).strip().endsWith("*/")) return false;
        while (j >= 0 && !lines.get(j).contains("/*")) j--;
        return j >= 0 && lines.get(j).contains("/**");
    }
}
