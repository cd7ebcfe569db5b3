package org.theanojvm.polyglot.launcher;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The stderr the JVM starts with, and the real one. The launcher resolves jdk.incubator.vector (the
 * SIMD elementwise kernels), and the JVM announces every incubator module on stderr while it boots,
 * before any of our code runs, with no option to silence it: a Theano script's stderr would begin with
 * "WARNING: Using incubator modules: jdk.incubator.vector". So bin/theano-jvm starts the JVM with
 * stderr through a filter that drops exactly that line, keeping the real stderr as another descriptor
 * (named by -Dtheano.jvm.stderrFd), and {@link #restore} makes that descriptor fd 2 again: the
 * filter sees end of file and exits, and everything written afterwards goes straight to the real
 * stderr, in order with stdout. Anything else the JVM printed while booting still passes the filter.
 */
final class BootStderr {
    private BootStderr() {}

    static final String FD_PROPERTY = "theano.jvm.stderrFd";
    private static final int STDERR = 2;

    /** Does nothing when the JVM was started without the property (e.g. not by bin/theano-jvm). */
    static void restore() throws Throwable {
        String saved = System.getProperty(FD_PROPERTY);
        if (saved == null) return;
        int fd = Integer.parseInt(saved);
        Linker linker = Linker.nativeLinker();
        MethodHandle dup2 = linker.downcallHandle(linker.defaultLookup().find("dup2").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        System.err.flush();
        if ((int) dup2.invokeExact(fd, STDERR) < 0) return; // keep the filtered stderr: still correct, only ordered later
        int ignored = (int) close.invokeExact(fd); // not inherited by what the script runs
    }
}
