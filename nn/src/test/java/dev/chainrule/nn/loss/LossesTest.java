package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static int[] randomClasses(Random random, int n, int c) {
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) classes[i] = random.nextInt(c);
        return classes;
    }

    private static Tensor probabilities(Random random, int... shape) {
        return Tensor.rand(random, shape).mul(0.9).add(0.05);
    }

    @Property(tries = 20, seed = "20261203")
    void crossEntropyWithClassIndicesPassesGradCheckForEveryReduction(@ForAll Random random) {
        int n = 1 + random.nextInt(4);
        int c = 2 + random.nextInt(4);
        int[] classes = randomClasses(random, n, c);
        Tensor logits = Tensor.randn(random, n, c).mul(3).requiresGrad(true);
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.crossEntropy(xs[0], classes, reduction), logits);
        }
    }

    @Property(tries = 20, seed = "20261203")
    void crossEntropyWithProbabilityTargetsPassesGradCheckForBothInputs(@ForAll Random random) {
        int n = 1 + random.nextInt(4);
        int c = 2 + random.nextInt(4);
        Tensor logits = Tensor.randn(random, n, c).requiresGrad(true);
        Tensor targets = Tensor.rand(random, n, c).softmax(1).requiresGrad(true);
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.crossEntropy(xs[0], xs[1], reduction), logits, targets);
        }
    }

    @Property(tries = 20, seed = "20261203")
    void binaryCrossEntropyPassesGradCheckForBothInputs(@ForAll Random random) {
        Tensor p = probabilities(random, 2, 3).requiresGrad(true);
        Tensor t = Tensor.rand(random, 2, 3).requiresGrad(true);
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.binaryCrossEntropy(xs[0], xs[1], reduction), p, t);
        }
    }

    @Property(tries = 20, seed = "20261203")
    void binaryCrossEntropyWithLogitsPassesGradCheckForBothInputs(@ForAll Random random) {
        Tensor x = Tensor.randn(random, 3, 2).mul(4).requiresGrad(true);
        Tensor t = Tensor.rand(random, 3, 2).requiresGrad(true);
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.binaryCrossEntropyWithLogits(xs[0], xs[1], reduction), x, t);
        }
    }

    @Property(tries = 20, seed = "20261203")
    void msePassesGradCheckForBothInputs(@ForAll Random random) {
        Tensor a = Tensor.randn(random, 2, 2, 3).requiresGrad(true);
        Tensor b = Tensor.randn(random, 2, 2, 3).requiresGrad(true);
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.mse(xs[0], xs[1], reduction), a, b);
        }
    }

    @Test
    void crossEntropyOfExtremeLogitsIsFiniteWithSoftmaxMinusOneHotGradient() {
        Tensor logits = Tensor.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 1000}}).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(logits, new int[] {1, 0});
        assertEquals((2000 + 2000 + Math.log(2)) / 2, loss.item(), 1e-9);
        loss.backward();
        assertArrayEquals(new double[] {0.5, -0.5, 0, -0.5, 0.25, 0.25}, logits.grad().toArray(), 1e-15);
    }

    @Test
    void crossEntropyMatchesHandComputedValue() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}});
        double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1;
        assertEquals(expected, Losses.crossEntropy(logits, new int[] {0}).item(), 1e-14);
        Tensor soft = Tensor.of(new double[][] {{1, 0, 0}});
        assertEquals(expected, Losses.crossEntropy(logits, soft).item(), 1e-14);
        Tensor none = Losses.crossEntropy(Tensor.of(new double[][] {{0, 0}, {0, 0}}), new int[] {0, 1}, Reduction.NONE);
        assertArrayEquals(new double[] {Math.log(2), Math.log(2)}, none.toArray(), 1e-15);
        assertEquals(2 * Math.log(2), Losses.crossEntropy(Tensor.of(new double[][] {{0, 0}, {0, 0}}), new int[] {0, 1},
                Reduction.SUM).item(), 1e-15);
    }

    @Test
    void binaryCrossEntropyClampsLogsAtMinusOneHundred() {
        Tensor p = Tensor.of(new double[] {0, 1, 0, 1}).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {1, 0, 0, 1});
        Tensor losses = Losses.binaryCrossEntropy(p, t, Reduction.NONE);
        assertArrayEquals(new double[] {100, 100, 0, 0}, losses.toArray(), 0.0);
        losses.sum().backward();
        for (double g : p.grad().toArray()) assertTrue(Double.isFinite(g), "gradient " + g);
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStableAndMatchesTheSigmoidForm() {
        Tensor x = Tensor.of(new double[] {-1000, 1000, -1000, 1000, 0, 2}).requiresGrad(true);
        Tensor t = Tensor.of(new double[] {0, 1, 1, 0, 1, 0.25});
        Tensor losses = Losses.binaryCrossEntropyWithLogits(x, t, Reduction.NONE);
        double s = 1 / (1 + Math.exp(-2));
        assertArrayEquals(new double[] {0, 0, 1000, 1000, Math.log(2), -(0.25 * Math.log(s) + 0.75 * Math.log(1 - s))},
                losses.toArray(), 1e-12);
        losses.sum().backward();
        assertArrayEquals(new double[] {0, 0, -1, 1, -0.5, s - 0.25}, x.grad().toArray(), 1e-15);
    }

    @Test
    void mseMatchesHandComputedValue() {
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {1, 0, 6});
        assertEquals(13.0 / 3, Losses.mse(a, b).item(), 1e-15);
        assertEquals(13.0, Losses.mse(a, b, Reduction.SUM).item(), 0.0);
        assertArrayEquals(new double[] {0, 4, 9}, Losses.mse(a, b, Reduction.NONE).toArray(), 0.0);
    }

    @Test
    void classIndicesAsAWholeNumberTensorGiveTheSameLossesAsAnIntArray() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 0.5}, {0.3, -1, 2}});
        int[] classes = {1, 2};
        Tensor asTensor = Tensor.of(new double[] {1, 2});
        assertEquals(Losses.crossEntropy(logits, classes).item(), Losses.crossEntropy(logits, asTensor).item(), 0.0);
        assertArrayEquals(Losses.crossEntropy(logits, classes, Reduction.NONE).toArray(),
                Losses.crossEntropy(logits, asTensor, Reduction.NONE).toArray(), 0.0);
        Tensor logP = logits.logSoftmax(1);
        assertEquals(Losses.nllLoss(logP, classes).item(), Losses.nllLoss(logP, asTensor).item(), 0.0);
        assertEquals(Losses.nllLoss(logP, classes, Reduction.SUM).item(),
                Losses.nllLoss(logP, asTensor, Reduction.SUM).item(), 0.0);
    }

    @Test
    void aClassIndexTensorWithAFractionOrTheWrongRankIsRefusedNamingIt() {
        Tensor logits = Tensor.zeros(2, 3);
        assertEquals("crossEntropy: index 0.5 at position [1] is not a whole number; indices are whole numbers in"
                + " [0, 3) for the classes of logits of shape [2, 3]", assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(logits, Tensor.of(new double[] {1, 0.5}))).getMessage());
        assertEquals("nllLoss: class-index targets must be 1-D [N] for log-probabilities [N, C], got shapes [2, 1]"
                + " and [2, 3]", assertThrows(IllegalArgumentException.class,
                        () -> Losses.nllLoss(logits, Tensor.zeros(2, 1))).getMessage());
    }

    @Test
    void badShapesAndClassesAreNamedInTheError() {
        Tensor logits = Tensor.zeros(4, 5);
        assertEquals("crossEntropy: index 7 at position [2] is out of range [0, 5) for the classes of logits of shape"
                + " [4, 5]",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(logits, new int[] {0, 1, 7, 2})).getMessage());
        assertEquals("crossEntropy: index -1 at position [0] is out of range [0, 5) for the classes of logits of shape"
                + " [4, 5]",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(logits, new int[] {-1, 1, 2, 2})).getMessage());
        assertEquals("crossEntropy: 3 class indices for logits of shape [4, 5]; need one per row (4)",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(logits, new int[] {0, 1, 2})).getMessage());
        assertEquals("crossEntropy: logits must be 2-D [N, C], got shape [5]",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(Tensor.zeros(5), new int[] {0})).getMessage());
        assertEquals("crossEntropy: logits of shape [4, 5] and probability targets of shape [4, 4] must have the same shape",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.crossEntropy(logits, Tensor.zeros(4, 4))).getMessage());
        assertEquals("mse: predictions of shape [3] and targets of shape [3, 1] must have the same shape",
                assertThrows(IllegalArgumentException.class,
                        () -> Losses.mse(Tensor.zeros(3), Tensor.zeros(3, 1))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropy(Tensor.zeros(2), Tensor.zeros(3))).getMessage()
                .startsWith("binaryCrossEntropy: probabilities of shape [2] and targets of shape [3]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropyWithLogits(Tensor.zeros(2), Tensor.zeros(3))).getMessage()
                .startsWith("binaryCrossEntropyWithLogits: logits of shape [2] and targets of shape [3]"));
    }

    @Test
    void binaryCrossEntropyRejectsProbabilitiesOutsideZeroOneNamingTheFirst() {
        Tensor targets = Tensor.zeros(2, 2);
        assertEquals("binaryCrossEntropy: probabilities must be in [0, 1], got 1.5 at index 2 (row-major, shape [2, 2]);"
                        + " apply sigmoid first or use binaryCrossEntropyWithLogits",
                assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(
                        Tensor.of(new double[] {0, 1, 1.5, -0.5}, 2, 2), targets)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(
                        Tensor.of(new double[] {0.5, -1e-300, 0.5, 0.5}, 2, 2), targets)).getMessage()
                .contains("got -1.0E-300 at index 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(
                        Tensor.of(new double[] {0.5, 0.5, 0.5, Double.NaN}, 2, 2), targets)).getMessage()
                .contains("got NaN at index 3"));
    }

    @Test
    void lossesOfAnEmptyBatchNameTheLoss() {
        for (Reduction reduction : Reduction.values()) {
            assertEquals("crossEntropy: the batch is empty (logits of shape [0, 3]); a loss needs at least one sample",
                    assertThrows(IllegalArgumentException.class,
                            () -> Losses.crossEntropy(Tensor.zeros(0, 3), new int[0], reduction)).getMessage());
            assertEquals("crossEntropy: the batch is empty (logits of shape [0, 3]); a loss needs at least one sample",
                    assertThrows(IllegalArgumentException.class,
                            () -> Losses.crossEntropy(Tensor.zeros(0, 3), Tensor.zeros(0, 3), reduction)).getMessage());
            assertEquals("binaryCrossEntropy: the batch is empty (probabilities of shape [0]); a loss needs at least"
                            + " one element",
                    assertThrows(IllegalArgumentException.class,
                            () -> Losses.binaryCrossEntropy(Tensor.zeros(0), Tensor.zeros(0), reduction)).getMessage());
            assertEquals("mse: the batch is empty (predictions of shape [0, 2]); a loss needs at least one element",
                    assertThrows(IllegalArgumentException.class,
                            () -> Losses.mse(Tensor.zeros(0, 2), Tensor.zeros(0, 2), reduction)).getMessage());
        }
    }
}
