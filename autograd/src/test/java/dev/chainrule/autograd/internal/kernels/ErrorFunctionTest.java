package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorFunction} against values computed with mpmath at 700 digits and rounded to the nearest double
 * ({@code src/test/resources/reference/activation_values.py}, which also checks them against PyTorch's
 * {@code torch.erf} and {@code torch.erfc}): the grid −6, −5.7, ..., 6, tiny and subnormal arguments, the
 * boundaries between FDLIBM's approximations (0.84375, 1.25, 1/0.35, 6, 28) and far tails. Measured over
 * 220,000 points the errors are at most 0.8 ulp (erf) and 2.6 ulp (erfc); the bounds asserted here are 1 and 3.
 */
class ErrorFunctionTest {

    private static final double[] X = {-6.0, -5.7, -5.4, -5.1, -4.8, -4.5, -4.2, -3.9, -3.6, -3.3, -3.0, -2.7, -2.4,
            -2.1, -1.8, -1.5, -1.2, -0.9, -0.6, -0.3, 0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0, 3.3, 3.6,
            3.9, 4.2, 4.5, 4.8, 5.1, 5.4, 5.7, 6.0, 5e-324, 1e-310, 1e-300, 1e-20, 3.725290298461914e-09, 1e-08,
            0.84375, 1.25, 2.857142857142857, 5.9, 6.5, 10.0, 26.5, 27.9, 10000000000.0, -1e-300, -1e-08, -0.84375,
            -1.25, -2.857142857142857, -10.0, -27.9};
    private static final double[] ERF = {-1.0, -0.9999999999999992, -0.9999999999999777, -0.9999999999994507,
            -0.9999999999886479, -0.9999999998033839, -0.9999999971445058, -0.9999999652077514, -0.999999644137007,
            -0.9999969422902035, -0.9999779095030014, -0.9998656672600594, -0.999311486103355, -0.997020533343667,
            -0.9890905016357308, -0.9661051464753108, -0.9103139782296353, -0.7969082124228322, -0.6038560908479259,
            -0.3286267594591274, 0.0, 0.3286267594591274, 0.6038560908479259, 0.7969082124228322, 0.9103139782296353,
            0.9661051464753108, 0.9890905016357308, 0.997020533343667, 0.999311486103355, 0.9998656672600594,
            0.9999779095030014, 0.9999969422902035, 0.999999644137007, 0.9999999652077514, 0.9999999971445058,
            0.9999999998033839, 0.9999999999886479, 0.9999999999994507, 0.9999999999999777, 0.9999999999999992, 1.0,
            5e-324, 1.1283791670955e-310, 1.1283791670955126e-300, 1.1283791670955125e-20, 4.203539964167448e-09,
            1.1283791670955126e-08, 0.7672256612323416, 0.9229001282564583, 0.9999466876886117, 0.9999999999999999,
            1.0, 1.0, 1.0, 1.0, 1.0, -1.1283791670955126e-300, -1.1283791670955126e-08, -0.7672256612323416,
            -0.9229001282564583, -0.9999466876886117, -1.0, -1.0};
    private static final double[] ERFC = {2.0, 1.9999999999999993, 1.9999999999999778, 1.9999999999994507,
            1.9999999999886477, 1.999999999803384, 1.9999999971445057, 1.9999999652077514, 1.999999644137007,
            1.9999969422902035, 1.9999779095030015, 1.9998656672600594, 1.999311486103355, 1.997020533343667,
            1.9890905016357308, 1.9661051464753108, 1.9103139782296354, 1.7969082124228322, 1.6038560908479258,
            1.3286267594591274, 1.0, 0.6713732405408726, 0.3961439091520741, 0.20309178757716786, 0.08968602177036464,
            0.033894853524689274, 0.010909498364269283, 0.002979466656332984, 0.0006885138966450789,
            0.0001343327399405242, 2.209049699858544e-05, 3.0577097964381654e-06, 3.5586299300768504e-07,
            3.4792248597231765e-08, 2.8554941795921843e-09, 1.9661604415428876e-10, 1.135214358492198e-11,
            5.49382021755532e-13, 2.227678679467786e-14, 7.566211621862486e-16, 2.1519736712498913e-17, 1.0, 1.0, 1.0,
            1.0, 0.99999999579646, 0.9999999887162083, 0.23277433876765838, 0.07709987174354177,
            5.3312311388322795e-05, 7.190409783550478e-17, 3.8421483271206475e-20, 2.088487583762545e-45,
            2.2109076642637343e-307, 0.0, 0.0, 1.0, 1.0000000112837917, 1.7672256612323416, 1.9229001282564582,
            1.9999466876886116, 2.0, 2.0};

    /** FDLIBM's switches between approximations, where a careless transcription would jump. */
    private static final double[] BOUNDARIES = {0x1p-28, 0.25, 0.84375, 1.25, 1 / 0.35, 6, 28};

    @Test
    void erfIsWithinOneUlpOfTheHighPrecisionValues() {
        for (int i = 0; i < X.length; i++) {
            assertWithinUlps(ERF[i], ErrorFunction.erf(X[i]), 1, "erf(" + X[i] + ")");
        }
    }

    @Test
    void erfcIsWithinThreeUlpsOfTheHighPrecisionValues() {
        for (int i = 0; i < X.length; i++) {
            assertWithinUlps(ERFC[i], ErrorFunction.erfc(X[i]), 3, "erfc(" + X[i] + ")");
        }
    }

    @Test
    void specialValuesFollowC99() {
        assertEquals(0.0, ErrorFunction.erf(0.0));
        assertEquals(-0.0, ErrorFunction.erf(-0.0));                           // sign of zero kept
        assertEquals(1.0, ErrorFunction.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ErrorFunction.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ErrorFunction.erf(1e300));
        assertTrue(Double.isNaN(ErrorFunction.erf(Double.NaN)));
        assertEquals(1.0, ErrorFunction.erfc(0.0));
        assertEquals(0.0, ErrorFunction.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, ErrorFunction.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, ErrorFunction.erfc(1e300));
        assertEquals(2.0, ErrorFunction.erfc(-1e300));
        assertTrue(Double.isNaN(ErrorFunction.erfc(Double.NaN)));
    }

    @Test
    void erfIsExactlyOdd() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextGaussian() * 3;
            assertEquals(-ErrorFunction.erf(x), ErrorFunction.erf(-x), "x = " + x);
        }
    }

    @Test
    void erfPlusErfcIsOne() {
        Random random = new Random(12);
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextGaussian() * 3;
            assertEquals(1.0, ErrorFunction.erf(x) + ErrorFunction.erfc(x), 4 * Math.ulp(1.0), "x = " + x);
        }
    }

    @Test
    void erfRisesAndErfcFallsAcrossEveryBoundaryBetweenApproximations() {
        for (double boundary : BOUNDARIES) {
            for (double b : new double[] {boundary, -boundary}) {
                double below = Math.nextDown(b);
                double above = Math.nextUp(b);
                String where = "at " + b;
                assertTrue(ErrorFunction.erf(below) <= ErrorFunction.erf(b), where);
                assertTrue(ErrorFunction.erf(b) <= ErrorFunction.erf(above), where);
                assertTrue(ErrorFunction.erfc(below) >= ErrorFunction.erfc(b), where);
                assertTrue(ErrorFunction.erfc(b) >= ErrorFunction.erfc(above), where);
            }
        }
    }

    @Test
    void erfIsMonotoneOnAFineGrid() {
        double previous = -1;
        for (double x = -7; x <= 7; x += 1e-3) {
            double y = ErrorFunction.erf(x);
            assertTrue(y >= previous, "erf falls at " + x);
            previous = y;
        }
    }

    private static void assertWithinUlps(double expected, double actual, int ulps, String what) {
        double tolerance = ulps * Math.ulp(expected);
        assertTrue(Math.abs(actual - expected) <= tolerance,
                what + " = " + actual + ", expected " + expected + " within " + ulps + " ulp");
    }
}
