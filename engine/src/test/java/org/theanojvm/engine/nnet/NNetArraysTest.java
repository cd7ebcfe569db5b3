package org.theanojvm.engine.nnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;

/** The bulk conversions give exactly what NdArray's general element-wise conversions give. */
class NNetArraysTest {
    private static final double[] VALUES = {0.1, -2.5, 3.25, 1e-3, 7, -0.3333333333333333};

    @Test
    void contiguousFloat64AndFloat32MatchTheGeneralPath() {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT32}) {
            NdArray a = NdArray.fromDoubles(dt, new long[] {2, 3}, VALUES);
            assertArrayEquals(a.toDoubleArray(), NNetArrays.doubles(a), 0.0, dt.toString());
            NdArray b = NNetArrays.array(dt, new long[] {2, 3}, VALUES);
            assertEquals(dt, b.dtype());
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0, dt.toString());
        }
    }

    @Test
    void viewsWithOffsetsAndStridesAreReadInCOrder() {
        NdArray a = NdArray.fromDoubles(DType.FLOAT32, new long[] {2, 3}, VALUES);
        NdArray row = a.index(0, 1); // offset view, contiguous
        assertArrayEquals(new double[] {(float) 1e-3, 7, (float) -0.3333333333333333}, NNetArrays.doubles(row), 0.0);
        NdArray t = a.transpose(1, 0); // not contiguous
        assertArrayEquals(t.toDoubleArray(), NNetArrays.doubles(t), 0.0);
    }
}
