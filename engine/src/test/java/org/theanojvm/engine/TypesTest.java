package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.Literal;
import org.theanojvm.engine.types.TensorType;

class TypesTest {
    @AfterEach
    void resetFloatX() { Config.setFloatX(DType.FLOAT64); }

    private static DType up(String a, String b) { return DType.upcast(DType.of(a), DType.of(b)); }

    @Test
    void numpyPromotionTable() {
        // (a, b, expected) checked against NumPy's promote_types
        String[][] table = {
            {"int8", "uint8", "int16"}, {"int16", "uint16", "int32"}, {"int32", "uint32", "int64"}, {"int64", "uint64", "float64"},
            {"uint8", "int32", "int32"}, {"int8", "float16", "float16"}, {"uint8", "float16", "float16"}, {"int16", "float16", "float32"},
            {"int16", "float32", "float32"}, {"int32", "float32", "float64"}, {"int64", "float32", "float64"},
            {"bool", "int8", "int8"}, {"bool", "bool", "bool"}, {"float32", "float64", "float64"},
            {"complex64", "float64", "complex128"}, {"complex64", "int16", "complex64"}, {"complex64", "int32", "complex128"},
            {"uint32", "uint8", "uint32"}, {"float16", "float32", "float32"},
        };
        for (String[] r : table) {
            assertEquals(DType.of(r[2]), DType.promote(DType.of(r[0]), DType.of(r[1])), r[0] + "+" + r[1]);
            assertEquals(DType.of(r[2]), DType.promote(DType.of(r[1]), DType.of(r[0])), r[1] + "+" + r[0]);
        }
    }

    @Test
    void upcastKeepsFloatXFloat32() {
        assertEquals(DType.FLOAT64, up("int32", "float32"));
        Config.setFloatX(DType.FLOAT32);
        assertEquals(DType.FLOAT32, up("int32", "float32"));
        assertEquals(DType.FLOAT64, up("float64", "float32"));
        assertEquals(DType.INT64, up("int64", "int8"));
    }

    @Test
    void upgradeToFloat() {
        assertEquals(DType.FLOAT32, DType.upgradeToFloat(DType.INT8));
        assertEquals(DType.FLOAT32, DType.upgradeToFloat(DType.UINT16));
        assertEquals(DType.FLOAT64, DType.upgradeToFloat(DType.INT32));
        assertEquals(DType.FLOAT32, DType.upgradeToFloat(DType.FLOAT32));
    }

    @Test
    void tensorTypeNames() {
        assertEquals("TensorType(float64, scalar)", new TensorType(DType.FLOAT64).toString());
        assertEquals("TensorType(float64, vector)", TensorType.vector(DType.FLOAT64).toString());
        assertEquals("TensorType(float64, matrix)", TensorType.matrix(DType.FLOAT64).toString());
        assertEquals("TensorType(float32, row)", TensorType.row(DType.FLOAT32).toString());
        assertEquals("TensorType(float32, col)", TensorType.col(DType.FLOAT32).toString());
        assertEquals("TensorType(int64, (True, False, False))", new TensorType(DType.INT64, true, false, false).toString());
        assertEquals("TensorType(float64, 3D)", TensorType.ofRank(DType.FLOAT64, 3).toString());
        assertEquals("TensorType(int8, (True,))", new TensorType(DType.INT8, true).toString());
        assertEquals(TensorType.vector(DType.INT32), new TensorType(DType.INT32, false));
    }

    @Test
    void filterMessages() {
        TensorType fv = TensorType.vector(DType.FLOAT32);
        TheanoTypeError e = assertThrows(TheanoTypeError.class, () -> fv.filter(NdArray.vector(1, 2), false, null));
        assertEquals("TensorType(float32, vector) cannot store a value of dtype float64 without risking loss of precision. If you do not mind "
                + "this loss, you can: 1) explicitly cast your data to float32, or 2) set \"allow_input_downcast=True\" when calling \"function\". "
                + "Value: \"array([1., 2.])\"", e.getMessage());
        assertEquals(DType.FLOAT32, fv.filter(NdArray.vector(1, 2), false, true).dtype());
        // Python lists convert when lossless
        assertEquals(DType.FLOAT32, fv.filter(Literal.of(1.0, 2.5), false, null).dtype());
        TensorType iv = TensorType.vector(DType.INT32);
        TheanoTypeError e2 = assertThrows(TheanoTypeError.class, () -> iv.filter(new Literal(NdArray.vector(1.5), false, "[1.5]"), false, null));
        assertEquals("TensorType(int32, vector) cannot store accurately value [1.5], it would be represented as [1]. If you do not mind this "
                + "precision loss, you can: 1) explicitly convert your data to a numpy array of dtype int32, or 2) set \"allow_input_downcast=True\" "
                + "when calling \"function\".", e2.pythonArgs().get(0));
        TheanoTypeError e3 = assertThrows(TheanoTypeError.class,
                () -> TensorType.vector(DType.FLOAT64).filter(NdArray.zeros(DType.FLOAT64, 2, 2), false, null));
        assertEquals("Wrong number of dimensions: expected 1, got 2 with shape (2, 2).", e3.getMessage());
        TheanoTypeError e4 = assertThrows(TheanoTypeError.class, () -> TensorType.row(DType.FLOAT64).filter(NdArray.zeros(DType.FLOAT64, 2, 2), false, null));
        assertEquals("('Non-unit value on shape on a broadcastable dimension.', (2, 2), (True, False))", e4.getMessage());
        // python float into a float32 scalar when floatX is float32
        Config.setFloatX(DType.FLOAT32);
        assertEquals(DType.FLOAT32, new TensorType(DType.FLOAT32).filter(Literal.of(0.1), false, null).dtype());
    }

    @Test
    void autocastOfPythonLiterals() {
        assertEquals(DType.INT8, T.constant(2L).dtype());
        assertEquals(DType.INT16, T.constant(300L).dtype());
        assertEquals(DType.INT64, T.constant(1L << 40).dtype());
        assertEquals(DType.FLOAT32, T.constant(2.5).dtype());
        assertEquals(DType.FLOAT64, T.constant(0.1).dtype());
        // Theano's test_autocast_custom: fvector + 1.1 is floatX, fvector + 1.0 stays float32
        assertEquals(DType.FLOAT64, T.add(T.fvector(null), 1.1).dtype());
        assertEquals(DType.FLOAT32, T.add(T.fvector(null), 1.0).dtype());
        assertEquals(DType.FLOAT32, T.add(T.fvector(null), 1L).dtype());
        Config.setFloatX(DType.FLOAT32);
        assertEquals(DType.FLOAT32, T.add(T.fvector(null), 1.1).dtype());
        assertEquals(DType.FLOAT64, T.add(T.dvector(null), 1.1).dtype());
    }
}
