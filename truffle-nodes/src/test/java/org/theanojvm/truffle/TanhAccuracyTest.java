package org.theanojvm.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.theanojvm.truffle.elemwise.scalar.TranscendentalNodes;

/** The kernels' exp-based tanh stays within a few ulps of Math.tanh everywhere, special values exact. */
class TanhAccuracyTest {
    @Test
    void withinFourUlpsOverTheWholeRange() {
        double worst = 0;
        for (double v = 1e-300; v < 40; v *= 1.0007) {
            for (double x : new double[] {v, -v}) {
                double err = Math.abs(TranscendentalNodes.Tanh.tanh(x) - Math.tanh(x)) / Math.ulp(Math.tanh(x));
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulps");
        assertEquals(Math.tanh(0.0625), TranscendentalNodes.Tanh.tanh(0.0625), 4 * Math.ulp(0.0625));
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(TranscendentalNodes.Tanh.tanh(-0.0)));
        assertEquals(1.0, TranscendentalNodes.Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, TranscendentalNodes.Tanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, TranscendentalNodes.Tanh.tanh(1e300));
        assertTrue(Double.isNaN(TranscendentalNodes.Tanh.tanh(Double.NaN)));
    }
}
