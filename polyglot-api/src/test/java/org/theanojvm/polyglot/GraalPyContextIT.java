package org.theanojvm.polyglot;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke tests of the embedding: a GraalPy context over the project's venv starts, real NumPy
 * computes, theano imports, and the optimizing Truffle runtime is on under the JVM flags the
 * launcher uses (the failsafe argLine carries them).
 */
class GraalPyContextIT {
    private static Context context;

    @BeforeAll
    static void startContext() {
        context = TheanoJvm.newContext();
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    @Test
    void runsPythonAsGraalPy312() {
        Value impl = context.eval("python", "import sys; (sys.implementation.name, sys.version_info[:2])");
        assertEquals("graalpy", impl.getArrayElement(0).asString());
        assertEquals(3, impl.getArrayElement(1).getArrayElement(0).asInt());
        assertEquals(12, impl.getArrayElement(1).getArrayElement(1).asInt());
    }

    @Test
    void realNumpySolvesALinearSystem() {
        // 3x + y = 9, x + 2y = 8  ->  x = 2, y = 3 (by hand)
        Value solution = context.eval("python", """
                import numpy
                numpy.linalg.solve(numpy.array([[3.0, 1.0], [1.0, 2.0]]), numpy.array([9.0, 8.0])).tolist()
                """);
        assertEquals(2.0, solution.getArrayElement(0).asDouble(), 1e-12);
        assertEquals(3.0, solution.getArrayElement(1).asDouble(), 1e-12);
        String version = context.eval("python", "import numpy; numpy.__version__").asString();
        assertTrue(version.startsWith("2.2."), "NumPy " + version + " is not the pinned 2.2.x");
    }

    @Test
    void theanoPackageImports() {
        String file = context.eval("python", "import theano; theano.__file__").asString();
        assertTrue(file.replace('\\', '/').endsWith("theano-shim/src/main/python/theano/__init__.py"), file);
    }

    @Test
    void optimizingTruffleRuntimeIsOn() {
        assertEquals("GraalVM CE", RuntimeInfo.truffleRuntimeName(),
                "the JIT is off: the test JVM lacks the JVMCI flags or the Graal compiler on the upgrade module path");
        assertTrue(RuntimeInfo.isJitEnabled());
    }
}
