package org.theanojvm.polyglot.launcher;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * bin/theano-jvm's entry point: puts the real stderr back ({@link BootStderr}), then runs GraalPy's own
 * launcher, GraalPythonMain, with the arguments unchanged (the launcher exports that package to us with
 * --add-exports).
 */
public final class TheanoJvmMain {
    private TheanoJvmMain() {}

    static final String GRAALPY_MAIN = "com.oracle.graal.python.shell.GraalPythonMain";

    public static void main(String[] args) throws Throwable {
        BootStderr.restore();
        MethodHandle main = MethodHandles.lookup().findStatic(Class.forName(GRAALPY_MAIN), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }
}
