package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Exponential}: within 1 ulp of {@code StrictMath.exp}, right at the special values, and its kernels (the
 * Vector API ones when the build runs this class with the module) give each element the scalar method's bits.
 */
class ExponentialTest {

    @Test
    void expIsWithinOneUlpOfStrictMath() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble() * 1455 - 745 : random.nextGaussian() * 5;
            double expected = StrictMath.exp(x);
            double actual = Exponential.exp(x);
            assertTrue(actual == expected || Math.abs(actual - expected) <= Math.ulp(expected), "exp(" + x + ") = " + actual + ", expected "
                    + expected);
        }
    }

    @Test
    void specialValuesAreExact() {
        double[] arguments = {0.0, -0.0, 1e-300, -1e-20, 709.78, 709.79, 1000, -708.4, -720, -745.1, -745.2, -1000,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double x : arguments) {
            assertEquals(StrictMath.exp(x), Exponential.exp(x), "exp(" + x + ")");
        }
        assertTrue(Double.isNaN(Exponential.exp(Double.NaN)), "exp(NaN)");
        assertEquals(0.0, Exponential.sigmoid(-1000));
        assertEquals(1.0, Exponential.sigmoid(1000));
        assertTrue(Double.isNaN(Exponential.sigmoid(Double.NaN)), "sigmoid(NaN)");
    }

    @Test
    void kernelsGiveEveryElementTheScalarBits() {
        Random random = new Random(12);
        double[] x = new double[131];
        for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian() * 8;
        x[3] = Double.NaN;
        x[40] = Double.NEGATIVE_INFINITY;
        x[77] = 800;
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= x.length; to += 7) {
                double[] sigmoid = new double[x.length];
                double[] silu = new double[x.length];
                Exponential.sigmoid(x, sigmoid, from, to);
                Exponential.silu(x, silu, from, to);
                for (int i = 0; i < x.length; i++) {
                    boolean inside = i >= from && i < to;
                    assertEquals(inside ? Exponential.sigmoid(x[i]) : 0.0, sigmoid[i], "sigmoid at " + i);
                    assertEquals(inside ? Exponential.silu(x[i]) : 0.0, silu[i], "silu at " + i);
                }
            }
        }
    }

    @Test
    void theVectorFormIsUsedWithTheVectorMatrixKernel() {
        assertEquals(MatMulKernels.isVectorApi(), Exponential.isVectorApi());
    }
}
