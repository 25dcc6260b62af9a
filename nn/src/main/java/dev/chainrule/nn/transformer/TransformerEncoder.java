package dev.chainrule.nn.transformer;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ModuleList;
import java.util.Random;

/**
 * A stack of {@code numLayers} encoder blocks and an optional final norm, PyTorch's {@code nn.TransformerEncoder}:
 * the blocks start as copies of one given block (PyTorch deep-copies it), under the keys {@code layers.0.*},
 * {@code layers.1.*}, ... and {@code norm.*}. The masks go to every block.
 *
 * <pre>{@code
 * var encoder = new TransformerEncoder(block, 2, new LayerNorm(64), new Random(1));
 * encoder.forward(x, AttentionMask.causal(32), null);
 * }</pre>
 */
public final class TransformerEncoder extends Module {
    private final ModuleList<TransformerEncoderLayer> layers = registerModule("layers", new ModuleList<>());
    private final Module norm;

    /**
     * {@code numLayers} copies of {@code layer} (its parameters copied; {@code random} draws their dropout masks)
     * followed by {@code norm} (null for none).
     *
     * @throws IllegalArgumentException when numLayers is not positive
     */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers, Module norm, Random random) {
        if (numLayers <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: numLayers must be positive, got " + numLayers);
        }
        for (int i = 0; i < numLayers; i++) layers.add(layer.copy(random));
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    /** A stack without a final norm; see {@link #TransformerEncoder(TransformerEncoderLayer, int, Module, Random)}. */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers, Random random) {
        this(layer, numLayers, null, random);
    }

    /** The stack without masks. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /** The stack over {@code src}, every block under {@code mask} and {@code srcKeyPaddingMask} (either may be null). */
    public Tensor forward(Tensor src, AttentionMask mask, AttentionMask srcKeyPaddingMask) {
        Tensor x = src;
        for (TransformerEncoderLayer layer : layers) x = layer.forward(x, mask, srcKeyPaddingMask);
        return norm == null ? x : norm.forward(x);
    }

    /** The block at {@code index}. */
    public TransformerEncoderLayer layer(int index) {
        return layers.get(index);
    }

    /** The number of blocks. */
    public int numLayers() {
        return layers.size();
    }
}
