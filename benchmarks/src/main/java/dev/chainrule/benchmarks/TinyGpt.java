package dev.chainrule.benchmarks;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.norm.LayerNorm;
import dev.chainrule.nn.transformer.AttentionMask;
import dev.chainrule.nn.transformer.TransformerEncoder;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import java.util.Random;

/**
 * The {@code TinyGpt} of {@code torch_layers_reference.py}: a character transformer with token and position
 * embeddings (vocabulary 64, context 32, d_model 64), two pre-norm GELU encoder blocks of 4 heads and feed-forward
 * size 256 under a causal mask, a final LayerNorm and a linear head over the vocabulary.
 */
final class TinyGpt extends Module {
    static final int VOCABULARY = 64;
    static final int CONTEXT = 32;
    private static final int WIDTH = 64;

    private final Embedding tok;
    private final Embedding pos;
    private final TransformerEncoder blocks;
    private final LayerNorm norm;
    private final Linear head;
    private final AttentionMask causal = AttentionMask.causal(CONTEXT);
    private final Tensor positions = Tensor.arange(CONTEXT);

    TinyGpt(Random random) {
        tok = registerModule("tok", new Embedding(VOCABULARY, WIDTH, random));
        pos = registerModule("pos", new Embedding(CONTEXT, WIDTH, random));
        var block = new TransformerEncoderLayer(WIDTH, 4, TransformerEncoderLayer.Options.of().withDimFeedforward(256)
                .withDropout(0).withActivation("gelu").withBatchFirst(true).withNormFirst(true), random);
        blocks = registerModule("blocks", new TransformerEncoder(block, 2, random));
        norm = registerModule("norm", new LayerNorm(WIDTH));
        head = registerModule("head", new Linear(WIDTH, VOCABULARY, true, random));
        Init.layerDefault(head.weight(), head.bias(), random);
    }

    /** Token ids {@code [N, 32]} to next-token logits {@code [N, 32, 64]}. */
    @Override
    public Tensor forward(Tensor ids) {
        Tensor h = tok.forward(ids).add(pos.forward(positions));
        return head.forward(norm.forward(blocks.forward(h, causal, null)));
    }
}
