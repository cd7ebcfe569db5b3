package org.theanojvm.engine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** R-op through scan (forward-mode through the loop), against central finite differences along the direction. */
class ScanRopTest {
    static final Random RNG = new Random(11);

    static NdArray rand(long... shape) {
        int n = 1;
        for (long s : shape) n *= (int) s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = RNG.nextDouble() - 0.5;
        return NdArray.fromDoubles(DType.FLOAT64, shape, d);
    }

    static NdArray axpy(NdArray x, double a, NdArray y) {
        double[] xv = x.toDoubleArray(), yv = y.toDoubleArray();
        for (int i = 0; i < xv.length; i++) xv[i] += a * yv[i];
        return NdArray.fromDoubles(DType.FLOAT64, x.shape(), xv);
    }

    @Test
    void ropOfAnRnnAlongEveryInput() {
        Variable X = T.dmatrix("X"), W = T.dmatrix("W"), U = T.dmatrix("U"), h0 = T.dvector("h0");
        ScanResult r = Scan.scan(a -> List.of(T.tanh(T.add(T.dot(a.get(1), a.get(2)), T.dot(a.get(0), a.get(3))))), List.of(X), Scan.outputs(h0),
                List.of(W, U), null, false, -1, null);
        Variable out = r.output(0);
        List<Variable> ins = List.of(X, W, U, h0);
        List<Variable> evs = List.of(T.dmatrix("vX"), T.dmatrix("vW"), T.dmatrix("vU"), T.dvector("vh0"));
        Variable jv = Gradient.rop(List.of(out), ins, evs).get(0);
        NdArray[] pts = {rand(4, 2), rand(3, 3), rand(2, 3), rand(3)};
        NdArray[] dirs = {rand(4, 2), rand(3, 3), rand(2, 3), rand(3)};
        Function fj = Function.compile(List.of(X, W, U, h0, evs.get(0), evs.get(1), evs.get(2), evs.get(3)), List.of(jv));
        Function f = Function.compile(ins, List.of(out));
        double[] got = fj.call(pts[0], pts[1], pts[2], pts[3], dirs[0], dirs[1], dirs[2], dirs[3])[0].toDoubleArray();
        double eps = 1e-6;
        NdArray[] plus = new NdArray[4], minus = new NdArray[4];
        for (int k = 0; k < 4; k++) {
            plus[k] = axpy(pts[k], eps, dirs[k]);
            minus[k] = axpy(pts[k], -eps, dirs[k]);
        }
        double[] fp = f.call((Object[]) plus)[0].toDoubleArray(), fm = f.call((Object[]) minus)[0].toDoubleArray();
        assertEquals(fp.length, got.length);
        for (int i = 0; i < got.length; i++) assertEquals((fp[i] - fm[i]) / (2 * eps), got[i], 1e-7, "element " + i);
    }

    @Test
    void ropWithOutputTapsAndAMapOutput() {
        // y_t = a * y_{t-2} + sin(y_{t-1}) * x_t (mit_sot), m_t = x_t * y_{t-1} (map output reading the state)
        Variable x = T.dvector("x"), init = T.dvector("init"), a = T.dscalar("a");
        ScanResult r = Scan.scan(s -> List.of(T.add(T.mul(s.get(3), s.get(1)), T.mul(T.sin(s.get(2)), s.get(0))), T.mul(s.get(0), s.get(2))),
                List.of(x), Scan.outputs(new Scan.Out(init, -2, -1), null), List.of(a), null, false, -1, null);
        Variable out = T.add(T.sum(r.output(0)), T.mul(3.0, T.sum(r.output(1))));
        List<Variable> ins = List.of(x, init, a);
        List<Variable> evs = List.of(T.dvector("vx"), T.dvector("vi"), T.dscalar("va"));
        Variable jv = Gradient.rop(List.of(out), ins, evs).get(0);
        NdArray[] pts = {rand(5), rand(2), rand()};
        NdArray[] dirs = {rand(5), rand(2), rand()};
        double got = Function.compile(List.of(x, init, a, evs.get(0), evs.get(1), evs.get(2)), List.of(jv))
                .call(pts[0], pts[1], pts[2], dirs[0], dirs[1], dirs[2])[0].item();
        Function f = Function.compile(ins, List.of(out));
        double eps = 1e-6;
        double fp = f.call(axpy(pts[0], eps, dirs[0]), axpy(pts[1], eps, dirs[1]), axpy(pts[2], eps, dirs[2]))[0].item();
        double fm = f.call(axpy(pts[0], -eps, dirs[0]), axpy(pts[1], -eps, dirs[1]), axpy(pts[2], -eps, dirs[2]))[0].item();
        assertEquals((fp - fm) / (2 * eps), got, 1e-7);
    }
}
