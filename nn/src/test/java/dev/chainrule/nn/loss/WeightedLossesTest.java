package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@code nllLoss} and cross-entropy with class weights and label smoothing. The expected values were computed by
 * PyTorch 1.13 in float64 ({@code F.cross_entropy(x, y, weight=w, label_smoothing=ε, reduction=r)} and
 * {@code F.nll_loss(F.log_softmax(x, 1), y, weight=w, reduction=r)}) on the inputs below.
 */
class WeightedLossesTest {
    private static final Tensor LOGITS = Tensor.of(new double[][] {
        {0.5, -1.25, 2.0, 0.0}, {1.5, 0.25, -0.75, 3.0}, {-2.0, 0.5, 1.0, -0.5}});
    private static final int[] CLASSES = {2, 0, 3};
    private static final Tensor WEIGHTS = Tensor.of(new double[] {0.5, 2.0, 1.0, 3.0});
    private static final double TOLERANCE = 1e-14;

    @Test
    void weightedSmoothedCrossEntropyMatchesPyTorch() {
        assertArrayEquals(new double[] {0.6866547758913915, 1.09066076653542, 6.031174688839489},
                Losses.crossEntropy(LOGITS, CLASSES, WEIGHTS, 0.1, Reduction.NONE).toArray(), TOLERANCE);
        assertEquals(7.8084902312663, Losses.crossEntropy(LOGITS, CLASSES, WEIGHTS, 0.1, Reduction.SUM).item(), TOLERANCE);
        assertEquals(1.7352200513925111, Losses.crossEntropy(LOGITS, CLASSES, WEIGHTS, 0.1, Reduction.MEAN).item(),
                TOLERANCE);
    }

    @Test
    void smoothedCrossEntropyWithoutWeightsMatchesPyTorch() {
        assertArrayEquals(new double[] {0.6719986126036626, 1.8704665576088488, 2.0809780572365026},
                Losses.crossEntropy(LOGITS, CLASSES, null, 0.2, Reduction.NONE).toArray(), TOLERANCE);
        assertEquals(4.623443227449014, Losses.crossEntropy(LOGITS, CLASSES, null, 0.2, Reduction.SUM).item(), TOLERANCE);
        assertEquals(1.5411477424830047, Losses.crossEntropy(LOGITS, CLASSES, null, 0.2, Reduction.MEAN).item(),
                TOLERANCE);
    }

    @Test
    void weightedNllLossMatchesPyTorch() {
        Tensor logP = LOGITS.logSoftmax(1);
        assertArrayEquals(new double[] {0.33449861260366254, 0.8852332788044244, 6.392934171709507},
                Losses.nllLoss(logP, CLASSES, WEIGHTS, Reduction.NONE).toArray(), TOLERANCE);
        assertEquals(7.612666063117595, Losses.nllLoss(logP, CLASSES, WEIGHTS, Reduction.SUM).item(), TOLERANCE);
        assertEquals(1.6917035695816878, Losses.nllLoss(logP, CLASSES, WEIGHTS, Reduction.MEAN).item(), TOLERANCE);
    }

    @Test
    void gradientOfTheWeightedSmoothedMeanMatchesPyTorch() {
        Tensor logits = LOGITS.detach().requiresGrad(true);
        Losses.crossEntropy(logits, CLASSES, WEIGHTS, 0.1, Reduction.MEAN).backward();
        assertArrayEquals(new double[] {
            0.03492764375758112, -0.004558891321450458, -0.03657157996804814, 0.0062028275319175,
            -0.07960437965762929, -0.004471821390137656, -0.0031130973632285397, 0.0871892984109955,
            0.014072972688249086, 0.19417305467458237, 0.33290081511324876, -0.5411468424760801},
            logits.grad().toArray(), TOLERANCE);
    }

    @Test
    void nllOfLogSoftmaxIsCrossEntropy() {
        for (Reduction reduction : Reduction.values()) {
            assertArrayEquals(Losses.crossEntropy(LOGITS, CLASSES, reduction).toArray(),
                    Losses.nllLoss(LOGITS.logSoftmax(1), CLASSES, reduction).toArray(), 0.0);
        }
        assertEquals(Losses.crossEntropy(LOGITS, CLASSES).item(), Losses.nllLoss(LOGITS.logSoftmax(1), CLASSES).item(), 0.0);
    }

    @Test
    void unitWeightsAndNoSmoothingGiveThePlainLoss() {
        Tensor ones = Tensor.ones(4);
        for (Reduction reduction : Reduction.values()) {
            assertArrayEquals(Losses.crossEntropy(LOGITS, CLASSES, reduction).toArray(),
                    Losses.crossEntropy(LOGITS, CLASSES, ones, 0.0, reduction).toArray(), 1e-15);
        }
    }

    @Property(tries = 30, seed = "20261203")
    void weightedSmoothedCrossEntropyPassesGradCheckForEveryReduction(@ForAll Random random) {
        int n = 1 + random.nextInt(4);
        int c = 2 + random.nextInt(4);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) classes[i] = random.nextInt(c);
        Tensor logits = Tensor.randn(random, n, c).mul(2).requiresGrad(true);
        Tensor weights = Tensor.rand(random, c).add(0.1);
        double smoothing = random.nextDouble();
        for (Reduction reduction : Reduction.values()) {
            GradCheck.assertPasses(xs -> Losses.crossEntropy(xs[0], classes, weights, smoothing, reduction), logits);
            GradCheck.assertPasses(xs -> Losses.nllLoss(xs[0].logSoftmax(1), classes, weights, reduction), logits);
        }
    }

    @Test
    void smoothedLossIsTwiceDifferentiable() {
        Tensor logits = LOGITS.detach().requiresGrad(true);
        GradCheck.assertSecondOrderPasses(xs -> Losses.crossEntropy(xs[0], CLASSES, WEIGHTS, 0.3, Reduction.MEAN),
                logits);
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("crossEntropy: labelSmoothing must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(LOGITS, CLASSES, null, 1.5, Reduction.MEAN)).getMessage());
        assertEquals("nllLoss: class weights of shape [3] do not fit 4 classes; expected [4]",
                assertThrows(IllegalArgumentException.class, () -> Losses.nllLoss(LOGITS, CLASSES, Tensor.ones(3),
                        Reduction.MEAN)).getMessage());
        assertEquals("crossEntropy: class weight -1.0 of class 1 must be finite and non-negative",
                assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(LOGITS, CLASSES,
                        Tensor.of(new double[] {1, -1, 1, 1}), 0, Reduction.MEAN)).getMessage());
        assertEquals("nllLoss: index 4 at position [1] is out of range [0, 4) for the classes of log-probabilities of"
                + " shape [3, 4]",
                assertThrows(IllegalArgumentException.class, () -> Losses.nllLoss(LOGITS, new int[] {0, 4, 1}))
                        .getMessage());
        assertEquals("nllLoss: the class weights of this batch's targets sum to 0, so the weighted mean is undefined;"
                        + " use Reduction.SUM or give those classes weight",
                assertThrows(IllegalArgumentException.class, () -> Losses.nllLoss(LOGITS, CLASSES,
                        Tensor.of(new double[] {0, 1, 0, 0}), Reduction.MEAN)).getMessage());
        try (var off = Autograd.noGrad()) {
            assertEquals(0.0, Losses.nllLoss(LOGITS, CLASSES, Tensor.of(new double[] {0, 1, 0, 0}), Reduction.SUM).item(),
                    0.0);
        }
    }
}
