package dev.chainrule.nn.data;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * Rows of features with their class labels, a target tensor, or both. Row {@code i} is entry {@code i} along
 * axis 0 of the features, of the targets and of the labels. Immutable: {@link #subset(int...)} and the splits
 * copy the selected rows.
 *
 * <pre>{@code
 * Dataset data = Dataset.ofLabels(Tensor.of(new double[][] {{0, 1}, {1, 0}, {1, 1}}), new int[] {0, 1, 1});
 * Dataset.Split split = data.randomSplit(0.8, 42);
 * DataLoader loader = DataLoader.of(split.train(), 32).shuffle(7);
 * }</pre>
 */
public final class Dataset {
    private final Tensor features;
    private final Tensor targets;
    private final int[] labels;

    private Dataset(String method, Tensor features, Tensor targets, int[] labels) {
        if (features == null) throw new IllegalArgumentException(method + ": features must not be null");
        if (features.dim() == 0) {
            throw new IllegalArgumentException(method + ": features need a row axis, got a 0-d tensor");
        }
        int rows = features.size(0);
        if (targets != null && (targets.dim() == 0 || targets.size(0) != rows)) {
            throw new IllegalArgumentException(method + ": targets of shape " + Arrays.toString(targets.shape())
                    + " do not have the " + rows + " rows of features of shape " + Arrays.toString(features.shape()));
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(method + ": " + labels.length + " labels for the " + rows
                    + " rows of features of shape " + Arrays.toString(features.shape()));
        }
        checkFinite(method, "features", features);
        if (targets != null) checkFinite(method, "targets", targets);
        this.features = features.detach();
        this.targets = targets == null ? null : targets.detach();
        this.labels = labels == null ? null : labels.clone();
    }

    /**
     * Refuses NaN and infinities, which would otherwise reach the loss silently, naming the first one's row and its
     * position within the row.
     */
    private static void checkFinite(String method, String what, Tensor values) {
        double[] data = values.toArray();
        int perRow = values.size(0) == 0 ? 1 : data.length / values.size(0);
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(method + ": " + what + " hold " + data[i] + " at row " + i / perRow
                        + ", column " + i % perRow + " (flat within the row); a dataset must be finite");
            }
        }
    }

    /** A dataset of features {@code [N, ...]} and integer class labels (length {@code N}). */
    public static Dataset ofLabels(Tensor features, int[] labels) {
        if (labels == null) throw new IllegalArgumentException("Dataset.ofLabels: labels must not be null");
        return new Dataset("Dataset.ofLabels", features, null, labels);
    }

    /** A dataset of features {@code [N, ...]} and target values {@code [N, ...]} (regression). */
    public static Dataset ofTargets(Tensor features, Tensor targets) {
        if (targets == null) throw new IllegalArgumentException("Dataset.ofTargets: targets must not be null");
        return new Dataset("Dataset.ofTargets", features, targets, null);
    }

    /** A dataset with both a target tensor and class labels, either of which may be {@code null}. */
    public static Dataset of(Tensor features, Tensor targets, int[] labels) {
        return new Dataset("Dataset.of", features, targets, labels);
    }

    /** The number of rows {@code N}. */
    public int size() {
        return features.size(0);
    }

    /** The features, shape {@code [N, ...]} (a tensor that does not require grad). */
    public Tensor features() {
        return features;
    }

    /** The target tensor, or {@code null} when this dataset has none. */
    public Tensor targets() {
        return targets;
    }

    /** A copy of the class labels, or {@code null} when this dataset has none. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** Whether this dataset has class labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Whether this dataset has a target tensor. */
    public boolean hasTargets() {
        return targets != null;
    }

    /**
     * The rows {@code indices[0], indices[1], ...} in that order (repeats allowed) as a new dataset.
     *
     * @throws IllegalArgumentException when an index is outside {@code [0, size())}
     */
    public Dataset subset(int... indices) {
        Batch rows = select("Dataset.subset", indices);
        return new Dataset("Dataset.subset", rows.features(), rows.targets(), rows.labels());
    }

    /**
     * The rows at {@code indices} as a batch.
     *
     * @throws IllegalArgumentException when an index is outside {@code [0, size())}
     */
    public Batch batch(int... indices) {
        return select("Dataset.batch", indices);
    }

    private Batch select(String method, int[] indices) {
        checkIndices(method, indices);
        try (var off = Autograd.noGrad()) {
            return new Batch(features.indexSelect(0, indices),
                    targets == null ? null : targets.indexSelect(0, indices),
                    labels == null ? null : select(labels, indices));
        }
    }

    /** Every row, in order, as one batch. */
    public Batch all() {
        return new Batch(features, targets, labels == null ? null : labels.clone());
    }

    private void checkIndices(String method, int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException(method + ": index " + indices[i] + " at position " + i
                        + " is outside [0, " + size() + ")");
            }
        }
    }

    private static int[] select(int[] values, int[] indices) {
        int[] result = new int[indices.length];
        for (int i = 0; i < indices.length; i++) result[i] = values[indices[i]];
        return result;
    }

    /** A training part and a validation part of one dataset. */
    public record Split(Dataset train, Dataset validation) {}

    /**
     * The first {@code trainSize} rows for training and the rest for validation, without shuffling: a fixed,
     * deterministic split.
     *
     * @throws IllegalArgumentException when {@code trainSize} is outside {@code [0, size()]}
     */
    public Split splitAt(int trainSize) {
        if (trainSize < 0 || trainSize > size()) {
            throw new IllegalArgumentException("Dataset.splitAt: trainSize " + trainSize + " is outside [0, "
                    + size() + "]");
        }
        int[] order = Permutations.identity(size());
        return split(Arrays.copyOfRange(order, 0, trainSize), Arrays.copyOfRange(order, trainSize, size()));
    }

    /**
     * A shuffled split: {@code round(trainFraction · size())} rows drawn by a permutation from {@code new
     * Random(seed)} go to training, the rest (in permutation order) to validation.
     *
     * @throws IllegalArgumentException when {@code trainFraction} is not in {@code [0, 1]}
     */
    public Split randomSplit(double trainFraction, long seed) {
        return randomSplit(trainFraction, new Random(seed));
    }

    /** {@link #randomSplit(double, long)} drawing the permutation from {@code random}. */
    public Split randomSplit(double trainFraction, Random random) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("Dataset.randomSplit: trainFraction must be in [0, 1], got "
                    + trainFraction);
        }
        int trainSize = (int) Math.round(trainFraction * size());
        int[] order = Permutations.random(size(), random);
        return split(Arrays.copyOfRange(order, 0, trainSize), Arrays.copyOfRange(order, trainSize, size()));
    }

    private Split split(int[] trainRows, int[] validationRows) {
        return new Split(subset(trainRows), subset(validationRows));
    }

    /** For example {@code Dataset(size=150, features=[150, 4], labels=yes, targets=no)}. */
    @Override
    public String toString() {
        return "Dataset(size=" + size() + ", features=" + Arrays.toString(features.shape())
                + ", labels=" + (hasLabels() ? "yes" : "no")
                + ", targets=" + (hasTargets() ? Arrays.toString(targets.shape()) : "no") + ")";
    }
}
