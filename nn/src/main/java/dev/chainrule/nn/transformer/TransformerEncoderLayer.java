package dev.chainrule.nn.transformer;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activations;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.norm.LayerNorm;
import java.util.Objects;
import java.util.Random;

/**
 * One transformer encoder block, PyTorch's {@code nn.TransformerEncoderLayer}: self-attention and a feed-forward
 * block ({@code linear2(dropout(activation(linear1(x))))}), each with a residual connection and a layer norm. Post-norm
 * (the default, as the original paper): {@code x = norm1(x + sa(x)); x = norm2(x + ff(x))}. Pre-norm
 * ({@code normFirst}): {@code x = x + sa(norm1(x)); x = x + ff(norm2(x))}.
 *
 * <p>The activation is any element-wise module: {@code "relu"} (the default) and {@code "gelu"} as PyTorch's, any
 * name {@link Activations#byName} knows, or a module of your own (a researcher's new activation inside a transformer).
 * Sub-modules and state_dict keys are PyTorch's: {@code self_attn.*}, {@code linear1.*}, {@code linear2.*},
 * {@code norm1.*}, {@code norm2.*}; the dropouts and the activation hold no state. Initialisation as PyTorch's
 * (see {@link MultiheadAttention}; the linear layers PyTorch's default), drawn from one {@code Random} that then
 * draws the dropout masks.
 *
 * <pre>{@code
 * var block = new TransformerEncoderLayer(64, 4, TransformerEncoderLayer.Options.of().withDimFeedforward(256)
 *         .withActivation("gelu").withNormFirst(true).withBatchFirst(true).withDropout(0), new Random(0));
 * block.forward(x, AttentionMask.causal(32), null);        // x [N, 32, 64]
 * }</pre>
 */
public final class TransformerEncoderLayer extends Module {
    /**
     * The optional arguments, PyTorch's defaults: {@code dimFeedforward} 2048, {@code dropout} 0.1, activation ReLU,
     * {@code layerNormEps} 1e-5, {@code batchFirst} false, {@code normFirst} false.
     *
     * @param dimFeedforward the hidden size of the feed-forward block, positive
     * @param dropout        the drop probability after attention, inside and after the feed-forward block, in [0, 1)
     * @param activation     the element-wise activation module of the feed-forward block
     * @param layerNormEps   the layer norms' eps, positive
     * @param batchFirst     whether inputs are {@code [N, L, E]} rather than {@code [L, N, E]}
     * @param normFirst      pre-norm (true) or post-norm (false)
     */
    public record Options(int dimFeedforward, double dropout, Module activation, double layerNormEps,
                          boolean batchFirst, boolean normFirst) {
        /** Validates the settings. */
        public Options {
            Objects.requireNonNull(activation, "TransformerEncoderLayer.Options: activation");
            if (dimFeedforward <= 0) {
                throw new IllegalArgumentException("TransformerEncoderLayer.Options: dimFeedforward must be positive, "
                        + "got " + dimFeedforward);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("TransformerEncoderLayer.Options: dropout must be in [0, 1), got "
                        + dropout);
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(2048, 0.1, new ReLU(), 1e-5, false, false);
        }

        /** These options with a feed-forward block of {@code dimFeedforward} hidden units. */
        public Options withDimFeedforward(int dimFeedforward) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        /** These options with dropout probability {@code dropout}. */
        public Options withDropout(double dropout) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        /** These options with the activation called {@code name} ({@code "relu"}, {@code "gelu"}, ...). */
        public Options withActivation(String name) {
            return withActivation(Activations.byName(name));
        }

        /** These options with {@code activation}, an element-wise module. */
        public Options withActivation(Module activation) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        /** These options with the layer norms' {@code eps}. */
        public Options withLayerNormEps(double layerNormEps) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        /** These options with batch-first inputs. */
        public Options withBatchFirst(boolean batchFirst) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }

        /** These options with pre-norm ({@code true}) or post-norm blocks. */
        public Options withNormFirst(boolean normFirst) {
            return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
        }
    }

    private final int dModel;
    private final int nhead;
    private final Options options;
    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Module activation;

    /** A block with PyTorch's defaults, initialised from {@code random}. */
    public TransformerEncoderLayer(int dModel, int nhead, Random random) {
        this(dModel, nhead, Options.of(), random);
    }

    /**
     * A block with {@code options}, initialised from {@code random}.
     *
     * @throws IllegalArgumentException when {@code dModel} is not divisible by {@code nhead}
     */
    public TransformerEncoderLayer(int dModel, int nhead, Options options, Random random) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.options = options;
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, MultiheadAttention.Options.of()
                .withDropout(options.dropout()).withBatchFirst(options.batchFirst()), random));
        this.linear1 = registerModule("linear1", linear(dModel, options.dimFeedforward(), random));
        this.dropout = registerModule("dropout", new Dropout(options.dropout(), random));
        this.linear2 = registerModule("linear2", linear(options.dimFeedforward(), dModel, random));
        var norm = LayerNorm.Options.of().withEps(options.layerNormEps());
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, norm));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, norm));
        this.dropout1 = registerModule("dropout1", new Dropout(options.dropout(), random));
        this.dropout2 = registerModule("dropout2", new Dropout(options.dropout(), random));
        this.activation = registerModule("activation", options.activation());
    }

    private static Linear linear(int in, int out, Random random) {
        Linear layer = new Linear(in, out, true, random);
        Init.layerDefault(layer.weight(), layer.bias(), random);
        return layer;
    }

    /** The block without masks. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * The block over {@code src} with an attention mask ({@code [L, L]}, e.g. {@link AttentionMask#causal}) and a key
     * padding mask ({@code [N, L]}); either may be null.
     *
     * @throws IllegalArgumentException naming the layer when the input or a mask has the wrong shape
     */
    public Tensor forward(Tensor src, AttentionMask srcMask, AttentionMask srcKeyPaddingMask) {
        var masks = new MultiheadAttention.Masks(srcMask, srcKeyPaddingMask);
        Tensor x = src;
        if (options.normFirst()) {
            x = x.add(selfAttention(norm1.forward(x), masks));
            return x.add(feedForward(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttention(x, masks)));
        return norm2.forward(x.add(feedForward(x)));
    }

    private Tensor selfAttention(Tensor x, MultiheadAttention.Masks masks) {
        return dropout1.forward(selfAttn.forward(x, x, x, masks).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(activation.forward(linear1.forward(x)))));
    }

    /**
     * A new block with these options and a copy of this one's parameters, as PyTorch's {@code deepcopy} in
     * {@code TransformerEncoder}. The activation module is shared (activations hold no state).
     */
    public TransformerEncoderLayer copy(Random random) {
        var copy = new TransformerEncoderLayer(dModel, nhead, options, random);
        copy.loadStateDict(stateDict());
        return copy;
    }

    /** The self-attention sub-module. */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    /** The norm before (pre-norm) or after (post-norm) the self-attention block. */
    public LayerNorm norm1() {
        return norm1;
    }

    /** The norm before (pre-norm) or after (post-norm) the feed-forward block. */
    public LayerNorm norm2() {
        return norm2;
    }

    /** Whether the norms come first in each block (pre-norm). */
    public boolean isNormFirst() {
        return options.normFirst();
    }

    @Override
    protected String describe() {
        return "TransformerEncoderLayer(dModel=" + dModel + ", nhead=" + nhead + ", normFirst=" + options.normFirst()
                + ")";
    }
}
