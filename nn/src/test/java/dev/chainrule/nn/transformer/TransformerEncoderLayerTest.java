package dev.chainrule.nn.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.norm.LayerNorm;
import dev.chainrule.nn.optim.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformerEncoderLayerTest {
    private static final TransformerEncoderLayer.Options SMALL = TransformerEncoderLayer.Options.of()
            .withDimFeedforward(6).withDropout(0).withBatchFirst(true);

    @Test
    void stateDictHasPyTorchsKeysInPyTorchsOrder() {
        var layer = new TransformerEncoderLayer(4, 2, SMALL, new Random(0));
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(layer.stateDict().keySet()));
    }

    @Test
    void aResearchersOwnActivationModuleRunsInsideTheFeedForwardBlock() {
        var swish = new TransformerEncoderLayer(4, 2, SMALL.withActivation(new Lambda("Swish",
                x -> x.mul(x.sigmoid()))), new Random(3));
        var silu = new TransformerEncoderLayer(4, 2, SMALL.withActivation("silu"), new Random(3));
        var relu = new TransformerEncoderLayer(4, 2, SMALL, new Random(3));
        Tensor x = Tensor.randn(new Random(1), 2, 3, 4);
        assertArrayEquals(silu.forward(x).toArray(), swish.forward(x).toArray(), 1e-14);
        assertNotEquals(relu.forward(x).sum().item(), swish.forward(x).sum().item());
        GradCheckThroughLayer.assertPasses(() -> new TransformerEncoderLayer(4, 2, SMALL.withActivation(
                new Lambda("Swish", x1 -> x1.mul(x1.sigmoid()))), new Random(3)), x);
    }

    @Test
    void preNormAndPostNormGradientsMatchFiniteDifferencesUnderACausalMask() {
        Tensor x = Tensor.randn(new Random(2), 2, 3, 4);
        for (boolean normFirst : new boolean[] {false, true}) {
            GradCheckThroughLayer.assertPasses(() -> new CausalBlock(new TransformerEncoderLayer(4, 2,
                    SMALL.withNormFirst(normFirst).withActivation("gelu"), new Random(5)), 3), x);
        }
    }

    /** A block under a causal mask as a one-tensor module. */
    private static final class CausalBlock extends dev.chainrule.nn.Module {
        private final TransformerEncoderLayer block;
        private final AttentionMask mask;

        CausalBlock(TransformerEncoderLayer block, int length) {
            this.block = registerModule("block", block);
            this.mask = AttentionMask.causal(length);
        }

        @Override
        public Tensor forward(Tensor x) {
            return block.forward(x, mask, null);
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndEvaluationIsDeterministic() {
        var layer = new TransformerEncoderLayer(4, 2, SMALL.withDropout(0.5), new Random(1));
        Tensor x = Tensor.randn(new Random(4), 2, 3, 4);
        assertNotEquals(layer.forward(x).sum().item(), layer.forward(x).sum().item());
        layer.eval();
        assertArrayEquals(layer.forward(x).toArray(), layer.forward(x).toArray());
    }

    @Test
    void theEncoderStacksIndependentCopiesUnderPyTorchsKeysAndAppliesTheFinalNorm() {
        var block = new TransformerEncoderLayer(4, 2, SMALL.withNormFirst(true), new Random(2));
        var encoder = new TransformerEncoder(block, 2, new LayerNorm(4), new Random(3));
        var keys = List.copyOf(encoder.stateDict().keySet());
        assertEquals("layers.0.self_attn.in_proj_weight", keys.get(0));
        assertEquals("layers.1.self_attn.in_proj_weight", keys.get(12));
        assertEquals(List.of("norm.weight", "norm.bias"), keys.subList(24, 26));
        Tensor w0 = encoder.layer(0).selfAttn().stateDict().get("in_proj_weight");
        Tensor w1 = encoder.layer(1).selfAttn().stateDict().get("in_proj_weight");
        assertArrayEquals(w0.toArray(), w1.toArray(), "copies start equal, as PyTorch's deepcopy");

        Tensor x = Tensor.randn(new Random(5), 2, 3, 4);
        Tensor y = encoder.forward(x);
        for (double mean : y.mean(2).toArray()) assertEquals(0, mean, 1e-12);
        y.mul(Tensor.randn(new Random(6), y.shape())).sum().backward();       // (a plain sum of a normed output is constant)
        new SGD(encoder.parameters(), 0.1).step();
        assertNotEquals(w0.sum().item(), w1.sum().item(), "and are trained apart");
        assertEquals(2, encoder.numLayers());
        assertArrayEquals(y.shape(), new Sequential(encoder).forward(x).shape());
    }

    @Test
    void aStateDictWithMissingOrMisshapenKeysIsRefusedListingThemAndLoadsNothing() {
        var layer = new TransformerEncoderLayer(4, 2, SMALL, new Random(0));
        var state = new java.util.LinkedHashMap<>(new TransformerEncoderLayer(4, 2, SMALL, new Random(1)).stateDict());
        state.remove("self_attn.in_proj_bias");
        state.put("linear1.weight", Tensor.zeros(4, 6));
        double before = layer.stateDict().get("norm1.weight").sum().item() + layer.selfAttn().outProj().weight()
                .sum().item();
        var e = assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(state));
        assertEquals("loadStateDict: missing [self_attn.in_proj_bias], unexpected []; parameter linear1.weight has "
                + "shape [4, 6] but the module expects [6, 4]", e.getMessage());
        assertEquals(before, layer.stateDict().get("norm1.weight").sum().item() + layer.selfAttn().outProj().weight()
                .sum().item());
    }

    @Test
    void badInputsAndOptionsAreRefusedNamingTheLayer() {
        var layer = new TransformerEncoderLayer(4, 2, SMALL, new Random(0));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(2, 3, 5)));
        assertTrue(e.getMessage().contains("query has shape [2, 3, 5]"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(5, 2, SMALL,
                new Random(0))).getMessage().contains("embedDim 5 must be divisible by numHeads 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SMALL.withDimFeedforward(0)).getMessage()
                .contains("dimFeedforward must be positive, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SMALL.withActivation("nope")).getMessage()
                .contains("unknown activation 'nope'"));
        assertThrows(IllegalArgumentException.class, () -> new TransformerEncoder(layer, 0, new Random(0)));
    }
}
