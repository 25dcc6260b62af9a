package dev.chainrule.examples;

import static dev.chainrule.examples.NameData.VOCABULARY;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Tanh;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.norm.LayerNorm;
import dev.chainrule.nn.recurrent.LSTM;
import dev.chainrule.nn.transformer.AttentionMask;
import dev.chainrule.nn.transformer.MultiheadAttention;
import dev.chainrule.nn.transformer.TransformerEncoder;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The character-level language models of the {@code names} example. Each is a module that reads tokens
 * {@code [N, T]} (see {@link NameData}) and returns logits {@code [N, T, 27]}: position t scores the token that
 * follows, from tokens {@code 0..t} only, so one forward pass scores a whole name and sampling feeds a prefix and
 * reads its last position. They differ in how much of the prefix they see: one token, three, or all of it.
 */
final class NameModels {
    private NameModels() {}

    /**
     * Counts of which token follows which, add-one smoothed: {@code P(b | a) = (count(a b) + 1) / (count(a) + 27)}.
     * The table of log-probabilities is a frozen {@link Embedding}, so looking up the previous token gives the scores
     * of the next one (a log-probability row is its own log-softmax). It has nothing to train: counting is its
     * maximum-likelihood fit.
     */
    static final class Bigram extends Module {
        private final Embedding logProbabilities;

        private Bigram(Tensor table) {
            this.logProbabilities = registerModule("log_probabilities", Embedding.fromPretrained(table));
        }

        /** The table counted over {@code names}, each one framed by the boundary token. */
        static Bigram count(List<String> names) {
            double[] counts = new double[VOCABULARY * VOCABULARY];
            Arrays.fill(counts, 1);
            for (String name : names) {
                int previous = 0;
                for (char c : (name + NameData.BOUNDARY).toCharArray()) {
                    int next = NameData.token(c);
                    counts[previous * VOCABULARY + next]++;
                    previous = next;
                }
            }
            Tensor table = Tensor.of(counts, VOCABULARY, VOCABULARY);
            return new Bigram(table.div(table.sum(1, true)).log());
        }

        @Override
        public Tensor forward(Tensor tokens) {
            return logProbabilities.forward(tokens);
        }
    }

    /**
     * Bengio et al. (2003): the last {@value #CONTEXT} tokens, each embedded in {@code dim} numbers, concatenated and
     * read by one tanh hidden layer: {@code Embedding(27, dim) → Flatten → Linear(3·dim, hidden) → tanh →
     * Linear(hidden, 27)}. Before the start of a name the context is the boundary token.
     */
    static final class ContextMlp extends Module {
        /** The tokens the network sees before each prediction. */
        static final int CONTEXT = 3;
        private final Sequential network;

        ContextMlp(int dim, int hidden, Random random) {
            this.network = registerModule("network", new Sequential(new Embedding(VOCABULARY, dim, random),
                    new Flatten(), new Linear(CONTEXT * dim, hidden, true, random), new Tanh(),
                    new Linear(hidden, VOCABULARY, true, random)));
        }

        @Override
        public Tensor forward(Tensor tokens) {
            int n = tokens.size(0);
            int length = tokens.size(1);
            return network.forward(windows(tokens)).reshape(n, length, VOCABULARY);
        }

        /** {@code [N·T, 3]}: for each position, the tokens at {@code t−2, t−1, t} (0 before the start). */
        private static Tensor windows(Tensor tokens) {
            double[] values = tokens.toArray();
            int length = tokens.size(1);
            double[] windows = new double[values.length * CONTEXT];
            for (int position = 0; position < values.length; position++) {
                int t = position % length;
                for (int k = 0; k < CONTEXT; k++) {
                    int from = t - (CONTEXT - 1 - k);
                    windows[position * CONTEXT + k] = from < 0 ? 0 : values[position - t + from];
                }
            }
            return Tensor.of(windows, values.length, CONTEXT);
        }
    }

    /**
     * Tokens embedded in {@code dim} numbers, read in order by an {@link LSTM} of {@code hidden} units whose state
     * carries the prefix so far, and a linear head from each step's output to 27 scores. Batch-first.
     */
    static final class Lstm extends Module {
        private final Embedding tokens;
        private final LSTM lstm;
        private final Linear head;

        Lstm(int dim, int hidden, Random random) {
            this.tokens = registerModule("tokens", new Embedding(VOCABULARY, dim, random));
            this.lstm = registerModule("lstm", new LSTM(dim, hidden, LSTM.Options.of().withBatchFirst(true), random));
            this.head = registerModule("head", new Linear(hidden, VOCABULARY, true, random));
        }

        @Override
        public Tensor forward(Tensor ids) {
            return head.forward(lstm.forward(tokens.forward(ids)));
        }
    }

    /**
     * A small causal transformer (the shape of Karpathy's nanoGPT): token and position embeddings, summed, then
     * {@code layers} pre-norm blocks of {@code heads}-head self-attention and a GELU feed-forward block of
     * {@code 4·dModel}, where each position attends to itself and the positions before it
     * ({@link AttentionMask#causal}), a final {@link LayerNorm} and a linear head to 27 scores. Batch-first.
     */
    static final class TinyGpt extends Module {
        private final Embedding tokens;
        private final Embedding positions;
        private final TransformerEncoder encoder;
        private final Linear head;

        TinyGpt(int context, int dModel, int heads, int layers, double dropout, Random random) {
            this.tokens = registerModule("tokens", new Embedding(VOCABULARY, dModel, random));
            this.positions = registerModule("positions", new Embedding(context, dModel, random));
            var block = new TransformerEncoderLayer(dModel, heads, TransformerEncoderLayer.Options.of()
                    .withDimFeedforward(4 * dModel).withActivation("gelu").withNormFirst(true).withBatchFirst(true)
                    .withDropout(dropout), random);
            this.encoder = registerModule("encoder", new TransformerEncoder(block, layers, new LayerNorm(dModel),
                    random));
            this.head = registerModule("head", new Linear(dModel, VOCABULARY, true, random));
        }

        @Override
        public Tensor forward(Tensor tokens) {
            int length = tokens.size(1);
            return head.forward(encoder.forward(embed(tokens), AttentionMask.causal(length), null));
        }

        private Tensor embed(Tensor tokens) {
            return this.tokens.forward(tokens).add(positions.forward(Tensor.arange(tokens.size(1))));
        }

        /**
         * The attention weights of every block for {@code tokens} ({@code [1, T]}), averaged over the heads: one
         * {@code [T, T]} tensor per block, row i the weights query i gives keys 0..i. Each block's attention is run
         * again on that block's input after its first norm, as the block itself runs it.
         */
        List<Tensor> attentionWeights(Tensor tokens) {
            AttentionMask causal = AttentionMask.causal(tokens.size(1));
            var masks = MultiheadAttention.Masks.none().withAttnMask(causal);
            List<Tensor> weights = new ArrayList<>();
            Tensor x = embed(tokens);
            for (int i = 0; i < encoder.numLayers(); i++) {
                TransformerEncoderLayer block = encoder.layer(i);
                Tensor normed = block.norm1().forward(x);
                weights.add(block.selfAttn().forward(normed, normed, normed, masks).weights().squeeze(0));
                x = block.forward(x, causal, null);
            }
            return weights;
        }
    }
}
