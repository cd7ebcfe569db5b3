package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.theanojvm.engine.TestUtil.eval;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Complex inputs of the transcendental elementwise ops against closed-form values. */
class ComplexTranscendentalTest {
    static final Variable Z = T.tensor(DType.COMPLEX128, new boolean[] {false}, "z");

    /** Applies f to one complex128 value and checks {re, im}. */
    static void check(Function<Variable, Variable> f, double re, double im, double eRe, double eIm) {
        NdArray z = NdArray.empty(DType.COMPLEX128, 1);
        z.writeComplex(0, re, im);
        Variable out = f.apply(Z);
        assertEquals(DType.COMPLEX128, out.dtype());
        double[] r = eval(out, List.of(Z), z).getComplex(0);
        assertEquals(eRe, r[0], 1e-12, "real part of f(" + re + "+" + im + "j)");
        assertEquals(eIm, r[1], 1e-12, "imaginary part of f(" + re + "+" + im + "j)");
    }

    @Test
    void closedForms() {
        double pi = Math.PI, ln2 = Math.log(2), ln10 = Math.log(10);
        check(T::exp, 0, pi, -1, Math.sin(pi));                        // Euler
        check(T::exp, 1, pi / 2, 0 + Math.E * Math.cos(pi / 2), Math.E);
        check(T::exp2, 0, 1, Math.cos(ln2), Math.sin(ln2));
        check(T::expm1, 0, pi / 2, -1 + Math.cos(pi / 2), 1);
        check(T::log, -1, 0, 0, pi);                                   // principal branch
        check(T::log, 0, -2, ln2, -pi / 2);
        check(T::log2, 0, 4, 2, pi / 2 / ln2);
        check(T::log10, 0, 10, 1, pi / 2 / ln10);
        check(T::log1p, -2, 0, 0, pi);
        check(T::sqrt, -4, 0, 0, 2);
        check(T::sqrt, -4, -0.0, 0, -2);                               // the other side of the cut, as C99 csqrt
        check(T::sqrt, 3, 4, 2, 1);                                    // (2+i)^2 = 3+4i
        check(T::sin, 0, 1, 0, Math.sinh(1));
        check(T::cos, 0, 1, Math.cosh(1), 0);
        check(T::sin, pi / 2, 1, Math.cosh(1), 0 * Math.sinh(1));
        check(T::tan, 0, 1, 0, Math.tanh(1));
        check(T::sinh, 0, pi / 2, 0, 1);
        check(T::cosh, 0, pi, -1, 0);
        check(T::tanh, 0, pi / 4, 0, 1);
        check(T::arcsin, 0, 1, 0, Math.log(1 + Math.sqrt(2)));         // asinh(1)
        check(T::arccos, 0, 1, pi / 2, -Math.log(1 + Math.sqrt(2)));
        check(T::arctan, 0, 0.5, 0, 0.5 * Math.log(3));                // atanh(0.5)
        check(T::arctan, 1, 0, pi / 4, 0);
    }

    @Test
    void inversesRoundTrip() {
        NdArray z = NdArray.empty(DType.COMPLEX128, 3);
        double[][] pts = {{0.3, -0.7}, {-1.2, 0.4}, {0.8, 1.5}};
        for (int i = 0; i < 3; i++) z.writeComplex(i * 16L, pts[i][0], pts[i][1]);
        for (Function<Variable, Variable> f : List.<Function<Variable, Variable>>of(
                v -> T.exp(T.log(v)), v -> T.sin(T.arcsin(v)), v -> T.cos(T.arccos(v)), v -> T.tan(T.arctan(v)), v -> { Variable r = T.sqrt(v); return T.mul(r, r); },
                v -> T.expm1(T.log1p(v)))) {
            NdArray r = eval(f.apply(Z), List.of(Z), z);
            for (int i = 0; i < 3; i++) {
                double[] c = r.getComplex(i);
                assertEquals(pts[i][0], c[0], 1e-12);
                assertEquals(pts[i][1], c[1], 1e-12);
            }
        }
    }
}
