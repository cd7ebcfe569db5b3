package org.theanojvm.engine.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.theanojvm.engine.ops.scalar.ScalarOp;

/**
 * Every op the engine defines, found from its own classes rather than from a hand-kept list, so that
 * checks which must cover every op (verify_grad on each differentiable op, printing, fuzzing) fail
 * when a new op arrives without one.
 *
 * <p>Graph ops are the concrete {@link Op} subclasses in the engine's code source (its jar, or its
 * classes folder in a build); scalar ops are the constants the scalar-op families declare (the ops
 * {@code theano.scalar} exports, and that Elemwise and CAReduce are parametrised by).
 */
public final class OpRegistry {

    /** The classes whose constants are the engine's scalar ops ({@code theano.scalar.exp}, {@code add}...). */
    public static final List<String> SCALAR_OP_FAMILIES = List.of(
            "org.theanojvm.engine.ops.scalar.ArithmeticOps",
            "org.theanojvm.engine.ops.scalar.TranscendentalOps",
            "org.theanojvm.engine.ops.scalar.LogicOps",
            "org.theanojvm.engine.ops.scalar.ComplexOps",
            "org.theanojvm.engine.nnet.NNetScalarOps");

    private static final String ENGINE_PACKAGE = "org/theanojvm/engine/";

    private OpRegistry() {
    }

    /** The concrete Op subclasses of the engine, by class name (nested classes included). */
    public static List<Class<? extends Op>> opClasses() {
        List<Class<? extends Op>> ops = new ArrayList<>();
        for (String className : engineClassNames()) {
            Class<?> c;
            try {
                c = Class.forName(className, false, OpRegistry.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class whose optional dependency is absent cannot be an op in this run
            }
            if (Op.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass()) {
                ops.add(c.asSubclass(Op.class));
            }
        }
        ops.sort(Comparator.comparing(Class::getName));
        return ops;
    }

    /** The engine's constant scalar ops by name, as {@code theano.scalar} exports them. */
    public static Map<String, ScalarOp> scalarOps() {
        return ScalarOp.constants(SCALAR_OP_FAMILIES.toArray(String[]::new));
    }

    private static List<String> engineClassNames() {
        Path source;
        try {
            source = Path.of(OpRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the engine's code source is not a file: " + e.getMessage(), e);
        }
        try {
            return Files.isDirectory(source) ? classNamesInFolder(source) : classNamesInJar(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the engine's classes in " + source, e);
        }
    }

    private static List<String> classNamesInJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith(ENGINE_PACKAGE) && name.endsWith(".class"))
                    .map(OpRegistry::className).toList();
        }
    }

    private static List<String> classNamesInFolder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(ENGINE_PACKAGE))) {
            return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".class")).map(OpRegistry::className).toList();
        }
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
