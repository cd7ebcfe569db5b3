package org.theanojvm.engine.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.theanojvm.engine.types.DType;

/**
 * toDoubleArray and fromDoubles take one bulk copy for C-contiguous float64/float32 arrays: they must give
 * exactly what element-by-element reads and writes give, for views with offsets and non-contiguous views too.
 */
class DoubleConversionsTest {
    private static final double[] VALUES = {0.1, -2.5, 3.25, 1e-3, 7, -0.3333333333333333};

    private static double[] elementByElement(NdArray a) {
        long[] offs = a.elementOffsets();
        double[] out = new double[offs.length];
        for (int i = 0; i < offs.length; i++) out[i] = a.readDouble(offs[i]);
        return out;
    }

    @Test
    void fromDoublesRoundsToTheDtypeAndToDoubleArrayReadsItBack() {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT32}) {
            NdArray a = NdArray.fromDoubles(dt, new long[] {2, 3}, VALUES);
            assertEquals(dt, a.dtype());
            NdArray written = NdArray.empty(dt, 2, 3);
            long[] offs = written.elementOffsets();
            for (int i = 0; i < offs.length; i++) written.writeDouble(offs[i], VALUES[i]);
            assertArrayEquals(elementByElement(written), elementByElement(a), 0.0, dt.toString());
            assertArrayEquals(elementByElement(a), a.toDoubleArray(), 0.0, dt.toString());
        }
        assertArrayEquals(new double[] {(float) 0.1, -2.5}, NdArray.fromDoubles(DType.FLOAT32, new long[] {2}, 0.1, -2.5).toDoubleArray(), 0.0);
    }

    @Test
    void viewsWithOffsetsAndStridesAreReadInCOrder() {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NdArray a = NdArray.fromDoubles(dt, new long[] {2, 3}, VALUES);
            double third = dt == DType.FLOAT32 ? (float) -0.3333333333333333 : -0.3333333333333333;
            double milli = dt == DType.FLOAT32 ? (float) 1e-3 : 1e-3;
            assertArrayEquals(new double[] {milli, 7, third}, a.index(0, 1).toDoubleArray(), 0.0); // an offset view, contiguous
            NdArray t = a.transpose(1, 0); // not contiguous
            assertArrayEquals(elementByElement(t), t.toDoubleArray(), 0.0);
            assertEquals(a.toDoubleArray()[1], t.toDoubleArray()[2]);
        }
    }
}
