package dev.chainrule.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InitTest {

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        return Math.sqrt(squares / values.length);
    }

    @Test
    void everyRandomInitIsBitReproducibleFromTheSeed() {
        for (int kind = 0; kind < 4; kind++) {
            Tensor a = Tensor.zeros(20, 30).requiresGrad(true);
            Tensor b = Tensor.zeros(20, 30).requiresGrad(true);
            fill(kind, a, new Random(5));
            fill(kind, b, new Random(5));
            assertArrayEquals(a.toArray(), b.toArray(), 0.0);
            Tensor c = Tensor.zeros(20, 30);
            fill(kind, c, new Random(6));
            assertTrue(!java.util.Arrays.equals(a.toArray(), c.toArray()));
        }
    }

    private static void fill(int kind, Tensor t, Random random) {
        switch (kind) {
            case 0 -> Init.xavierUniform(t, random);
            case 1 -> Init.xavierNormal(t, random);
            case 2 -> Init.kaimingUniform(t, random);
            default -> Init.kaimingNormal(t, random);
        }
    }

    @Test
    void xavierUniformDrawsFromPlusMinusSqrtSixOverFanSum() {
        Tensor w = Init.xavierUniform(Tensor.zeros(200, 100), new Random(1));
        double bound = Math.sqrt(6.0 / 300);
        Random random = new Random(1);
        assertEquals(-bound + 2 * bound * random.nextDouble(), w.get(0, 0), 0.0);
        for (double v : w.toArray()) assertTrue(Math.abs(v) <= bound);
        assertEquals(bound / Math.sqrt(3), std(w.toArray()), 0.02 * bound);
    }

    @Test
    void normalInitsHaveTheirStandardDeviation() {
        assertEquals(Math.sqrt(2.0 / 300), std(Init.xavierNormal(Tensor.zeros(200, 100), new Random(2)).toArray()),
                0.02 * Math.sqrt(2.0 / 300));
        assertEquals(Math.sqrt(2.0 / 200), std(Init.kaimingNormal(Tensor.zeros(100, 200), new Random(3)).toArray()),
                0.02 * Math.sqrt(2.0 / 200));
        double bound = Math.sqrt(2.0) * Math.sqrt(3.0 / 200);
        double[] uniform = Init.kaimingUniform(Tensor.zeros(100, 200), new Random(4)).toArray();
        for (double v : uniform) assertTrue(Math.abs(v) <= bound);
        assertEquals(Math.sqrt(2.0 / 200), std(uniform), 0.02 * Math.sqrt(2.0 / 200));
    }

    @Test
    void fansFollowPyTorchsOutInLayout() {
        assertArrayEquals(new int[] {1024, 500}, Init.fans(Tensor.zeros(500, 1024)));
        assertArrayEquals(new int[] {4 * 9, 3 * 9}, Init.fans(Tensor.zeros(3, 4, 3, 3)));
        assertEquals("kaimingNormal: fan in and fan out need a tensor of at least 2 dimensions [out, in], got [5]",
                assertThrows(IllegalArgumentException.class, () -> Init.kaimingNormal(Tensor.zeros(5), new Random(0)))
                        .getMessage());
    }

    @Test
    void constantsFillInPlaceEvenOnParameters() {
        Tensor p = Tensor.ones(2, 2).requiresGrad(true);
        Init.zeros(p);
        assertArrayEquals(new double[4], p.toArray(), 0.0);
        Init.constant(p, 0.5);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, p.toArray(), 0.0);
        Init.uniform(Tensor.scalar(0).requiresGrad(true), -1, 1, new Random(0));
        assertTrue(p.requiresGrad() && p.isLeaf());
    }
}
