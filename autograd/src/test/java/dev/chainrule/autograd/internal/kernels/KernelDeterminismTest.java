package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A product gives the same bits on every call, whether the kernel runs interpreted or compiled by the JIT. (A
 * lane reduction whose order the JVM may choose, such as the Vector API's {@code reduceLanes(ADD)}, breaks this:
 * the first calls and the compiled ones add in different orders.) Run as the first test of a fresh JVM, this
 * sees the interpreted result first.
 */
class KernelDeterminismTest {

    @Test
    void repeatedProductsAreBitwiseEqual() {
        Random random = new Random(11);
        for (int m : new int[] {1, 8, 40}) {
            boolean transB = m < 40;                  // one dot product; blocks of dot products; the packed tile
            int k = 1003;
            int n = 40;
            double[] a = gaussians(random, m * k);
            double[] b = gaussians(random, k * n);
            double[] first = product(a, b, transB, m, k, n);
            for (int call = 0; call < 3000; call++) {
                double[] again = product(a, b, transB, m, k, n);
                for (int i = 0; i < first.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(again[i]),
                            "call " + call + ", element " + i + ", transB " + transB);
                }
            }
        }
    }

    private static double[] product(double[] a, double[] b, boolean transB, int m, int k, int n) {
        double[] c = new double[m * n];
        MatMulKernels.matmul(a, 0, false, b, 0, transB, c, 0, m, k, n);
        return c;
    }

    private static double[] gaussians(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = random.nextGaussian();
        return values;
    }
}
