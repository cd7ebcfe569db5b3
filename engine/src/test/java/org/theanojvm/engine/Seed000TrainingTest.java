package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.Literal;

/** Seed 000's training loop built from Java: 10 gradient steps pulling (x*W).sum() towards 100. */
class Seed000TrainingTest {
    @Test
    void trainingLoopMatchesTheano() {
        Variable x = T.fvector("x");
        Variable target = T.fscalar("target");
        SharedVariable w = T.shared(NdArray.vector(0.1, 0.25, 0.15, 0.3), "W");
        Variable y = T.sum(T.mul(x, w));
        Variable cost = T.sqr(T.sub(target, y));
        List<Variable> grads = Gradient.grad(cost, List.of(w));
        Variable wUpdated = T.sub(w, T.mul(0.1, grads.get(0)));
        Function f = Function.compile(List.of(In.of(x), In.of(target)), List.of(y), List.<Variable[]>of(new Variable[] {w, wUpdated}),
                List.of(), null, null, null);
        double[] expected = {0.8, 80.16000000000001, 96.03200000000001, 99.2064, 99.84128, 99.968256, 99.9936512, 99.99873024,
            99.99974604799999, 99.99994920960002};
        for (int i = 0; i < 10; i++) {
            // as from Python: a list for x and a float for target
            NdArray out = f.call(Literal.of(1.0, 1.0, 1.0, 1.0), Literal.of(100.0))[0];
            assertEquals(DType.FLOAT64, out.dtype());
            assertEquals(0, out.ndim());
            assertEquals(expected[i], out.item(), Math.abs(expected[i]) * 1e-9, "iteration " + i);
        }
        double[] wv = w.getValue().toDoubleArray();
        double[] wExp = {24.89999746, 25.04999746, 24.94999746, 25.09999746};
        for (int i = 0; i < 4; i++) assertEquals(wExp[i], wv[i], 1e-8);
        assertEquals("[24.89999746 25.04999746 24.94999746 25.09999746]", w.getValue().toString());
    }

    @Test
    void scalarAdditionAndMatrixProduct() {
        Variable a = T.dscalar(null), b = T.dscalar(null);
        Function f = Function.compile(List.of(a, b), List.of(T.add(a, b)));
        assertEquals("4.0", f.call(1.5, 2.5)[0].toString());
        assertEquals("9.0", f.call(3.5, 5.5)[0].toString());
        Variable m = T.dmatrix(null), n = T.dmatrix(null);
        Function g = Function.compile(List.of(m, n), List.of(T.dot(m, n)));
        NdArray r = g.call(NdArray.fromLongs(DType.INT64, new long[] {2, 3}, 0, -1, 2, 4, 11, 2),
                NdArray.fromLongs(DType.INT64, new long[] {3, 2}, 3, -1, 1, 2, 6, 1))[0];
        // The tutorial prints 25 for the bottom-left entry, but 4*3 + 11*1 + 2*6 = 35 (a typo in its text).
        assertEquals("[[11.  0.]\n [35. 20.]]", r.toString());
    }
}
