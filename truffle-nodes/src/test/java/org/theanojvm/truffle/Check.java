package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.function.OutputTolerance;
import org.theanojvm.engine.function.ReferenceExecutor;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/** Test helpers: run a graph on both executors and compare; random arrays of any dtype. */
final class Check {
    private Check() {}

    /** Runs outputs(inputs) on the reference and the Truffle executor and asserts every output agrees. */
    static NdArray[] agree(List<Variable> inputs, List<Variable> outputs, NdArray... values) {
        return agree(new FunctionGraph(inputs, outputs), values);
    }

    /** The same for an existing graph (e.g. one the rewrites have already optimized). */
    static NdArray[] agree(FunctionGraph fg, NdArray... values) {
        List<Variable> outputs = fg.outputs();
        NdArray[] expected;
        try {
            expected = ReferenceExecutor.run(fg, List.of(values));
        } catch (TheanoException refError) {
            // the reference fails on these values (e.g. ints to negative powers): Truffle must fail the same way
            TheanoException e = assertThrows(TheanoException.class, () -> new TruffleExecutor(fg).run(List.of(values)));
            assertEquals(refError.pythonExceptionType(), e.pythonExceptionType());
            assertEquals(refError.getMessage().lines().findFirst(), e.getMessage().lines().findFirst());
            return null;
        }
        NdArray[] actual = new TruffleExecutor(fg).run(List.of(values));
        for (int i = 0; i < expected.length; i++) {
            assertNull(OutputTolerance.mismatch(expected[i], actual[i]), () -> "graph " + outputs + " on " + describe(values));
        }
        return actual;
    }

    /** An argument the shim passes in a NumPy buffer: native memory, as NdArray.overAddress wraps it. */
    static NdArray nativeCopy(NdArray a) {
        // The global arena: an NdArray over a bare address does not keep its segment reachable, and an
        // automatic arena's memory may then be freed by the GC while the test still reads it (a flaky
        // failure with garbage values). Test arrays are small; they live until the JVM exits.
        NdArray n = NdArray.overAddress(a.dtype(), a.shape(), java.lang.foreign.Arena.global().allocate(Math.max(1, a.nbytes()), 16).address());
        n.assign(a);
        return n;
    }

    static String describe(NdArray[] values) {
        StringBuilder sb = new StringBuilder();
        for (NdArray v : values) sb.append(v.dtype()).append(NdArray.shapeString(v.shape())).append(' ');
        return sb.toString();
    }

    /** Random values that exercise each dtype: signs, small ints, some exact zeros; NaN/inf only when asked. */
    static NdArray random(Random rnd, DType d, long... shape) {
        NdArray a = NdArray.empty(d, shape);
        long[] offs = a.elementOffsets();
        for (long off : offs) {
            if (d.isBool()) a.writeLong(off, rnd.nextInt(2));
            else if (d.isUnsigned()) a.writeLong(off, rnd.nextInt(20));
            else if (d.isInteger()) a.writeLong(off, rnd.nextInt(21) - 10);
            else a.writeDouble(off, rnd.nextInt(8) == 0 ? 0.0 : rnd.nextGaussian() * 2);
        }
        return a;
    }
}
