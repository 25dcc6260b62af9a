package dev.chainrule.nn.transformer;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;
import java.util.Random;

/**
 * Multi-head scaled dot-product attention, PyTorch's {@code nn.MultiheadAttention}: the query, key and value are
 * projected by {@code in_proj_weight} ({@code [3E, E]}, rows q, k, v) and {@code in_proj_bias}, split into
 * {@code numHeads} heads of size {@code d = E / numHeads}, and each head computes
 * {@code softmax(q·kᵀ/√d + mask)·v}; the heads are joined and projected by {@code out_proj}. In training, dropout
 * (if any) acts on the attention weights.
 *
 * <p>Several inputs and outputs, the Java way: {@link #forward(Tensor, Tensor, Tensor, Masks)} takes the query, key,
 * value and optional masks and returns an {@link Output} of the attention output and the weights averaged over the
 * heads ({@code [N, L, S]}); {@link #forward(Tensor)} is self-attention without masks, returning the output alone,
 * so the layer fits in a {@link dev.chainrule.nn.Sequential}. Shapes as PyTorch's: {@code [L, N, E]}, or
 * {@code [N, L, E]} with {@code batchFirst}; an unbatched {@code [L, E]} works too. Keys and values may have another
 * length S than the queries.
 *
 * <p>Init as PyTorch's: {@code in_proj_weight} Xavier-uniform, {@code in_proj_bias} and {@code out_proj.bias} zero,
 * {@code out_proj.weight} PyTorch's linear default. State: {@code in_proj_weight}, {@code in_proj_bias},
 * {@code out_proj.weight}, {@code out_proj.bias}. Not supported: {@code kdim}/{@code vdim} other than E,
 * {@code add_bias_kv}, {@code add_zero_attn}.
 *
 * <pre>{@code
 * var attention = new MultiheadAttention(64, 4, MultiheadAttention.Options.of().withBatchFirst(true), new Random(0));
 * var result = attention.forward(x, x, x, MultiheadAttention.Masks.none().withAttnMask(AttentionMask.causal(32)));
 * result.output().shape();    // [N, 32, 64]
 * result.weights().shape();   // [N, 32, 32]
 * }</pre>
 */
public final class MultiheadAttention extends Module {
    /**
     * The optional arguments, PyTorch's defaults: {@code bias} true, {@code dropout} 0, {@code batchFirst} false.
     *
     * @param bias       whether the projections have biases
     * @param dropout    the drop probability of the attention weights in training, in [0, 1)
     * @param batchFirst whether inputs are {@code [N, L, E]} rather than {@code [L, N, E]}
     */
    public record Options(boolean bias, double dropout, boolean batchFirst) {
        /** Validates the settings. */
        public Options {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("MultiheadAttention.Options: dropout must be in [0, 1), got "
                        + dropout);
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(true, 0.0, false);
        }

        /** These options with or without biases. */
        public Options withBias(boolean bias) {
            return new Options(bias, dropout, batchFirst);
        }

        /** These options with dropout probability {@code dropout} on the attention weights. */
        public Options withDropout(double dropout) {
            return new Options(bias, dropout, batchFirst);
        }

        /** These options with batch-first ({@code [N, L, E]}) inputs and outputs. */
        public Options withBatchFirst(boolean batchFirst) {
            return new Options(bias, dropout, batchFirst);
        }
    }

    /**
     * The masks of one call, either may be null: {@code attnMask} of shape {@code [L, S]} (or
     * {@code [N·numHeads, L, S]}) and {@code keyPaddingMask} of shape {@code [N, S]} (or {@code [S]} unbatched).
     */
    public record Masks(AttentionMask attnMask, AttentionMask keyPaddingMask) {
        /** No masks. */
        public static Masks none() {
            return new Masks(null, null);
        }

        /** These masks with {@code attnMask}. */
        public Masks withAttnMask(AttentionMask attnMask) {
            return new Masks(attnMask, keyPaddingMask);
        }

        /** These masks with {@code keyPaddingMask}. */
        public Masks withKeyPaddingMask(AttentionMask keyPaddingMask) {
            return new Masks(attnMask, keyPaddingMask);
        }
    }

    /**
     * What attention returns: the output, shaped as the query, and the attention weights averaged over the heads,
     * {@code [N, L, S]} ({@code [L, S]} unbatched), after dropout as PyTorch's.
     */
    public record Output(Tensor output, Tensor weights) {}

    private final int embedDim;
    private final int numHeads;
    private final Options options;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;
    private final Random random;

    /** Attention with PyTorch's defaults, initialised from {@code random}. */
    public MultiheadAttention(int embedDim, int numHeads, Random random) {
        this(embedDim, numHeads, Options.of(), random);
    }

    /**
     * Attention with {@code options}, initialised from {@code random}, which then draws the dropout masks.
     *
     * @throws IllegalArgumentException when a size is not positive or {@code embedDim} is not divisible by
     *                                  {@code numHeads}
     */
    public MultiheadAttention(int embedDim, int numHeads, Options options, Random random) {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedDim " + embedDim + " must be divisible by "
                    + "numHeads " + numHeads + " (both positive)");
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.options = options;
        this.random = random;
        this.inProjWeight = registerParameter("in_proj_weight", Tensor.zeros(3 * embedDim, embedDim));
        this.inProjBias = options.bias() ? registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim)) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, options.bias(), random));
        Init.layerDefault(outProj.weight(), null, random);
        Init.xavierUniform(inProjWeight, random);
        if (outProj.bias() != null) Init.zeros(outProj.bias());
    }

    /** Self-attention without masks: {@code forward(x, x, x, Masks.none()).output()}. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, x, x, Masks.none(), false).output();
    }

    /** Attention of {@code query} over {@code key} and {@code value}, without masks. */
    public Output forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, Masks.none());
    }

    /**
     * Attention of {@code query} over {@code key} and {@code value} under {@code masks}.
     *
     * @throws IllegalArgumentException naming the layer and the shapes when an input has the wrong rank or feature
     *                                  size, key and value differ in length, the batch sizes differ, or a mask has
     *                                  the wrong shape
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Masks masks) {
        return attend(query, key, value, masks, true);
    }

    private Output attend(Tensor query, Tensor key, Tensor value, Masks masks, boolean needWeights) {
        checkInputs(query, key, value);
        boolean unbatched = query.dim() == 2;
        Tensor q = batchFirst(query, unbatched);
        Tensor k = key == query ? q : batchFirst(key, unbatched);
        Tensor v = value == key ? k : batchFirst(value, unbatched);
        int n = q.size(0);
        int queries = q.size(1);
        int keys = k.size(1);
        Tensor[] projected = project(q, k, v);
        Tensor heads = scores(projected[0], projected[1], n, queries, keys);
        Tensor weights = softmax(heads, masks, unbatched, n, queries, keys);
        weights = Functional.dropout(weights, options.dropout(), random, isTraining());
        Tensor joined = weights.matmul(splitHeads(projected[2], n, keys)).transpose(1, 2)
                .reshape(n, queries, embedDim);
        Tensor output = outProj.forward(joined);
        Tensor averaged = needWeights ? weights.mean(1) : null;
        if (unbatched) {
            return new Output(output.squeeze(0), averaged == null ? null : averaged.squeeze(0));
        }
        return new Output(options.batchFirst() ? output : output.transpose(0, 1), averaged);
    }

    /** The input as {@code [N, L, E]}. */
    private Tensor batchFirst(Tensor x, boolean unbatched) {
        if (unbatched) return x.unsqueeze(0);
        return options.batchFirst() ? x : x.transpose(0, 1);
    }

    /** q, k and v projected: one product when they are one tensor (self-attention), else one per distinct input. */
    private Tensor[] project(Tensor q, Tensor k, Tensor v) {
        if (q == k && k == v) return split(Functional.linear(q, inProjWeight, inProjBias), 0, 3);
        Tensor projectedQ = Functional.linear(q, rows(inProjWeight, 0, 1), rows(inProjBias, 0, 1));
        if (k == v) {
            Tensor[] kv = split(Functional.linear(k, rows(inProjWeight, 1, 3), rows(inProjBias, 1, 3)), 0, 2);
            return new Tensor[] {projectedQ, kv[0], kv[1]};
        }
        return new Tensor[] {projectedQ, Functional.linear(k, rows(inProjWeight, 1, 2), rows(inProjBias, 1, 2)),
                Functional.linear(v, rows(inProjWeight, 2, 3), rows(inProjBias, 2, 3))};
    }

    /** Blocks {@code from..to} of E rows of a stacked q, k, v projection (null stays null). */
    private Tensor rows(Tensor stacked, int from, int to) {
        return stacked == null ? null : stacked.slice(0, from * embedDim, to * embedDim);
    }

    /** The last axis cut into {@code parts} blocks of E. */
    private Tensor[] split(Tensor x, int first, int parts) {
        Tensor[] result = new Tensor[parts];
        for (int i = 0; i < parts; i++) result[i] = x.slice(2, (first + i) * embedDim, (first + i + 1) * embedDim);
        return result;
    }

    /** {@code [N, T, E] → [N, heads, T, d]}. */
    private Tensor splitHeads(Tensor x, int n, int length) {
        return x.reshape(n, length, numHeads, embedDim / numHeads).transpose(1, 2);
    }

    /** {@code q·kᵀ/√d} per head: {@code [N, heads, L, S]}. */
    private Tensor scores(Tensor q, Tensor k, int n, int queries, int keys) {
        double scale = 1.0 / Math.sqrt(embedDim / (double) numHeads);
        return splitHeads(q, n, queries).mul(scale).matmulTransposed(splitHeads(k, n, keys));
    }

    /** The attention weights: softmax over the keys, with the additive masks added and the blocked keys at 0. */
    private Tensor softmax(Tensor scores, Masks masks, boolean unbatched, int n, int queries, int keys) {
        AttentionMask attn = masks.attnMask() == null ? null : attnMask(masks.attnMask(), n, queries, keys);
        AttentionMask padding = masks.keyPaddingMask() == null ? null
                : keyPaddingMask(masks.keyPaddingMask(), unbatched, n, keys);
        Tensor blocked = null;
        for (AttentionMask mask : new AttentionMask[] {attn, padding}) {
            if (mask == null) continue;
            if (mask.isAdditive()) scores = scores.add(mask.offsets());
            blocked = blocked == null ? mask.blocked() : blocked.add(mask.blocked()).gt(0);
        }
        return blocked == null ? scores.softmax(3) : scores.softmax(3, blocked);
    }

    private AttentionMask attnMask(AttentionMask mask, int n, int queries, int keys) {
        int[] shape = mask.shape();
        if (Arrays.equals(shape, new int[] {queries, keys})) return mask;
        if (Arrays.equals(shape, new int[] {n * numHeads, queries, keys})) {
            return mask.reshaped(n, numHeads, queries, keys);
        }
        throw new IllegalArgumentException(describe() + ": attnMask has shape " + Arrays.toString(shape)
                + "; expected [" + queries + ", " + keys + "] (L, S) or [" + n * numHeads + ", " + queries + ", "
                + keys + "] (N·numHeads, L, S)");
    }

    private AttentionMask keyPaddingMask(AttentionMask mask, boolean unbatched, int n, int keys) {
        int[] expected = unbatched ? new int[] {keys} : new int[] {n, keys};
        if (!Arrays.equals(mask.shape(), expected)) {
            throw new IllegalArgumentException(describe() + ": keyPaddingMask has shape "
                    + Arrays.toString(mask.shape()) + "; expected " + Arrays.toString(expected) + " (N, S)");
        }
        return mask.reshaped(n, 1, 1, keys);
    }

    private void checkInputs(Tensor query, Tensor key, Tensor value) {
        String layout = options.batchFirst() ? "[N, L, " + embedDim + "]" : "[L, N, " + embedDim + "]";
        int rank = query.dim();
        for (var named : new Object[][] {{"query", query}, {"key", key}, {"value", value}}) {
            Tensor t = (Tensor) named[1];
            if ((t.dim() != 2 && t.dim() != 3) || t.dim() != rank || t.size(t.dim() - 1) != embedDim) {
                throw new IllegalArgumentException(describe() + ": " + named[0] + " has shape "
                        + Arrays.toString(t.shape()) + "; expected " + layout + " or unbatched [L, " + embedDim
                        + "], the query, key and value of one rank");
            }
        }
        int lengthAxis = rank == 3 && options.batchFirst() ? 1 : 0;
        if (key.size(lengthAxis) != value.size(lengthAxis)) {
            throw new IllegalArgumentException(describe() + ": key " + Arrays.toString(key.shape()) + " and value "
                    + Arrays.toString(value.shape()) + " differ in length");
        }
        int batchAxis = 1 - lengthAxis;
        if (rank == 3 && (query.size(batchAxis) != key.size(batchAxis) || key.size(batchAxis) != value.size(batchAxis))) {
            throw new IllegalArgumentException(describe() + ": query " + Arrays.toString(query.shape()) + ", key "
                    + Arrays.toString(key.shape()) + " and value " + Arrays.toString(value.shape())
                    + " differ in batch size");
        }
    }

    /** The embedding size E. */
    public int embedDim() {
        return embedDim;
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The projection of the joined heads. */
    public Linear outProj() {
        return outProj;
    }

    @Override
    protected String describe() {
        return "MultiheadAttention(embedDim=" + embedDim + ", numHeads=" + numHeads + ")";
    }
}
