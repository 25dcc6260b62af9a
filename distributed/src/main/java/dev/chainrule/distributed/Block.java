package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One block of a data set: the rows a task trains on, as plain arrays (features row-major, class labels, and each
 * row's number in the input). Blocks are made by the loaders of {@link BlockData} on the executors, or by
 * {@link Blocks} locally, from checked rows; see Note [Blocks by row number] in {@code Rows}. A block may be empty.
 */
public final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int numFeatures;
    private final double[] features;
    private final int[] labels;
    private final long[] inputRows;

    private Block(int index, int numFeatures, double[] features, int[] labels, long[] inputRows) {
        this.index = index;
        this.numFeatures = numFeatures;
        this.features = features;
        this.labels = labels;
        this.inputRows = inputRows;
    }

    /** Packs checked rows, already in position order, as block {@code index}. */
    static Block of(int index, int numFeatures, List<LabeledRow> rows) {
        double[] features = new double[rows.size() * numFeatures];
        int[] labels = new int[rows.size()];
        long[] inputRows = new long[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            LabeledRow row = rows.get(r);
            System.arraycopy(row.features(), 0, features, r * numFeatures, numFeatures);
            labels[r] = row.label();
            inputRows[r] = row.inputRow();
        }
        return new Block(index, numFeatures, features, labels, inputRows);
    }

    /** The block's index in {@code [0, numBlocks)}. */
    public int index() {
        return index;
    }

    /** The number of rows (0 for an empty block). */
    public int rows() {
        return labels.length;
    }

    /** The number of features per row. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The number in the input of the row at {@code position}. */
    public long inputRow(int position) {
        return inputRows[position];
    }

    /** The label of the row at {@code position}. */
    public int label(int position) {
        return labels[position];
    }

    /** All rows as a batch: features {@code [rows, numFeatures]} and labels. */
    public Batch batch() {
        return new Batch(Tensor.of(features, rows(), numFeatures), null, labels.clone());
    }

    /**
     * The rows at {@code positions}, in that order, as a batch.
     *
     * @throws IllegalArgumentException when a position is outside {@code [0, rows())}
     */
    public Batch batch(int[] positions) {
        double[] selected = new double[positions.length * numFeatures];
        int[] selectedLabels = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int r = positions[i];
            if (r < 0 || r >= rows()) {
                throw new IllegalArgumentException("Block.batch: position " + r + " is outside [0, " + rows() + ")");
            }
            System.arraycopy(features, r * numFeatures, selected, i * numFeatures, numFeatures);
            selectedLabels[i] = labels[r];
        }
        return new Batch(Tensor.of(selected, positions.length, numFeatures), null, selectedLabels);
    }

    /** Whether {@code other} is the same block: same index, features, labels and input rows, bit for bit. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Block that && index == that.index && numFeatures == that.numFeatures
                && Arrays.equals(features, that.features) && Arrays.equals(labels, that.labels)
                && Arrays.equals(inputRows, that.inputRows);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Arrays.hashCode(labels)) + Arrays.hashCode(features);
    }

    /** For example {@code Block(index=3, rows=225, features=64)}. */
    @Override
    public String toString() {
        return "Block(index=" + index + ", rows=" + rows() + ", features=" + numFeatures + ")";
    }
}
