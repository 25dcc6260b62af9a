package dev.chainrule.nn.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.SGD;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d and BatchNorm2d: batch statistics in training (biased variance for the output, unbiased into the
 * running variance, worked by hand), running statistics in evaluation, {@code num_batches_tracked}, the layer without
 * running statistics, buffers versus parameters, gradients through the layer in both modes, and errors.
 */
class BatchNormTest {
    private static final double EPS = 1e-5;
    /** Channel 0 holds 1, 2, 3, 6 (mean 3, biased variance 3.5); channel 1 holds 0, 0, 2, 2 (mean 1, variance 1). */
    private static final Tensor X = Tensor.of(new double[] {1, 0, 2, 0, 3, 2, 6, 2}, 4, 2);

    @Test
    void trainingNormalisesWithTheBiasedBatchVarianceAndStoresTheUnbiasedOne() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor y = bn.forward(X);
        double s0 = Math.sqrt(3.5 + EPS);
        double s1 = Math.sqrt(1 + EPS);
        double[] expected = {-2 / s0, -1 / s1, -1 / s0, -1 / s1, 0, 1 / s1, 3 / s0, 1 / s1};
        assertArrayEquals(expected, y.toArray(), 1e-15);
        // running ← 0.9·running + 0.1·batch, the variance unbiased: 3.5·4/3 = 14/3 and 1·4/3
        assertArrayEquals(new double[] {0.1 * 3, 0.1 * 1}, bn.runningMean().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.9 + 0.1 * 14 / 3, 0.9 + 0.1 * 4 / 3.0}, bn.runningVar().toArray(), 1e-15);
    }

    @Test
    void runningStatisticsFollowMomentum() {
        BatchNorm1d bn = new BatchNorm1d(2, BatchNorm1d.Options.of().withMomentum(0.5));
        bn.forward(X);
        bn.forward(X);
        // after two batches: 0.5·(0.5·0 + 0.5·3) + 0.5·3 = 2.25
        assertArrayEquals(new double[] {2.25, 0.75}, bn.runningMean().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.25 + 0.75 * 14 / 3, 0.25 + 0.75 * 4 / 3.0}, bn.runningVar().toArray(), 1e-14);
    }

    @Test
    void evaluationNormalisesWithTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm1d bn = new BatchNorm1d(2);
        loadStatistics(bn, new double[] {1, -1}, new double[] {4, 0.25}, 3);
        bn.eval();
        Tensor row = Tensor.of(new double[] {3, 0}, 1, 2);              // one sample is fine in evaluation
        double[] expected = {(3 - 1) / Math.sqrt(4 + EPS), (0 + 1) / Math.sqrt(0.25 + EPS)};
        assertArrayEquals(expected, bn.forward(row).toArray(), 1e-15);
        assertArrayEquals(new double[] {1, -1}, bn.runningMean().toArray(), 0.0);
        assertArrayEquals(new double[] {4, 0.25}, bn.runningVar().toArray(), 0.0);
        assertEquals(3, bn.namedBuffers().get("num_batches_tracked").item());
    }

    @Test
    void numBatchesTrackedCountsTrainingCallsOnly() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor count = bn.namedBuffers().get("num_batches_tracked");
        Tensor x = Tensor.randn(new Random(0), 3, 2, 2, 2);
        bn.forward(x);
        bn.forward(x);
        assertEquals(2, count.item());
        bn.eval().forward(x);
        assertEquals(2, count.item());
        bn.train().forward(x);
        assertEquals(3, count.item());
    }

    @Test
    void withoutRunningStatisticsBothModesUseTheBatchAndThereAreNoBuffers() {
        BatchNorm1d bn = new BatchNorm1d(2, BatchNorm1d.Options.of().withTrackRunningStats(false));
        assertTrue(bn.namedBuffers().isEmpty());
        assertNull(bn.runningMean());
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.stateDict().keySet()));
        double[] training = bn.forward(X).toArray();
        assertArrayEquals(training, bn.eval().forward(X).toArray(), 0.0);
    }

    @Test
    void buffersAreInTheStateDictButNotParametersAndNeverRequireGrad() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.namedBuffers().keySet()));
        assertEquals(List.of("num_batches_tracked"), List.copyOf(bn.integerBufferNames()));
        for (Tensor buffer : bn.buffers()) assertFalse(buffer.requiresGrad());
        assertEquals(6, bn.numParameters());
        assertArrayEquals(new int[0], bn.namedBuffers().get("num_batches_tracked").shape());
    }

    @Test
    void anOptimizerStepMovesTheParametersButNotTheBuffers() {
        BatchNorm2d bn = new BatchNorm2d(2);
        var sgd = new SGD(bn.parameters(), 0.1);
        Tensor x = Tensor.randn(new Random(1), 4, 2, 3, 3);
        bn.forward(x).mul(Tensor.randn(new Random(2), 4, 2, 3, 3)).sum().backward();
        Map<String, double[]> buffers = snapshot(bn.namedBuffers());
        double[] weight = bn.weight().toArray();
        sgd.step();
        snapshot(bn.namedBuffers()).forEach((name, values) -> assertArrayEquals(buffers.get(name), values, 0.0, name));
        assertFalse(java.util.Arrays.equals(weight, bn.weight().toArray()));
    }

    @Test
    void weightsStartAtOneAndBiasesAtZero() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertArrayEquals(new double[] {1, 1, 1, 1}, bn.weight().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, bn.bias().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, bn.runningMean().toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, bn.runningVar().toArray(), 0.0);
        BatchNorm1d plain = new BatchNorm1d(3, BatchNorm1d.Options.of().withAffine(false));
        assertNull(plain.weight());
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(plain.stateDict().keySet()));
    }

    @Test
    void gradientsThroughTheLayerMatchFiniteDifferencesInTraining() {
        GradCheckThroughLayer.assertPasses(() -> withAffine(new BatchNorm1d(3)), Tensor.randn(new Random(3), 4, 3));
        GradCheckThroughLayer.assertPasses(() -> withAffine(new BatchNorm1d(2)), Tensor.randn(new Random(4), 3, 2, 4));
        GradCheckThroughLayer.assertPasses(() -> withAffine(new BatchNorm2d(2)), Tensor.randn(new Random(5), 2, 2, 3, 2));
    }

    @Test
    void gradientsThroughTheLayerMatchFiniteDifferencesInEvaluation() {
        GradCheckThroughLayer.assertPasses(() -> {
            BatchNorm2d bn = withAffine(new BatchNorm2d(2));
            loadStatistics(bn, new double[] {0.5, -1}, new double[] {2, 0.3}, 5);
            return bn.eval();
        }, Tensor.randn(new Random(6), 2, 2, 2, 3));
    }

    @Test
    void secondDerivativesThroughTrainingModeMatchFiniteDifferences() {
        BatchNorm1d bn = withAffine(new BatchNorm1d(2));
        GradCheck.assertSecondOrderPasses(xs -> bn.forward(xs[0]), Tensor.randn(new Random(7), 4, 2).requiresGrad(true));
    }

    @Test
    void trainingWithOneValuePerChannelIsRejectedAndChangesNothing() {
        BatchNorm1d bn = new BatchNorm1d(3);
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.ones(1, 3)));
        assertEquals("BatchNorm1d(3, eps=1.0E-5, momentum=0.1, affine=true, trackRunningStats=true): batchNorm:"
                + " expected more than 1 value per channel when training, got input of shape [1, 3]", e.getMessage());
        assertEquals(0, bn.namedBuffers().get("num_batches_tracked").item());
        assertArrayEquals(new double[] {0, 0, 0}, bn.runningMean().toArray(), 0.0);
        var image = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(2).forward(Tensor.ones(1, 2, 1, 1)));
        assertTrue(image.getMessage().contains("got input of shape [1, 2, 1, 1]"), image.getMessage());
    }

    @Test
    void inputOfTheWrongRankOrChannelCountIsRejectedNamingTheLayer() {
        var rank = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.ones(2, 3, 4)));
        assertEquals("BatchNorm2d(3, eps=1.0E-5, momentum=0.1, affine=true, trackRunningStats=true): input of shape"
                + " [2, 3, 4] does not fit; expected [N, 3, H, W]", rank.getMessage());
        var channels = assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm1d(3).forward(Tensor.ones(4, 5)));
        assertTrue(channels.getMessage().endsWith("input of shape [4, 5] does not fit; expected [N, 3] or [N, 3, L]"),
                channels.getMessage());
        var features = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0));
        assertEquals("BatchNorm1d: numFeatures must be positive, got 0", features.getMessage());
        var momentum = assertThrows(IllegalArgumentException.class, () -> BatchNorm1d.Options.of().withMomentum(1.5));
        assertEquals("BatchNorm.Options: momentum must be in [0, 1], got 1.5", momentum.getMessage());
    }

    /** Gives the layer a weight and bias other than 1 and 0, so that their gradients are not special. */
    private static <T extends BatchNormNd> T withAffine(T bn) {
        int c = bn.weight().numel();
        try (var off = Autograd.noGrad()) {
            bn.weight().copyFrom(Tensor.randn(new Random(11), c).add(1));
            bn.bias().copyFrom(Tensor.randn(new Random(12), c));
        }
        return bn;
    }

    private static void loadStatistics(Module bn, double[] mean, double[] variance, int batches) {
        Map<String, Tensor> state = new LinkedHashMap<>(bn.stateDict());
        state.put("running_mean", Tensor.of(mean));
        state.put("running_var", Tensor.of(variance));
        state.put("num_batches_tracked", Tensor.scalar(batches));
        bn.loadStateDict(state);
    }

    private static Map<String, double[]> snapshot(Map<String, Tensor> tensors) {
        Map<String, double[]> values = new LinkedHashMap<>();
        tensors.forEach((name, t) -> values.put(name, t.toArray()));
        return values;
    }
}
