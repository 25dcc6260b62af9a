package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one-exponential mish and mish-slope kernels against the textbook formulas (softplus, tanh, sigmoid from
 * {@code Math}) from −40 to 40, where both are accurate, and at the ends of the line, where the textbook ones would
 * overflow or lose digits.
 */
class MishKernelsTest {

    private static double textbookMish(double x) {
        double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        return x * Math.tanh(softplus);
    }

    private static double textbookSlope(double x) {
        double t = Math.tanh(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        double sigmoid = 1 / (1 + Math.exp(-x));
        return t + x * sigmoid * (1 - t * t);
    }

    @Test
    void mishAndItsSlopeMatchTheTextbookFormulasToAFewUlps() {
        int n = 80001;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = -40 + 80.0 * i / (n - 1);
        double[] y = new double[n];
        double[] slope = new double[n];
        ActivationKernels.mish(x, y, 0, x.length);
        ActivationKernels.mishSlope(x, slope, 0, x.length);
        for (int i = 0; i < n; i++) {
            assertEquals(textbookMish(x[i]), y[i], 4 * Math.ulp(textbookMish(x[i])) + 1e-300, "mish at " + x[i]);
            assertEquals(textbookSlope(x[i]), slope[i], 1e-14, "slope at " + x[i]);
        }
    }

    @Test
    void theEndsOfTheLineAreTheLimitsAndNanStaysNan() {
        double[] x = {-1000, 1000, Double.POSITIVE_INFINITY, Double.NaN, 0};
        double[] y = new double[x.length];
        double[] slope = new double[x.length];
        ActivationKernels.mish(x, y, 0, x.length);
        ActivationKernels.mishSlope(x, slope, 0, x.length);
        assertEquals(-0.0, y[0]);
        assertEquals(1000, y[1]);
        assertEquals(Double.POSITIVE_INFINITY, y[2]);
        assertTrue(Double.isNaN(y[3]) && Double.isNaN(slope[3]));
        assertEquals(0, y[4]);
        assertEquals(0, slope[0]);
        assertEquals(1, slope[1]);
        assertEquals(0.6, slope[4], 1e-15);                 // t(0) = tanh(ln 2) = 3/5, and x·σ·(1 − t²) = 0
    }

    @Test
    void farLeftMishKeepsItsRelativeDigits() {
        double[] x = {-30};
        double[] y = new double[1];
        ActivationKernels.mish(x, y, 0, x.length);
        double u = Math.exp(-30);                            // mish(x) ≈ x·eˣ for x ≪ 0
        assertEquals(-30 * u, y[0], 1e-12 * 30 * u);
    }
}
