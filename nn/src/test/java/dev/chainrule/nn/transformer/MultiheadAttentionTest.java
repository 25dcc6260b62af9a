package dev.chainrule.nn.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MultiheadAttentionTest {
    private static final MultiheadAttention.Options BATCH_FIRST = MultiheadAttention.Options.of().withBatchFirst(true);

    private static MultiheadAttention attention(int embedDim, int heads, long seed) {
        return new MultiheadAttention(embedDim, heads, BATCH_FIRST, new Random(seed));
    }

    @Test
    void stateDictHasPyTorchsKeysInPyTorchsOrder() {
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                List.copyOf(attention(8, 2, 0).stateDict().keySet()));
        var noBias = new MultiheadAttention(8, 2, MultiheadAttention.Options.of().withBias(false), new Random(0));
        assertEquals(List.of("in_proj_weight", "out_proj.weight"), List.copyOf(noBias.stateDict().keySet()));
    }

    @Test
    void initialisationIsPyTorchsAndReproducibleFromTheSeed() {
        var layer = attention(8, 2, 3);
        assertEquals(0, layer.stateDict().get("in_proj_bias").abs().sum().item());
        assertEquals(0, layer.stateDict().get("out_proj.bias").abs().sum().item());
        double xavier = Math.sqrt(6.0 / (8 + 24));
        assertTrue(layer.stateDict().get("in_proj_weight").abs().max().item() <= xavier);
        assertTrue(layer.outProj().weight().abs().max().item() <= 1 / Math.sqrt(8));
        assertArrayEquals(layer.stateDict().get("in_proj_weight").toArray(),
                attention(8, 2, 3).stateDict().get("in_proj_weight").toArray());
    }

    @Test
    void selfAttentionFitsInSequentialAndEqualsTheThreeInputForm() {
        var layer = attention(6, 3, 1);
        Tensor x = Tensor.randn(new Random(2), 2, 4, 6);
        var result = layer.forward(x, x, x);
        assertArrayEquals(result.output().toArray(), new Sequential(layer).forward(x).toArray(), 1e-15);
        assertArrayEquals(new int[] {2, 4, 4}, result.weights().shape());
        for (double rowSum : result.weights().sum(2).toArray()) assertEquals(1, rowSum, 1e-12);
    }

    @Test
    void sequenceFirstAndUnbatchedLayoutsGiveTheBatchFirstNumbers() {
        var batchFirst = attention(4, 2, 5);
        var sequenceFirst = new MultiheadAttention(4, 2, new Random(5));
        Tensor x = Tensor.randn(new Random(6), 2, 3, 4);
        Tensor expected = batchFirst.forward(x);
        assertArrayEquals(expected.toArray(), sequenceFirst.forward(x.transpose(0, 1)).transpose(0, 1).toArray(), 1e-14);
        Tensor first = x.slice(0, 0, 1).squeeze(0);
        assertArrayEquals(expected.slice(0, 0, 1).toArray(), batchFirst.forward(first).toArray(), 1e-14);
    }

    @Test
    void aCausalMaskGivesZeroWeightToLaterKeysAndLaterTokensCannotChangeEarlierOutputs() {
        var layer = attention(4, 2, 2);
        Tensor x = Tensor.randn(new Random(3), 1, 5, 4);
        var masks = MultiheadAttention.Masks.none().withAttnMask(AttentionMask.causal(5));
        var result = layer.forward(x, x, x, masks);
        for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) assertEquals(0.0, result.weights().get(0, i, j));
        Tensor changedLast = Tensor.concat(1, x.slice(1, 0, 4), Tensor.randn(new Random(4), 1, 1, 4));
        Tensor again = layer.forward(changedLast, changedLast, changedLast, masks).output();
        assertArrayEquals(result.output().slice(1, 0, 4).toArray(), again.slice(1, 0, 4).toArray(), 1e-14);
    }

    @Test
    void anAdditiveMaskEqualsTheBooleanMaskWhereItIsMinusInfinity() {
        var layer = attention(4, 2, 2);
        Tensor x = Tensor.randn(new Random(3), 2, 5, 4);
        double[] additive = new double[25];
        for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) additive[i * 5 + j] = Double.NEGATIVE_INFINITY;
        var viaBoolean = layer.forward(x, x, x, MultiheadAttention.Masks.none().withAttnMask(AttentionMask.causal(5)));
        var viaAdditive = layer.forward(x, x, x,
                MultiheadAttention.Masks.none().withAttnMask(AttentionMask.ofAdditive(Tensor.of(additive, 5, 5))));
        assertArrayEquals(viaBoolean.output().toArray(), viaAdditive.output().toArray(), 1e-15);
    }

    @Test
    void aQueryWithEveryKeyMaskedGetsZeroWeightsAndFiniteGradientsNotNaN() {
        var layer = attention(4, 2, 4);
        Tensor q = Tensor.randn(new Random(5), 2, 3, 4).requiresGrad(true);
        Tensor kv = Tensor.randn(new Random(6), 2, 4, 4).requiresGrad(true);
        Tensor padding = Tensor.of(new double[] {1, 1, 1, 1, 0, 1, 0, 0}, 2, 4);     // sample 0: every key is padding
        var result = layer.forward(q, kv, kv, MultiheadAttention.Masks.none()
                .withKeyPaddingMask(AttentionMask.ofBoolean(padding)));
        assertEquals(0, result.weights().slice(0, 0, 1).abs().sum().item());
        Tensor bias = layer.outProj().bias();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(bias.toArray(), result.output().slice(0, 0, 1).slice(1, i, i + 1).toArray(), 1e-15,
                    "a query that attends to nothing gets the projection of zeros");
        }
        assertEquals(0, result.weights().get(1, 0, 1));
        result.output().sum().backward();
        for (Tensor g : List.of(q.grad(), kv.grad(), layer.stateDict().get("in_proj_weight").grad())) {
            for (double v : g.toArray()) assertTrue(Double.isFinite(v), "gradient " + v);
        }
    }

    @Test
    void dropoutActsOnTheWeightsInTrainingOnlyAndIsReproducibleFromTheSeed() {
        var options = BATCH_FIRST.withDropout(0.5);
        Tensor x = Tensor.randn(new Random(7), 2, 6, 4);
        var layer = new MultiheadAttention(4, 2, options, new Random(9));
        Tensor trained = layer.forward(x, x, x).weights();
        assertArrayEquals(trained.toArray(), new MultiheadAttention(4, 2, options, new Random(9)).forward(x, x, x)
                .weights().toArray());
        layer.eval();
        Tensor evaluated = layer.forward(x, x, x).weights();
        assertNotEquals(trained.sum().item(), evaluated.sum().item(), 1e-9);
        for (double rowSum : evaluated.sum(2).toArray()) assertEquals(1, rowSum, 1e-12);
    }

    /** Random small shapes and masks, rows masked everywhere included: autograd agrees with finite differences. */
    @Property(tries = 40, seed = "20261203")
    void gradientsOfQueryKeyValueAndParametersMatchFiniteDifferences(@ForAll Random random) {
        int heads = 1 + random.nextInt(2);
        int embed = heads * (1 + random.nextInt(2));
        int n = 1 + random.nextInt(2);
        int queries = 1 + random.nextInt(3);
        int keys = 1 + random.nextInt(3);
        Tensor q = Tensor.randn(random, n, queries, embed).requiresGrad(true);
        Tensor k = Tensor.randn(random, n, keys, embed).requiresGrad(true);
        Tensor v = Tensor.randn(random, n, keys, embed).requiresGrad(true);
        var masks = randomMasks(random, queries, keys);
        var layer = new MultiheadAttention(embed, heads, BATCH_FIRST, new Random(random.nextLong()));
        GradCheck.assertPasses(xs -> layer.forward(xs[0], xs[1], xs[2], masks).output(), q, k, v);
        GradCheck.assertPasses(xs -> layer.forward(xs[0], xs[1], xs[2], masks).weights(), q, k, v);
        long seed = random.nextLong();
        var selfMasks = randomMasks(random, keys, keys);
        GradCheckThroughLayer.assertPasses(() -> new MaskedSelfAttention(embed, heads, selfMasks, seed), k.detach());
    }

    /** A boolean mask (a third of the keys blocked, so some rows are blocked everywhere) or an additive one. */
    private static MultiheadAttention.Masks randomMasks(Random random, int queries, int keys) {
        double[] values = new double[queries * keys];
        boolean additive = random.nextBoolean();
        for (int i = 0; i < values.length; i++) {
            values[i] = additive ? random.nextGaussian() : random.nextInt(3) == 0 ? 1 : 0;
        }
        Tensor mask = Tensor.of(values, queries, keys);
        return MultiheadAttention.Masks.none().withAttnMask(additive ? AttentionMask.ofAdditive(mask)
                : AttentionMask.ofBoolean(mask));
    }

    /** Self-attention under fixed masks as a one-tensor module, to check the parameters' gradients. */
    private static final class MaskedSelfAttention extends Module {
        private final MultiheadAttention attention;
        private final MultiheadAttention.Masks masks;

        MaskedSelfAttention(int embed, int heads, MultiheadAttention.Masks masks, long seed) {
            this.attention = registerModule("attention", new MultiheadAttention(embed, heads, BATCH_FIRST,
                    new Random(seed)));
            this.masks = masks;
        }

        @Override
        public Tensor forward(Tensor x) {
            return attention.forward(x, x, x, masks).output();
        }
    }

    @Test
    void badSizesInputsAndMasksAreRefusedNamingTheLayerAndTheShapes() {
        assertEquals("MultiheadAttention: embedDim 10 must be divisible by numHeads 3 (both positive)",
                assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3, new Random(0)))
                        .getMessage());
        var layer = attention(4, 2, 0);
        Tensor x = Tensor.zeros(2, 3, 4);
        assertEquals("MultiheadAttention(embedDim=4, numHeads=2): query has shape [2, 3, 5]; expected [N, L, 4] or "
                + "unbatched [L, 4], the query, key and value of one rank", message(() -> layer.forward(
                Tensor.zeros(2, 3, 5))));
        assertTrue(message(() -> layer.forward(Tensor.zeros(4))).contains("query has shape [4]"));
        assertEquals("MultiheadAttention(embedDim=4, numHeads=2): key [2, 3, 4] and value [2, 2, 4] differ in length",
                message(() -> layer.forward(x, x, Tensor.zeros(2, 2, 4))));
        assertTrue(message(() -> layer.forward(x, Tensor.zeros(1, 3, 4), Tensor.zeros(1, 3, 4)))
                .contains("differ in batch size"));
        assertEquals("MultiheadAttention(embedDim=4, numHeads=2): attnMask has shape [3, 4]; expected [3, 3] (L, S) "
                + "or [4, 3, 3] (N·numHeads, L, S)", message(() -> layer.forward(x, x, x, MultiheadAttention.Masks
                .none().withAttnMask(AttentionMask.ofBoolean(Tensor.zeros(3, 4))))));
        assertEquals("MultiheadAttention(embedDim=4, numHeads=2): keyPaddingMask has shape [3]; expected [2, 3] (N, S)",
                message(() -> layer.forward(x, x, x, MultiheadAttention.Masks.none()
                        .withKeyPaddingMask(AttentionMask.ofBoolean(Tensor.zeros(3))))));
        assertTrue(message(() -> AttentionMask.ofBoolean(Tensor.of(new double[] {0, 2})))
                .startsWith("AttentionMask.ofBoolean: values must be 0 or 1 (1 = may not attend), found 2.0"));
        assertTrue(message(() -> AttentionMask.ofAdditive(Tensor.of(new double[] {0, Double.NaN})))
                .startsWith("AttentionMask.ofAdditive: found NaN at flat index 1"));
        assertTrue(message(() -> MultiheadAttention.Options.of().withDropout(1)).contains("dropout must be in [0, 1)"));
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }
}
