package org.theanojvm.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point for Java code that embeds theano-jvm: a GraalPy context whose Python environment is
 * the theano-jvm venv (real NumPy, the {@code theano} package), so Java code can run Theano scripts
 * or build graphs from Python and call them.
 *
 * <p>The venv is found from the system property {@code theano.jvm.venv}, else
 * {@code theano.jvm.root}/polyglot-api/graalpy-venv (the launcher sets the root).
 */
public final class TheanoJvm {
    public static final String VENV_PROPERTY = "theano.jvm.venv";
    public static final String ROOT_PROPERTY = "theano.jvm.root";

    private TheanoJvm() {
    }

    /** The venv this JVM uses; fails with a clear message when it is not configured or built. */
    public static Path venv() {
        String venv = System.getProperty(VENV_PROPERTY);
        if (venv == null) {
            String root = System.getProperty(ROOT_PROPERTY);
            if (root == null) {
                throw new IllegalStateException("theano-jvm does not know where its GraalPy venv is: set -D"
                        + VENV_PROPERTY + "=<dir> or -D" + ROOT_PROPERTY + "=<repository root>");
            }
            venv = Path.of(root, "polyglot-api", "graalpy-venv").toString();
        }
        Path path = Path.of(venv).toAbsolutePath();
        if (!Files.isRegularFile(path.resolve("pyvenv.cfg"))) {
            throw new IllegalStateException("the theano-jvm GraalPy venv is missing at " + path
                    + ": build it with './mvnw install -DskipTests'");
        }
        return path;
    }

    /**
     * A context builder for Python with the venv active: GraalPy reads {@code pyvenv.cfg} next to
     * the executable it is told it runs as, exactly as CPython does for a venv's python.
     */
    public static Context.Builder contextBuilder() {
        Path venv = venv();
        return Context.newBuilder("python")
                .allowHostAccess(HostAccess.ALL)
                .allowHostClassLookup(className -> true)
                .allowNativeAccess(true)
                .allowCreateThread(true)
                .allowIO(org.graalvm.polyglot.io.IOAccess.ALL)
                .allowCreateProcess(true)
                .allowEnvironmentAccess(org.graalvm.polyglot.EnvironmentAccess.INHERIT)
                .allowPolyglotAccess(PolyglotAccess.ALL)
                .option("python.Executable", venv.resolve("bin").resolve("python").toString())
                .option("python.ForceImportSite", "true")
                // NumPy is a C extension: without this, GraalPy warns once per extension module it loads
                .option("python.WarnExperimentalFeatures", "false");
    }

    /** A ready Python context with NumPy and theano importable. Close it when done. */
    public static Context newContext() {
        return contextBuilder().build();
    }
}
