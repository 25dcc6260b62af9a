package dev.chainrule.nn.embedding;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Indices;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;
import java.util.Random;

/**
 * A table of {@code numEmbeddings} learned vectors of size {@code embeddingDim}, looked up by index: PyTorch's
 * {@code nn.Embedding}. The input holds whole numbers (token ids, as doubles; or an {@code int[]}, see
 * {@link #forward(int...)}) of any shape {@code [*]}, each in {@code [0, numEmbeddings)} as the index convention of
 * {@link dev.chainrule.autograd.Indices} says; the output is {@code [*, embeddingDim]}, row {@code weight[id]} for
 * each id. The gradient of a row is the sum of the output
 * gradients where it was looked up.
 *
 * <p>With a padding index, that row gets no gradient (it stays what it is, zeros after the default init), as
 * PyTorch's {@code padding_idx}. Init: {@code weight ~ N(0, 1)} drawn in row-major order, the padding row then
 * zeroed. State: {@code weight} of shape {@code [numEmbeddings, embeddingDim]}.
 *
 * <pre>{@code
 * Embedding tokens = new Embedding(64, 32, new Random(0));
 * tokens.forward(Tensor.of(new double[] {3, 1, 4, 1}, 2, 2)).shape();   // [2, 2, 32]
 * }</pre>
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;
    private final Tensor weight;

    /** A table drawn from {@code random}, without a padding index. */
    public Embedding(int numEmbeddings, int embeddingDim, Random random) {
        this(numEmbeddings, embeddingDim, null, random);
    }

    /**
     * A table drawn from {@code random} whose row {@code paddingIdx} (null for none; negative counts from the end)
     * is zero and gets no gradient.
     *
     * @throws IllegalArgumentException when a size is not positive or the padding index is outside the table
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Random random) {
        this(Tensor.zeros(checkedSizes(numEmbeddings, embeddingDim)), paddingIdx);
        Init.normal(weight, 0, 1, random);
        zeroPaddingRow();
    }

    private Embedding(Tensor table, Integer paddingIdx) {
        this.numEmbeddings = table.size(0);
        this.embeddingDim = table.size(1);
        this.paddingIdx = paddingIdx == null ? null : checkedPadding(paddingIdx, numEmbeddings);
        this.weight = registerParameter("weight", table);
    }

    /**
     * A layer over a copy of {@code weights} ({@code [numEmbeddings, embeddingDim]}), PyTorch's
     * {@code Embedding.from_pretrained}: frozen (its weight does not require grad, so optimizers skip it) unless
     * {@code freeze} is false. The padding row keeps its values; it only gets no gradient.
     *
     * @throws IllegalArgumentException when {@code weights} is not 2-D or the padding index is outside it
     */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Integer paddingIdx) {
        if (weights.dim() != 2) {
            throw new IllegalArgumentException("Embedding.fromPretrained: weights must be 2-D [numEmbeddings, "
                    + "embeddingDim], got shape " + Arrays.toString(weights.shape()));
        }
        checkedSizes(weights.size(0), weights.size(1));
        Embedding layer = new Embedding(Tensor.zeros(weights.shape()), paddingIdx);
        try (var off = Autograd.noGrad()) {
            layer.weight.copyFrom(weights);
        }
        if (freeze) layer.weight.requiresGrad(false);
        return layer;
    }

    /** {@link #fromPretrained(Tensor, boolean, Integer)} frozen, without a padding index. */
    public static Embedding fromPretrained(Tensor weights) {
        return fromPretrained(weights, true, null);
    }

    private static int[] checkedSizes(int numEmbeddings, int embeddingDim) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got numEmbeddings=" + numEmbeddings
                    + ", embeddingDim=" + embeddingDim);
        }
        return new int[] {numEmbeddings, embeddingDim};
    }

    private static int checkedPadding(int paddingIdx, int numEmbeddings) {
        if (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " is outside the table of "
                    + numEmbeddings + " rows");
        }
        return paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    }

    private void zeroPaddingRow() {
        if (paddingIdx == null) return;
        try (var off = Autograd.noGrad()) {
            double[] isPaddingRow = new double[numEmbeddings];
            isPaddingRow[paddingIdx] = 1;
            weight.copyFrom(weight.maskedFill(Tensor.of(isPaddingRow, numEmbeddings, 1), 0));
        }
    }

    /**
     * The rows of {@code indices} ({@code [*]}, whole numbers in {@code [0, numEmbeddings)}, the convention of
     * {@link Indices}): {@code [*, dim]}.
     *
     * @throws IllegalArgumentException naming the first index that is not a whole number in range, its position and
     *                                  the table size
     */
    @Override
    public Tensor forward(Tensor indices) {
        int[] ids = Indices.of(describe(), indices, numEmbeddings, "a table of " + numEmbeddings + " rows");
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = embeddingDim;
        Tensor rows = weight.indexSelect(0, ids);
        if (paddingIdx != null && weight.requiresGrad()) rows = withoutPaddingGradient(rows, ids);
        return rows.reshape(shape);
    }

    /**
     * The rows {@code ids} (each in {@code [0, numEmbeddings)}): {@code [ids.length, dim]}, the same as
     * {@link #forward(Tensor)} of a 1-D tensor of those ids.
     *
     * @throws IllegalArgumentException naming the first index outside the table and its position
     */
    public Tensor forward(int... ids) {
        int[] checked = Indices.of(describe(), ids, numEmbeddings, "a table of " + numEmbeddings + " rows");
        Tensor rows = weight.indexSelect(0, checked);
        return paddingIdx != null && weight.requiresGrad() ? withoutPaddingGradient(rows, checked) : rows;
    }

    /** The same values, but the rows looked up at the padding index pass no gradient to the table. */
    private Tensor withoutPaddingGradient(Tensor rows, int[] ids) {
        double[] isPadding = new double[ids.length];
        boolean any = false;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == paddingIdx) {
                isPadding[i] = 1;
                any = true;
            }
        }
        return any ? Tensor.where(Tensor.of(isPadding, ids.length, 1), rows.detach(), rows) : rows;
    }

    /** The table, of shape {@code [numEmbeddings, embeddingDim]} (the live parameter). */
    public Tensor weight() {
        return weight;
    }

    /** The number of rows. */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /** The size of each vector. */
    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    protected String describe() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim
                + (paddingIdx == null ? "" : ", paddingIdx=" + paddingIdx) + ")";
    }
}
