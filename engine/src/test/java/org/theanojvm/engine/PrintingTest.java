package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.printing.PP;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

class PrintingTest {
    @Test
    void variablesAndConstants() {
        Variable x = T.dscalar("x");
        assertEquals("x", x.toString());
        assertEquals("<TensorType(float64, scalar)>", T.dscalar(null).toString());
        assertEquals("<TensorType(float32, vector)>", T.fvector(null).toString());
        assertEquals("Elemwise{pow,no_inplace}.0", T.pow(x, 2L).toString());
        assertEquals("TensorConstant{2}", T.constant(2L).toString());
        assertEquals("TensorConstant{2.5}", T.constant(2.5).toString());
        assertEquals("TensorConstant{0.1}", T.constant(0.1).toString());
        assertEquals("TensorConstant{[1. 2.]}", T.constant(NdArray.vector(1, 2)).toString());
        assertEquals("TensorConstant{(3,) of 1.0}", T.constant(NdArray.vector(1, 1, 1)).toString());
        assertEquals("TensorConstant{[0. 1. 2. .. 7. 8. 9.]}", T.constant(NdArray.vector(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)).toString());
        assertEquals("Elemwise{add,no_inplace}(x, TensorConstant{1})", T.add(x, 1L).owner().toString());
        assertEquals("W", T.shared(NdArray.vector(1), "W").toString());
        assertEquals("<TensorType(float64, vector)>", T.shared(NdArray.vector(1), null).toString());
    }

    @Test
    void prettyPrint() {
        Variable x = T.dscalar("x"), y = T.dscalar("y");
        assertEquals("(x ** TensorConstant{2})", PP.pp(T.pow(x, 2L)));
        assertEquals("(x + y)", PP.pp(T.add(x, y)));
        assertEquals("((x * y) - (-x))", PP.pp(T.sub(T.mul(x, y), T.neg(x))));
        assertEquals("exp((x / y))", PP.pp(T.exp(T.trueDiv(x, y))));
        Variable v = T.fvector("x"), w = T.shared(NdArray.vector(0.1, 0.25), "W");
        assertEquals("Sum{acc_dtype=float64}((x * W))", PP.pp(T.sum(T.mul(v, w))));
        Variable m = T.dmatrix("m");
        assertEquals("m.T", PP.pp(T.transpose(m)));
        assertEquals("(m + x)", PP.pp(T.add(m, x)));
        assertEquals("\u03b1", PP.pp(T.dscalar("alpha")));
        assertEquals("fill(x, TensorConstant{1.0})", PP.pp(T.onesLike(x)));
        assertEquals("dot(m, m)", PP.pp(T.dot(m, m)));
        assertEquals("TensorType(float32, scalar)", T.scalar("foo", DType.FLOAT32).type().toString());
    }
}
