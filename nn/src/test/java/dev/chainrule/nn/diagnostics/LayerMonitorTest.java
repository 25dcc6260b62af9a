package dev.chainrule.nn.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.Tanh;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerMonitorTest {
    private static final double SIGMA = 1 / (1 + Math.exp(-0.3));             // σ(0.3) = 0.574442516811659
    private static final double SIGMA_PRIME = SIGMA * (1 - SIGMA);            // σ'(0.3) = 0.244458311690746
    private static final Tensor X = Tensor.of(new double[][] {{1, 2}});
    private static final LossFunction SUM = (output, batch) -> output.sum();

    /**
     * x = [1, 2] → h = x·W (every weight 0.1, so every h = 0.3) → z = σ(h) → y = Σ z·V (every V = 1); loss = y.
     * By hand: dL/dV = z, so |dL/dV| = √3·σ(0.3); dL/dW(i,j) = x(i)·σ'(0.3), so |dL/dW| = √(1 + 4)·√3·σ'(0.3).
     * All weights equal, so the numbers hold whichever way Linear lays out its weight.
     */
    private static Sequential handSet() {
        Sequential net = new Sequential(new Linear(2, 3, false, new Random(0)), new Sigmoid(),
                new Linear(3, 1, false, new Random(0)));
        try (var off = Autograd.noGrad()) {
            ((Linear) net.get(0)).weight().fill(0.1);
            ((Linear) net.get(2)).weight().fill(1.0);
        }
        return net;
    }

    private static void assertHandSetNumbers(Snapshot snapshot) {
        assertEquals(List.of("0", "1", "2"), snapshot.layers().stream().map(LayerStats::name).toList());
        LayerStats first = snapshot.layer("0");
        assertEquals(Math.sqrt(15) * SIGMA_PRIME, first.gradientNorm("weight"), 1e-12);      // 0.94678297
        assertEquals(0.3, first.output().mean(), 1e-12);
        assertEquals(0, first.output().standardDeviation(), 1e-12);
        assertTrue(Double.isNaN(first.output().saturatedFraction()), "a Linear layer has no saturation rule");
        assertEquals(Math.sqrt(3) * SIGMA_PRIME, first.outputGradientNorm(), 1e-12);         // |dL/dh|
        LayerStats sigmoid = snapshot.layer("1");
        assertTrue(sigmoid.gradientNorms().isEmpty());
        assertEquals(SIGMA, sigmoid.output().mean(), 1e-12);
        assertEquals(0, sigmoid.output().saturatedFraction(), "σ(0.3) = 0.574 is far from 0 and 1");
        assertEquals(Math.sqrt(3), sigmoid.outputGradientNorm(), 1e-12);                     // |dL/dz| = |V|
        LayerStats last = snapshot.layer("2");
        assertEquals(Math.sqrt(3) * SIGMA, last.gradientNorm("weight"), 1e-12);              // 0.99496363
        assertEquals(3 * SIGMA, last.output().mean(), 1e-12);
        assertEquals(1, last.outputGradientNorm(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(15) * SIGMA_PRIME, Math.sqrt(3) * SIGMA},
                snapshot.gradientNorms("weight"), 1e-12);
    }

    @Test
    void snapshotAfterBackwardHasTheHandDerivedGradientNorms() {
        Sequential net = handSet();
        LayerMonitor monitor = LayerMonitor.of(net);
        Tensor output = monitor.forward(X);
        assertArrayEquals(net.forward(X).toArray(), output.toArray(), 0, "the monitor runs the model unchanged");
        output.sum().backward();
        assertHandSetNumbers(monitor.snapshot());
    }

    @Test
    void probeGivesTheSameNumbersWithoutTouchingGrad() {
        Sequential net = handSet();
        LayerMonitor monitor = LayerMonitor.of(net);
        Snapshot probed;
        try (var off = Autograd.noGrad()) {                    // probe records its own graph regardless
            probed = monitor.probe(new Batch(X, null, null), SUM);
        }
        assertHandSetNumbers(probed);
        for (Tensor p : net.parameters()) assertNull(p.grad(), "probe leaves grad() alone");
    }

    @Test
    void snapshotWithoutForwardOrBackwardSaysSo() {
        Snapshot snapshot = LayerMonitor.of(handSet()).snapshot();
        assertNull(snapshot.layer("1").output());
        assertTrue(Double.isNaN(snapshot.layer("0").gradientNorm("weight")), "no gradient yet");
        assertTrue(Double.isNaN(snapshot.layer("0").outputGradientNorm()));
    }

    private static ActivationStats statsOf(Module activation, double... inputs) {
        return statsOf(LayerMonitor.of(new Sequential(activation)), inputs);
    }

    private static ActivationStats statsOf(LayerMonitor monitor, double... inputs) {
        try (var off = Autograd.noGrad()) {
            monitor.forward(Tensor.of(inputs, 1, inputs.length));
        }
        return monitor.snapshot().layer("0").output();
    }

    @Test
    void sigmoidIsSaturatedBelowFivePercentAndAboveNinetyFive() {
        ActivationStats stats = statsOf(new Sigmoid(), -10, -2, 0, 2, 10);   // σ: 0.00005 0.119 0.5 0.881 0.99995
        assertEquals(0.4, stats.saturatedFraction(), 1e-15);
        assertEquals(0.5, stats.mean(), 1e-12);
        assertEquals(0.3974725242271508, stats.standardDeviation(), 1e-12); // population, not unbiased
        assertEquals(5, stats.count());
        assertEquals(0.4, statsOf(new Sigmoid(), -2.95, -2.9, 0, 2.9, 2.95).saturatedFraction(), 1e-15,
                "σ(±2.95) is past 0.05 and 0.95; σ(±2.9) is not");
    }

    @Test
    void tanhIsSaturatedAboveNinetyFivePercentInMagnitude() {
        assertEquals(0.4, statsOf(new Tanh(), -3, -1, 0, 1, 2).saturatedFraction(), 1e-15);  // tanh(2) = 0.964
    }

    @Test
    void reluCountsDeadUnitsExactlyZero() {
        assertEquals(0.5, statsOf(new ReLU(), -1, 0, 0.5, 2).saturatedFraction(), 1e-15);
    }

    @Test
    void geluRuleReadsTheInputAndMatchesByName() {
        Module gelu = new Lambda("GELU", x -> x.mul(x.mul(1.702).sigmoid()));   // GELU's sigmoid approximation
        assertEquals(0.4, statsOf(gelu, -5, -3.5, -2, 0, 1).saturatedFraction(), 1e-15);
    }

    @Test
    void customRulesAddActivationsAndUnknownOnesAreNaN() {
        Module swish = new Lambda("Swish", x -> x.mul(x.sigmoid()));
        assertTrue(Double.isNaN(statsOf(swish, -6, -5, 0, 1).saturatedFraction()));
        LayerMonitor monitor = LayerMonitor.of(new Sequential(swish)).saturation("swish", (x, y) -> x < -4.5);
        assertEquals(0.5, statsOf(monitor, -6, -5, 0, 1).saturatedFraction(), 1e-15);
        LayerMonitor stricter = LayerMonitor.of(new Sequential(new Sigmoid())).saturation("Sigmoid",
                (x, y) -> y < 0.01 || y > 0.99);
        assertEquals(0.4, statsOf(stricter, -10, -4, 0, 4, 10).saturatedFraction(), 1e-15, "σ(±4) = 0.018, 0.982");
    }

    @Test
    void nestedSequentialsAreWalkedToTheirLeavesWithParameterPaths() {
        Random random = new Random(1);
        Sequential net = new Sequential(new Linear(2, 4, random), new Sequential(new Tanh(), new Linear(4, 1, random)));
        LayerMonitor monitor = LayerMonitor.of(net);
        assertEquals(List.of("0", "1.0", "1.1"), monitor.layerNames());
        monitor.forward(X).sum().backward();
        Snapshot snapshot = monitor.snapshot();
        assertEquals(List.of("weight", "bias"), List.copyOf(snapshot.layer("1.1").gradientNorms().keySet()));
        assertEquals(1, snapshot.layer("1.1").gradientNorm("bias"), 1e-12, "dL/db = 1 for a sum of one output");
        assertEquals(2, snapshot.parameterLayers().size());
        double total = Math.hypot(snapshot.layer("0").gradientNorm("weight"), snapshot.layer("0").gradientNorm("bias"));
        assertEquals(total, snapshot.layer("0").gradientNorm(), 1e-12);
    }

    @Test
    void aModelThatIsNotSequentialIsOneLayer() {
        Module model = new Linear(2, 1, new Random(3));
        LayerMonitor monitor = LayerMonitor.of(model);
        monitor.forward(X).sum().backward();
        LayerStats only = monitor.snapshot().layer("");
        assertEquals("Linear(in=2, out=1, bias=true)", only.module());
        assertEquals(Math.sqrt(5), only.gradientNorm("weight"), 1e-12);                     // dL/dW = x
    }

    @Test
    void probeEachEpochRecordsOneSnapshotPerEpochWithTheTrainer() {
        Random random = new Random(4);
        Tensor features = Tensor.randn(random, 40, 3);
        int[] labels = new int[40];
        double[] f = features.toArray();
        for (int i = 0; i < 40; i++) labels[i] = f[3 * i] > 0 ? 1 : 0;
        Dataset data = Dataset.ofLabels(features, labels);
        Sequential net = new Sequential(new Linear(3, 8, random), new Sigmoid(), new Linear(8, 2, random));
        LayerMonitor monitor = LayerMonitor.of(net);
        LossFunction loss = LossFunction.ofLabels(Losses::crossEntropy);
        Trainer.of(net, new SGD(net.parameters(), 0.5), loss)
                .listener(monitor.probeEachEpoch(data.all(), loss))
                .fit(DataLoader.of(data, 10), 3);
        List<Snapshot> history = monitor.history();
        assertEquals(3, history.size());
        for (Snapshot snapshot : history) {
            assertEquals(3, snapshot.layers().size());
            assertTrue(snapshot.layer("0").gradientNorm("weight") > 0, snapshot.toString());
            assertEquals(40 * 8, snapshot.layer("1").output().count());
        }
    }

    @Test
    void tablePrintsOneRowPerLayer() {
        Sequential net = handSet();
        LayerMonitor monitor = LayerMonitor.of(net);
        monitor.forward(X).sum().backward();
        String table = monitor.snapshot().toString();
        List<String> lines = table.lines().toList();
        assertEquals(4, lines.size(), table);
        assertTrue(lines.get(0).startsWith("layer") && lines.get(0).contains("saturated"), table);
        assertTrue(lines.get(1).contains("Linear(in=2, out=3, bias=false)") && lines.get(1).contains("weight 9.47e-01"),
                table);
        assertTrue(lines.get(2).contains("Sigmoid()") && lines.get(2).contains("0.0%") && lines.get(2).contains("0.5744"),
                table);
    }

    @Test
    void errorsNameWhatExists() {
        Snapshot snapshot = LayerMonitor.of(handSet()).snapshot();
        var missing = assertThrows(IllegalArgumentException.class, () -> snapshot.layer("7"));
        assertEquals("Snapshot.layer: no layer '7'; the layers are [0, 1, 2]", missing.getMessage());
        var noBias = assertThrows(IllegalArgumentException.class, () -> snapshot.layer("0").gradientNorm("bias"));
        assertEquals("LayerStats.gradientNorm: layer '0' (Linear(in=2, out=3, bias=false)) has no parameter 'bias'; "
                + "it has [weight]", noBias.getMessage());
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> ActivationStats.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4), SaturationRule.RELU));
        assertTrue(shapes.getMessage().contains("[2, 3] and [2, 4]"), shapes.getMessage());
    }

    @Test
    void namesNormaliseToLowerCaseLettersAndDigits() {
        assertEquals("gelu", SaturationRule.normalise("GELU(approximate=tanh)"));
        assertEquals("leakyrelu", SaturationRule.normalise("leaky_relu"));
        assertEquals("leakyrelu", SaturationRule.normalise("LeakyReLU()"));
    }

    @Test
    void sequenceLayersAreMonitoredThroughTheirOneTensorForm() {
        Sequential net = new Sequential(new Embedding(7, 4, new Random(0)),
                new TransformerEncoderLayer(4, 2, TransformerEncoderLayer.Options.of().withDimFeedforward(8)
                        .withDropout(0).withBatchFirst(true), new Random(1)), new Flatten(), new Linear(12, 2));
        LayerMonitor monitor = LayerMonitor.of(net);
        Tensor ids = Tensor.of(new double[] {1, 2, 3, 6, 5, 4}, 2, 3);
        Tensor logits = monitor.forward(ids);
        assertArrayEquals(net.forward(ids).toArray(), logits.toArray(), 0);
        Losses.crossEntropy(logits, new int[] {0, 1}).backward();
        Snapshot snapshot = monitor.snapshot();
        assertEquals(List.of("0", "1", "2", "3"), snapshot.layers().stream().map(LayerStats::name).toList());
        assertTrue(snapshot.layer("0").gradientNorm("weight") > 0);
        assertTrue(snapshot.layer("1").gradientNorm("self_attn.in_proj_weight") > 0);
        assertTrue(snapshot.layer("1").outputGradientNorm() > 0);
    }
}
