package dev.chainrule.nn.metrics;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * Counts of (actual, predicted) class pairs: {@code count(a, p)} is the number of samples of class {@code a}
 * predicted as {@code p}. The diagonal holds the correct predictions.
 *
 * <pre>{@code
 * ConfusionMatrix matrix = ConfusionMatrix.of(logits, labels);
 * System.out.println(matrix);          // an aligned table, rows = actual, columns = predicted
 * double recallOfClass2 = matrix.recall(2);
 * }</pre>
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /**
     * The matrix of {@code actual} against {@code predicted} class indices, both in {@code [0, classes)}.
     *
     * @throws IllegalArgumentException when the arrays differ in length, {@code classes < 1}, or an index is out of
     *                                  range
     */
    public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
        if (classes < 1) throw new IllegalArgumentException("ConfusionMatrix.of: classes must be at least 1, got " + classes);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + actual.length + " actual labels but "
                    + predicted.length + " predictions");
        }
        Metrics.checkLabels("ConfusionMatrix.of (actual)", actual, classes);
        Metrics.checkLabels("ConfusionMatrix.of (predicted)", predicted, classes);
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) counts[actual[i]][predicted[i]]++;
        return new ConfusionMatrix(counts);
    }

    /** The matrix of {@code labels} against the argmax of {@code scores} ({@code [N, C]}), with {@code C} classes. */
    public static ConfusionMatrix of(Tensor scores, int[] labels) {
        if (scores.dim() != 2) {
            throw new IllegalArgumentException("ConfusionMatrix.of: scores need shape [N, C], got "
                    + Arrays.toString(scores.shape()));
        }
        return of(scores.size(1), labels, Metrics.predictions(scores));
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /**
     * The number of samples of class {@code actual} predicted as {@code predicted}.
     *
     * @throws IllegalArgumentException when a class is outside {@code [0, classes())}
     */
    public long count(int actual, int predicted) {
        checkClass("count", "actual class", actual);
        checkClass("count", "predicted class", predicted);
        return counts[actual][predicted];
    }

    /** A copy of the counts, indexed {@code [actual][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) copy[i] = counts[i].clone();
        return copy;
    }

    /** The number of samples. */
    public long total() {
        long total = 0;
        for (long[] row : counts) for (long c : row) total += c;
        return total;
    }

    /** The share of samples on the diagonal; NaN when there are none. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) correct += counts[c][c];
        return (double) correct / total();
    }

    /**
     * Of the samples predicted as {@code c}, the share that are {@code c}; NaN when none was predicted as c.
     *
     * @throws IllegalArgumentException when {@code c} is outside {@code [0, classes())}
     */
    public double precision(int c) {
        checkClass("precision", "class", c);
        long predicted = 0;
        for (long[] row : counts) predicted += row[c];
        return (double) counts[c][c] / predicted;
    }

    /**
     * Of the samples of class {@code c}, the share predicted as {@code c}; NaN when there are none.
     *
     * @throws IllegalArgumentException when {@code c} is outside {@code [0, classes())}
     */
    public double recall(int c) {
        checkClass("recall", "class", c);
        long actual = 0;
        for (long n : counts[c]) actual += n;
        return (double) counts[c][c] / actual;
    }

    /**
     * The harmonic mean of precision and recall of class {@code c}; NaN when either is, 0 when both are 0.
     *
     * @throws IllegalArgumentException when {@code c} is outside {@code [0, classes())}
     */
    public double f1(int c) {
        checkClass("f1", "class", c);
        double p = precision(c);
        double r = recall(c);
        if (Double.isNaN(p) || Double.isNaN(r)) return Double.NaN;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private void checkClass(String method, String what, int index) {
        if (index < 0 || index >= counts.length) {
            throw new IllegalArgumentException("ConfusionMatrix." + method + ": " + what + " " + index
                    + " is outside [0, " + counts.length + ")");
        }
    }

    /**
     * An aligned table, rows the actual class and columns the predicted one, with each class's recall at the end
     * of its row and precision under its column:
     * <pre>
     * actual\predicted    0    1  recall
     *                0    5    1   0.833
     *                1    0    4   1.000
     *        precision 1.000 0.800
     * </pre>
     */
    @Override
    public String toString() {
        return ConfusionTable.format(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that && Arrays.deepEquals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }
}
