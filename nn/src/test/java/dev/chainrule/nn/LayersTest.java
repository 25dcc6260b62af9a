package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayersTest {

    private static Sequential tutorialNetwork() {
        return new Sequential(new Linear(1024, 500, new Random(0)), new Sigmoid(), new Linear(500, 10, new Random(1)));
    }

    @Test
    void tutorialNetworkHas517000WeightsAnd517510Parameters() {
        Sequential net = tutorialNetwork();
        long weights = 0;
        for (int i = 0; i < net.size(); i++) {
            if (net.get(i) instanceof Linear linear) weights += linear.weight().numel();
        }
        assertEquals(1024 * 500 + 500 * 10, weights);
        assertEquals(517_000, weights);
        assertEquals(517_510, net.numParameters());
    }

    @Test
    void namedParametersAreDottedIndexNamesInOrder() {
        Sequential net = tutorialNetwork();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(net.namedParameters().keySet()));
        assertArrayEquals(new int[] {500, 1024}, net.namedParameters().get("0.weight").shape());
        assertArrayEquals(new int[] {10}, net.namedParameters().get("2.bias").shape());
        Module nested = new Sequential(new Sequential(new Linear(2, 3, new Random(0))), new Tanh());
        assertEquals(List.of("0.0.weight", "0.0.bias"), List.copyOf(nested.namedParameters().keySet()));
    }

    @Test
    void toStringPrintsTheModuleTree() {
        Module net = new Sequential(new Linear(1024, 500, new Random(0)), new Sigmoid(),
                new Sequential(new Dropout(0.5, 0), new Linear(500, 10, false, new Random(1))), new LogSoftmax(-1),
                new Lambda("Swish", x -> x.mul(x.sigmoid())));
        String expected = """
                Sequential(
                  (0): Linear(in=1024, out=500, bias=true)
                  (1): Sigmoid()
                  (2): Sequential(
                    (0): Dropout(p=0.5)
                    (1): Linear(in=500, out=10, bias=false)
                  )
                  (3): LogSoftmax(axis=-1)
                  (4): Swish()
                )""";
        assertEquals(expected, net.toString());
        assertEquals("Softmax(axis=1)", new Softmax(1).toString());
        assertEquals("ReLU()", new ReLU().toString());
    }

    @Test
    void trainAndEvalPropagateToEveryDescendant() {
        Dropout inner = new Dropout(0.5, 0);
        Sequential child = new Sequential(inner);
        Sequential net = new Sequential(new Linear(2, 2, new Random(0)), child);
        assertTrue(inner.isTraining());
        net.eval();
        assertTrue(!net.isTraining() && !child.isTraining() && !inner.isTraining() && !net.get(0).isTraining());
        net.train();
        assertTrue(net.isTraining() && child.isTraining() && inner.isTraining());
    }

    @Test
    void linearComputesXTimesWeightTransposedPlusBias() {
        Linear layer = new Linear(2, 3, new Random(0));
        Tensor x = Tensor.of(new double[][] {{1, 2}, {-1, 0.5}});
        double[] w = layer.weight().toArray();
        Tensor y = layer.forward(x);
        assertArrayEquals(new int[] {2, 3}, y.shape());
        for (int j = 0; j < 3; j++) {
            assertEquals(1 * w[2 * j] + 2 * w[2 * j + 1], y.get(0, j), 1e-15);       // weight [out, in]
            assertEquals(-1 * w[2 * j] + 0.5 * w[2 * j + 1], y.get(1, j), 1e-15);
        }
    }

    @Test
    void linearInitIsXavierUniformFromTheSeedAndBiasZero() {
        Linear a = new Linear(30, 20, new Random(7));
        Linear b = new Linear(30, 20, 7);
        assertArrayEquals(a.weight().toArray(), b.weight().toArray());
        double bound = Math.sqrt(6.0 / 50);
        for (double v : a.weight().toArray()) assertTrue(Math.abs(v) <= bound);
        assertArrayEquals(new double[20], a.bias().toArray());
        Random random = new Random(7);
        assertEquals(-bound + 2 * bound * random.nextDouble(), a.weight().get(0, 0), 0.0);
        assertTrue(a.weight().requiresGrad() && a.bias().requiresGrad());
    }

    @Test
    void linearRejectsAnInputOfTheWrongWidth() {
        Linear layer = new Linear(4, 2, new Random(0));
        var error = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(3, 5)));
        assertTrue(error.getMessage().startsWith("linear: input of shape [3, 5] does not fit weight of shape [2, 4]"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, new Random(0)));
    }

    @Test
    void dropoutIsTheIdentityInEvalMode() {
        Dropout dropout = new Dropout(0.5, 1);
        dropout.eval();
        Tensor x = Tensor.randn(new Random(0), 4, 5);
        assertSame(x, dropout.forward(x));
    }

    @Test
    void dropoutScalesSurvivorsByOneOverOneMinusP() {
        Dropout dropout = new Dropout(0.25, 3);
        Tensor x = Tensor.ones(100, 100);
        double[] y = dropout.forward(x).toArray();
        int kept = 0;
        for (double v : y) {
            assertTrue(v == 0.0 || v == 1 / 0.75, "value " + v);
            if (v != 0) kept++;
        }
        assertEquals(0.75, kept / 10_000.0, 0.02);
    }

    @Test
    void dropoutFromOneSeedIsReproducibleAndDrawsAFreshMaskEachCall() {
        Tensor x = Tensor.randn(new Random(0), 8, 8);
        Dropout a = new Dropout(0.5, 42);
        Dropout b = new Dropout(0.5, 42);
        Tensor a1 = a.forward(x);
        Tensor a2 = a.forward(x);
        assertArrayEquals(a1.toArray(), b.forward(x).toArray());
        assertArrayEquals(a2.toArray(), b.forward(x).toArray());
        assertTrue(!java.util.Arrays.equals(a1.toArray(), a2.toArray()));
        assertArrayEquals(a1.toArray(), Functional.dropout(x, 0.5, new Random(42), true).toArray());
    }

    @Test
    void dropoutGradientIsTheMaskTimesTheScale() {
        Tensor x = Tensor.randn(new Random(0), 6, 6).requiresGrad(true);
        Tensor y = new Dropout(0.5, 5).forward(x);
        y.sum().backward();
        double[] g = x.grad().toArray();
        double[] yv = y.toArray();
        double[] xv = x.toArray();
        for (int i = 0; i < g.length; i++) assertEquals(yv[i] == 0 ? 0.0 : 2.0, g[i], 0.0, "at " + i + " x=" + xv[i]);
    }

    @Test
    void dropoutEdgeProbabilities() {
        Tensor x = Tensor.randn(new Random(0), 3, 3);
        assertSame(x, Functional.dropout(x, 0.0, new Random(0), true));
        assertArrayEquals(new double[9], Functional.dropout(x, 1.0, new Random(0), true).toArray(), 0.0);
        var error = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, 0));
        assertEquals("Dropout: the drop probability must be in [0, 1], got 1.5", error.getMessage());
        assertArrayEquals(new int[0], Functional.dropout(Tensor.scalar(2), 0.5, new Random(0), true).shape());
    }

    @Test
    void softmaxModuleRowsSumToOneAndLogSoftmaxIsItsLog() {
        Tensor x = Tensor.of(new double[][] {{1000, -1000, 0}, {1, 2, 3}});
        Tensor p = new Softmax(1).forward(x);
        Tensor logP = new LogSoftmax(1).forward(x);
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, p.get(i, 0) + p.get(i, 1) + p.get(i, 2), 1e-15);
            for (int j = 0; j < 3; j++) {
                assertTrue(Double.isFinite(logP.get(i, j)));
                if (p.get(i, j) > 0) assertEquals(Math.log(p.get(i, j)), logP.get(i, j), 1e-12);
            }
        }
        assertEquals(-2000.0, logP.get(0, 1), 0.0);
    }

    @Test
    void lambdaActivationIsOneLine() {
        Module swish = new Lambda("Swish", x -> x.mul(x.sigmoid()));
        Tensor y = swish.forward(Tensor.of(new double[] {0, 1, -2}));
        assertEquals(0.0, y.get(0), 0.0);
        assertEquals(1 / (1 + Math.exp(-1)), y.get(1), 1e-15);
        assertEquals("Swish()", swish.toString());
        assertEquals(0, swish.numParameters());
        assertThrows(IllegalArgumentException.class, () -> new Lambda(" ", x -> x));
    }

    @Test
    void softplusIsStableAndHasDerivativeOneHalfAtZero() {
        Tensor x = Tensor.of(new double[] {-1000, -1, 0, 1, 1000}).requiresGrad(true);
        Tensor y = Functional.softplus(x);
        assertArrayEquals(new double[] {0, Math.log1p(Math.exp(-1)), Math.log(2), 1 + Math.log1p(Math.exp(-1)), 1000},
                y.toArray(), 1e-15);
        y.sum().backward();
        assertArrayEquals(new double[] {0, 1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-1)), 1}, x.grad().toArray(), 1e-15);
    }

    @Test
    void sequentialAppliesItsModulesInOrder() {
        Sequential net = new Sequential(new Lambda("Double", x -> x.mul(2)), new Lambda("PlusOne", x -> x.add(1)));
        assertEquals(7.0, net.forward(Tensor.scalar(3)).item(), 0.0);
        assertEquals(2, net.size());
        assertThrows(IllegalArgumentException.class, () -> net.get(2));
    }
}
