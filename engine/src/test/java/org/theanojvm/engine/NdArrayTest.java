package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.types.DType;

class NdArrayTest {
    private static NdArray m23() { return NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, 1, 2, 3, 4, 5, 6); }

    /** assign's bulk paths (whole array, row by row) give what NumPy's `dst[...] = src` gives. */
    @Test
    void assignCopiesEveryLayoutLikeNumPy() {
        NdArray src = NdArray.fromDoubles(DType.FLOAT32, new long[] {3, 4}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertArrayEquals(src.toDoubleArray(), src.copy().toDoubleArray()); // contiguous -> contiguous
        NdArray big = NdArray.empty(DType.FLOAT32, 3, 6);
        big.fill(-1);
        big.slice(1, 1, 5, 1).assign(src); // big[:, 1:5] = src: rows with a dense inner axis
        assertArrayEquals(new double[] {-1, 0, 1, 2, 3, -1, -1, 4, 5, 6, 7, -1, -1, 8, 9, 10, 11, -1}, big.toDoubleArray());
        NdArray bcast = NdArray.empty(DType.FLOAT32, 3, 4);
        bcast.assign(NdArray.fromDoubles(DType.FLOAT32, new long[] {4}, 7, 8, 9, 10)); // a broadcast row
        assertArrayEquals(new double[] {7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10}, bcast.toDoubleArray());
        NdArray t = NdArray.empty(DType.FLOAT32, 4, 3);
        t.assign(src.transpose()); // no dense inner axis on the source: the element loop
        assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, t.toDoubleArray());
        NdArray shifted = NdArray.fromDoubles(DType.FLOAT64, new long[] {5}, 1, 2, 3, 4, 5);
        shifted.slice(0, 1, 5, 1).assign(shifted.slice(0, 0, 4, 1)); // a[1:] = a[:-1]: NumPy copies through a temporary
        assertArrayEquals(new double[] {1, 1, 2, 3, 4}, shifted.toDoubleArray());
        NdArray d = NdArray.empty(DType.FLOAT64, 3, 4);
        d.assign(src); // float32 -> float64: converted element by element
        assertArrayEquals(src.toDoubleArray(), d.toDoubleArray());
    }

    @Test
    void layoutAndViews() {
        NdArray a = m23();
        assertArrayEquals(new long[] {24, 8}, a.strides());
        assertTrue(a.isCContiguous());
        NdArray t = a.transpose();
        assertArrayEquals(new long[] {8, 24}, t.strides());
        assertFalse(t.isCContiguous());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.reshape(6).toDoubleArray());
        NdArray row = a.index(0, 1);
        assertArrayEquals(new double[] {4, 5, 6}, row.toDoubleArray());
        row.writeDouble(row.offset(), 40);
        assertEquals(40, a.getDouble(1, 0)); // a view shares storage
        NdArray rev = a.slice(1, 2, -1, -1); // a[:, ::-1]
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 40}, rev.toDoubleArray());
        NdArray ds = a.dimshuffle(new int[] {1, -1, 0});
        assertArrayEquals(new long[] {3, 1, 2}, ds.shape());
        NdArray b = NdArray.vector(1, 2).broadcastTo(new long[] {3, 2});
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, b.toDoubleArray());
        assertArrayEquals(new long[] {2, 3}, NdArray.vector(1, 2, 3, 4, 5, 6).reshape(-1, 3).shape());
        TheanoValueError e = assertThrows(TheanoValueError.class, () -> m23().reshape(4, -1));
        assertEquals("cannot reshape array of size 6 into shape (4, -1)", e.getMessage());
        TheanoIndexError ie = assertThrows(TheanoIndexError.class, () -> m23().index(0, 2));
        assertEquals("index 2 is out of bounds for axis 0 with size 2", ie.getMessage());
    }

    @Test
    void pythonSliceIndices() {
        assertArrayEquals(new long[] {0, 3, 1}, SubtensorOps.sliceIndices(null, null, null, 3));
        assertArrayEquals(new long[] {2, -1, -1}, SubtensorOps.sliceIndices(null, null, -1L, 3));
        assertArrayEquals(new long[] {1, 3, 1}, SubtensorOps.sliceIndices(-2L, 10L, null, 3));
        assertArrayEquals(new long[] {0, 0, 1}, SubtensorOps.sliceIndices(-10L, -5L, null, 3));
    }

    @Test
    void castsAndDtypes() {
        NdArray a = NdArray.vector(-1.7, 2.9, 300.5);
        assertArrayEquals(new long[] {-1, 2, 300}, a.astype(DType.INT32).toLongArray());
        assertArrayEquals(new long[] {-1, 2, 44}, a.astype(DType.INT8).toLongArray()); // wraps like a C cast
        assertArrayEquals(new long[] {255, 2}, NdArray.fromLongs(DType.INT16, new long[] {2}, -1, 2).astype(DType.UINT8).toLongArray());
        assertEquals(1.5, NdArray.scalar(DType.FLOAT16, 1.5).item());
        assertEquals((double) 0.1f, NdArray.scalar(DType.FLOAT32, 0.1).item());
        NdArray c = NdArray.zeros(DType.COMPLEX128, 1);
        c.writeComplex(0, 1, -2);
        assertArrayEquals(new double[] {1, -2}, c.getComplex(0));
        assertEquals(Math.pow(2, 64) - 1, NdArray.fromLongs(DType.UINT64, new long[0], -1L).item());
    }

    @Test
    void bufferCopiesInAndOut() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment native_ = arena.allocate(6 * 8, 8);
            for (int i = 0; i < 6; i++) native_.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i * 1.5);
            NdArray a = NdArray.fromBuffer(DType.FLOAT64, new long[] {2, 3}, native_);
            assertArrayEquals(new double[] {0, 1.5, 3, 4.5, 6, 7.5}, a.toDoubleArray());
            MemorySegment out = arena.allocate(6 * 8, 8);
            a.transpose().copyTo(out);
            assertEquals(4.5, out.getAtIndex(ValueLayout.JAVA_DOUBLE, 1));
        }
    }

    @Test
    void numpyText() {
        assertEquals("[0.1  0.25 0.15 0.3 ]", NdArray.vector(0.1, 0.25, 0.15, 0.3).toString());
        assertEquals("[19.94 20.09 19.99 20.14]", NdArray.vector(19.94, 20.09, 19.99, 20.14).toString());
        assertEquals("[1. 2.]", NdArray.vector(1, 2).toString());
        assertEquals("[1.  2.5]", NdArray.vector(1, 2.5).toString());
        assertEquals("[[1. 2.]\n [3. 4.]]", NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 2}, 1, 2, 3, 4).toString());
        assertEquals("array([1., 2.])", NdArray.vector(1, 2).repr());
        assertEquals("array(2.5)", NdArray.scalar(2.5).repr());
        assertEquals("2.5", NdArray.scalar(2.5).toString());
        assertEquals("2.0", NdArray.scalar(2.0).toString());
        assertEquals("array([1, 2], dtype=int32)", NdArray.fromLongs(DType.INT32, new long[] {2}, 1, 2).repr());
        assertEquals("array(2, dtype=int8)", NdArray.scalarLong(DType.INT8, 2).repr());
        assertEquals("[ True False]", NdArray.fromBooleans(new long[] {2}, true, false).toString());
        assertEquals("[1.e-05 1.e+00]", NdArray.vector(1e-5, 1).toString());
        assertEquals("[ 1 -2 30]", NdArray.fromLongs(DType.INT64, new long[] {3}, 1, -2, 30).toString());
        assertEquals("1e-05", NdArray.scalar(1e-5).toString());
        assertEquals("[nan  1.]", NdArray.vector(Double.NaN, 1).toString());
        assertEquals("array([], dtype=float64)", NdArray.zeros(DType.FLOAT64, 0).repr());
    }
    @Test
    void addAssignAddsEveryLayoutInPlace() {
        // float32 into a transposed view, from a reversed slice (negative stride)
        NdArray dst = NdArray.fromDoubles(DType.FLOAT32, new long[] {2, 3}, 0, 1, 2, 3, 4, 5);
        NdArray src = NdArray.fromDoubles(DType.FLOAT32, new long[] {3, 2}, 10, 20, 30, 40, 50, 60).slice(0, 2, -1, -1);
        dst.transpose(1, 0).addAssign(src); // dst^T += [[50, 60], [30, 40], [10, 20]]
        assertArrayEquals(new double[] {50, 31, 12, 63, 44, 25}, dst.toDoubleArray());
        // float64 with a broadcast (stride 0) source row
        NdArray d64 = NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 2}, 1, 2, 3, 4);
        d64.addAssign(NdArray.vector(0.5, 0.25).broadcastTo(new long[] {2, 2}));
        assertArrayEquals(new double[] {1.5, 2.25, 3.5, 4.25}, d64.toDoubleArray());
        // mixed dtypes convert like NumPy's in-place add (int32 += float64 truncates)
        NdArray i32 = NdArray.fromLongs(DType.INT32, new long[] {3}, 1, 2, 3);
        i32.addAssign(NdArray.vector(0.5, 1.5, -2.5));
        assertArrayEquals(new long[] {1, 3, 0}, i32.toLongArray());
    }
}
