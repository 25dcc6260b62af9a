package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays three steps of each optimizer on the quadratic {@code L(p) = Σ cᵢ·pᵢ²} (gradient {@code 2cᵢpᵢ})
 * against a scalar reference implementation of PyTorch's formulas, written out below element by element.
 */
class OptimizersTest {
    private static final double[] START = {1.5, -2.0, 0.25};
    private static final double[] C = {1.0, 0.5, 3.0};
    private static final int STEPS = 3;

    /** Runs {@code STEPS} steps of the optimizer made by {@code factory} and returns the parameter's values. */
    private static double[] run(java.util.function.Function<List<Tensor>, Optimizer> factory) {
        Tensor p = Tensor.of(START).requiresGrad(true);
        Tensor c = Tensor.of(C);
        Optimizer optimizer = factory.apply(List.of(p));
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            p.mul(p).mul(c).sum().backward();
            optimizer.step();
        }
        return p.toArray();
    }

    private static double gradient(int i, double p) {
        return 2 * (C[i] * p);
    }

    // ---------------------------------------------------------------- scalar references of PyTorch's formulas

    private static double[] referenceSgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        double[] p = START.clone();
        for (int i = 0; i < p.length; i++) {
            double buffer = 0;
            for (int t = 1; t <= STEPS; t++) {
                double g = gradient(i, p[i]);
                if (weightDecay != 0) g = g + weightDecay * p[i];
                if (momentum != 0) {
                    buffer = t == 1 ? g : momentum * buffer + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buffer : buffer;
                }
                p[i] = p[i] - lr * g;
            }
        }
        return p;
    }

    private static double[] referenceAdam(double lr, double beta1, double beta2, double eps, double weightDecay,
                                          boolean decoupled) {
        double[] p = START.clone();
        for (int i = 0; i < p.length; i++) {
            double m = 0;
            double v = 0;
            for (int t = 1; t <= STEPS; t++) {
                double g = gradient(i, p[i]);
                if (decoupled) {
                    p[i] = p[i] * (1 - lr * weightDecay);
                } else {
                    g = g + weightDecay * p[i];
                }
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                double correction1 = 1 - Math.pow(beta1, t);
                double correction2 = 1 - Math.pow(beta2, t);
                double denominator = Math.sqrt(v) / Math.sqrt(correction2) + eps;
                p[i] = p[i] - lr / correction1 * (m / denominator);
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- replays

    @Test
    void everyOptimizersOptionsStartFromOfAndOfLearningRateAsSgds() {
        assertEquals(Adam.Options.DEFAULT, Adam.Options.of());
        assertEquals(Adam.Options.DEFAULT.withLearningRate(0.02), Adam.Options.of(0.02));
        assertEquals(AdamW.Options.DEFAULT.withLearningRate(0.02), AdamW.Options.of(0.02));
        assertEquals(0.01, AdamW.Options.of().weightDecay());
        assertEquals(0.02, SGD.Options.of(0.02).learningRate());
    }

    @Test
    void plainSgdStepsAreMinusLearningRateTimesGradient() {
        double[] actual = run(ps -> new SGD(ps, 0.1));
        assertArrayEquals(referenceSgd(0.1, 0, 0, false, 0), actual, 1e-12);
        // by hand, first coordinate: p ← p·(1 − 0.1·2·1) = 0.8·p, three times
        assertEquals(1.5 * 0.8 * 0.8 * 0.8, actual[0], 1e-15);
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecayMatchesPyTorchFormulas() {
        var options = SGD.Options.of(0.05).withMomentum(0.9).withNesterov(true).withWeightDecay(0.01);
        assertArrayEquals(referenceSgd(0.05, 0.9, 0, true, 0.01), run(ps -> new SGD(ps, options)), 1e-12);
    }

    @Test
    void sgdWithDampenedMomentumMatchesPyTorchFormulas() {
        var options = SGD.Options.of(0.05).withMomentum(0.8).withDampening(0.3).withWeightDecay(0.1);
        assertArrayEquals(referenceSgd(0.05, 0.8, 0.3, false, 0.1), run(ps -> new SGD(ps, options)), 1e-12);
        // by hand, first coordinate, first step: g = 2·1.5 + 0.1·1.5 = 3.15, buffer = g, p = 1.5 − 0.05·3.15
        double[] one = new double[1];
        Tensor p = Tensor.of(new double[] {1.5}).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), options);
        p.mul(p).sum().backward();
        sgd.step();
        one[0] = p.item();
        assertEquals(1.5 - 0.05 * 3.15, one[0], 1e-15);
    }

    @Test
    void adamMatchesPyTorchFormulasWithBiasCorrectionAndL2WeightDecay() {
        var options = Adam.Options.DEFAULT.withLearningRate(0.1).withWeightDecay(0.1);
        assertArrayEquals(referenceAdam(0.1, 0.9, 0.999, 1e-8, 0.1, false), run(ps -> new Adam(ps, options)), 1e-12);
        var betas = Adam.Options.DEFAULT.withLearningRate(0.02).withBetas(0.5, 0.9).withEps(1e-3);
        assertArrayEquals(referenceAdam(0.02, 0.5, 0.9, 1e-3, 0, false), run(ps -> new Adam(ps, betas)), 1e-12);
    }

    @Test
    void adamFirstStepMovesEachCoordinateByAboutTheLearningRate() {
        // t = 1: m̂ = g, v̂ = g², so the step is lr·g / (|g| + eps) ≈ lr·sign(g)
        double[] actual = run(ps -> new Adam(ps, 0.1));
        double[] reference = referenceAdam(0.1, 0.9, 0.999, 1e-8, 0, false);
        assertArrayEquals(reference, actual, 1e-12);
        Tensor p = Tensor.of(new double[] {2.0}).requiresGrad(true);
        Adam adam = new Adam(List.of(p), 0.1);
        p.mul(p).sum().backward();
        adam.step();
        assertEquals(2.0 - 0.1 * 4.0 / (4.0 + 1e-8), p.item(), 1e-15);
    }

    @Test
    void adamWDecaysWeightsDecoupledFromTheGradient() {
        var options = AdamW.Options.DEFAULT.withLearningRate(0.1).withWeightDecay(0.1);
        assertArrayEquals(referenceAdam(0.1, 0.9, 0.999, 1e-8, 0.1, true), run(ps -> new AdamW(ps, options)), 1e-12);
        assertEquals(0.01, AdamW.Options.DEFAULT.weightDecay());
        assertEquals(0.0, Adam.Options.DEFAULT.weightDecay());
    }

    @Test
    void stateIsKeyedByParameterIdentityAndParametersWithoutGradientAreSkipped() {
        Tensor a = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1.0}).requiresGrad(true);
        SGD sgd = new SGD(List.of(a, b), SGD.Options.of(0.1).withMomentum(0.9));
        a.mul(a).sum().backward();
        sgd.step();
        assertEquals(0.8, a.item(), 1e-15);
        assertEquals(1.0, b.item(), 0.0);
        sgd.zeroGrad();
        assertNull(a.grad());
        b.mul(b).sum().backward();
        sgd.step();
        assertEquals(0.8, a.item(), 1e-15);
        assertEquals(0.8, b.item(), 1e-15);
    }

    @Test
    void setLearningRateChangesTheNextSteps() {
        Tensor p = Tensor.of(new double[] {1.0}).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), 0.1);
        sgd.setLearningRate(0.25);
        assertEquals(0.25, sgd.learningRate());
        p.mul(p).sum().backward();
        sgd.step();
        assertEquals(0.5, p.item(), 0.0);
        assertEquals(List.of(p), sgd.parameters());
    }

    @Test
    void invalidOptionsAndParametersAreRejectedWithTheReason() {
        assertEquals("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum=0.0, dampening=0.0",
                assertThrows(IllegalArgumentException.class, () -> SGD.Options.of(0.1).withNesterov(true)).getMessage());
        assertEquals("SGD: momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> SGD.Options.of(0.1).withMomentum(1)).getMessage());
        assertEquals("SGD: the learning rate must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> SGD.Options.of(-1)).getMessage());
        assertEquals("Adam: betas must be in [0, 1), got beta1=0.9, beta2=1.0",
                assertThrows(IllegalArgumentException.class, () -> Adam.Options.DEFAULT.withBetas(0.9, 1)).getMessage());
        assertEquals("AdamW: weight decay must be finite and >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> AdamW.Options.DEFAULT.withWeightDecay(-0.1)).getMessage());
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        assertEquals("SGD: parameters 0 and 1 are the same tensor; pass each parameter once",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p, p), 0.1)).getMessage());
        assertEquals("Adam: parameter 0 of shape [2] does not require grad",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Tensor.zeros(2)), 0.1)).getMessage());
        assertEquals("SGD: the learning rate must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), 0.1).setLearningRate(Double.NaN))
                        .getMessage());
    }
}
