package org.theanojvm.truffle;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Every scalar op of the engine, as a one-op Elemwise, on the Truffle executor vs the reference, for
 * every dtype combination the op accepts (ops rejecting a dtype at make_node are skipped for it).
 * Covers both evaluation domains (long for discrete ops, double otherwise) and every store conversion.
 */
class ScalarOpsTest {
    static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32, DType.FLOAT16, DType.INT64, DType.INT32, DType.INT16, DType.INT8,
            DType.UINT64, DType.UINT32, DType.UINT16, DType.UINT8, DType.BOOL};

    static List<ScalarOp> allOps() throws IllegalAccessException {
        List<ScalarOp> ops = new ArrayList<>();
        for (Class<?> c : List.of(ArithmeticOps.class, TranscendentalOps.class, LogicOps.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ScalarOp.class.isAssignableFrom(f.getType())) ops.add((ScalarOp) f.get(null));
            }
        }
        for (DType d : DTYPES) ops.add(new Cast(d));
        return ops;
    }

    @TestFactory
    List<DynamicTest> everyScalarOpMatchesTheReference() throws IllegalAccessException {
        List<DynamicTest> tests = new ArrayList<>();
        for (ScalarOp op : allOps()) {
            tests.add(DynamicTest.dynamicTest(op.name(), () -> {
                Random rnd = new Random(op.name().hashCode());
                int nin = op.nin() < 0 ? 3 : op.nin();
                int checked = 0;
                for (DType a : DTYPES) {
                    for (DType b : new DType[] {a, DType.FLOAT64, DType.INT32, DType.BOOL}) {
                        List<Variable> ins = new ArrayList<>();
                        List<NdArray> vals = new ArrayList<>();
                        for (int k = 0; k < nin; k++) {
                            DType d = k == 0 ? a : b;
                            ins.add(T.matrix("x" + k, d));
                            vals.add(Check.random(rnd, d, 3, 5));
                        }
                        Variable out;
                        try {
                            out = Elemwise.noInplace(op).call(ins.toArray(new Variable[0]));
                        } catch (TheanoException unsupportedTypes) {
                            continue;
                        }
                        Check.agree(ins, List.of(out), vals.toArray(new NdArray[0]));
                        checked++;
                    }
                }
                if (checked == 0) throw new AssertionError(op + " accepted no dtype combination");
            }));
        }
        return tests;
    }

    /** fill with a float model copies a 64-bit integer exactly in a kernel, alone and in a chain (found by the differential fuzzer). */
    @org.junit.jupiter.api.Test
    void fillWithAFloatModelKeepsLargeIntegersExact() {
        Variable model = T.fmatrix("m"), v = T.tensor(DType.INT64, new boolean[] {false, false}, "v");
        NdArray m = Check.random(new Random(1), DType.FLOAT32, 2, 3);
        NdArray big = NdArray.fromLongs(DType.INT64, new long[] {2, 3}, (1L << 62) + 1, -(1L << 60) - 3, 7, (1L << 53) + 1, -1, Long.MAX_VALUE);
        NdArray alone = Check.agree(List.of(model, v), List.of(T.fill(model, v)), m, big)[0];
        NdArray chained = Check.agree(List.of(model, v), List.of(T.add(T.fill(T.exp(model), v), T.constant(1L))), m, big)[0];
        long[] offs = big.elementOffsets();
        for (int i = 0; i < offs.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(big.readLong(offs[i]), alone.readLong(alone.elementOffsets()[i]));
            org.junit.jupiter.api.Assertions.assertEquals(big.readLong(offs[i]) + 1, chained.readLong(chained.elementOffsets()[i]));
        }
    }
}
