package org.theanojvm.polyglot;

import com.oracle.truffle.api.Truffle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts about the running theano-jvm: its version, the GraalVM release it was built against, the
 * JDK, and whether the optimizing Truffle runtime (the JIT) is active. Reported by
 * {@code bin/theano-jvm --version} and usable from Java.
 */
public final class RuntimeInfo {
    private static final Properties BUILD = loadBuildProperties();

    private RuntimeInfo() {
    }

    public static String theanoJvmVersion() {
        return BUILD.getProperty("version");
    }

    public static String graalVersion() {
        return BUILD.getProperty("graalvm.version");
    }

    public static String jdkDescription() {
        return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The Truffle runtime's own name: "GraalVM CE" with the JIT, "Interpreted" without. */
    public static String truffleRuntimeName() {
        return Truffle.getRuntime().getName();
    }

    public static boolean isJitEnabled() {
        return !truffleRuntimeName().contains("Interpreted");
    }

    /** Why the launcher chose to run without the JIT, or null if it did not decide so itself. */
    public static String jitOffReason() {
        return System.getProperty("theano.jvm.jitOffReason");
    }

    private static Properties loadBuildProperties() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeInfo.class.getResourceAsStream("theano-jvm.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
