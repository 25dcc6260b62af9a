package dev.chainrule.nn.metrics;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Accuracy of classifier outputs against integer labels.
 *
 * <pre>{@code
 * Tensor logits = model.forward(x);                     // [N, C]
 * double accuracy = Metrics.accuracy(logits, labels);   // share of rows whose argmax is the label
 * }</pre>
 */
public final class Metrics {
    /** The probability above which {@link #binaryAccuracy} predicts class 1 (Keras and torchmetrics use it too). */
    public static final double BINARY_THRESHOLD = 0.5;

    private Metrics() {}

    /**
     * The predicted class of each row of {@code scores} (shape {@code [N, C]}, logits or probabilities): the
     * index of its largest value, the first one on ties.
     */
    public static int[] predictions(Tensor scores) {
        checkRank("predictions", scores, 2);
        double[] indices = scores.argmax(1).toArray();
        int[] result = new int[indices.length];
        for (int i = 0; i < indices.length; i++) result[i] = (int) indices[i];
        return result;
    }

    /**
     * The class a classifier predicts for each row of {@code inputs}, in one call: runs {@code model} in eval mode
     * (dropout off) without recording a graph, restores the mode it was in, and reads the output by its shape:
     * {@code [N, C]} with {@code C ≥ 2} gives each row's argmax (logits or probabilities); {@code [N, 1]} or
     * {@code [N]} is taken as the probability of class 1 (end the model with a sigmoid) and gives 1 where it is
     * above {@value #BINARY_THRESHOLD}.
     *
     * <pre>{@code
     * int[] classes = Metrics.predictClasses(model, testImages);
     * }</pre>
     *
     * @throws IllegalArgumentException when the output has another shape
     */
    public static int[] predictClasses(Module model, Tensor inputs) {
        Tensor output;
        try (var evaluating = model.evaluating(); var off = Autograd.noGrad()) {
            output = model.forward(inputs);
        }
        if (output.dim() == 2 && output.size(1) >= 2) return predictions(output);
        if (output.dim() == 1 || output.dim() == 2 && output.size(1) == 1) return binaryPredictions(output);
        throw new IllegalArgumentException("predictClasses: the model's output of shape " + Arrays.toString(output.shape())
                + " is neither scores [N, C] nor probabilities [N, 1] or [N]");
    }

    /**
     * The share of rows of {@code scores} ({@code [N, C]}, logits or probabilities) whose argmax equals the label.
     *
     * @throws IllegalArgumentException when the shapes disagree, there are no rows, or a label is outside
     *                                  {@code [0, C)}
     */
    public static double accuracy(Tensor scores, int[] labels) {
        return (double) countCorrect(scores, labels) / nonEmpty("accuracy", labels);
    }

    /** The number of rows of {@code scores} ({@code [N, C]}) whose argmax equals the label. */
    public static int countCorrect(Tensor scores, int[] labels) {
        checkRows("accuracy", scores, labels);
        checkRank("accuracy", scores, 2);
        checkLabels("accuracy", labels, scores.size(1));
        int[] predicted = predictions(scores);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) correct++;
        return correct;
    }

    /**
     * The share of rows where {@code probability > 0.5} agrees with the label (0 or 1). {@code probabilities} has
     * shape {@code [N, 1]} or {@code [N]} and holds probabilities of class 1 (apply {@code sigmoid()} to logits).
     *
     * @throws IllegalArgumentException when the shapes disagree, there are no rows, or a label is not 0 or 1
     */
    public static double binaryAccuracy(Tensor probabilities, int[] labels) {
        return (double) countCorrectBinary(probabilities, labels) / nonEmpty("binaryAccuracy", labels);
    }

    /** The number of rows where {@code probability > 0.5} agrees with the label (0 or 1). */
    public static int countCorrectBinary(Tensor probabilities, int[] labels) {
        checkRows("binaryAccuracy", probabilities, labels);
        int[] shape = probabilities.shape();
        if (shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
            throw new IllegalArgumentException("binaryAccuracy: probabilities need shape [N, 1] or [N], got "
                    + Arrays.toString(shape));
        }
        checkLabels("binaryAccuracy", labels, 2);
        int[] predicted = binaryPredictions(probabilities);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) correct++;
        return correct;
    }

    /** 1 where a probability of class 1 is above {@value #BINARY_THRESHOLD}, else 0 (so also for NaN). */
    private static int[] binaryPredictions(Tensor probabilities) {
        double[] p = probabilities.toArray();
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) classes[i] = p[i] > BINARY_THRESHOLD ? 1 : 0;
        return classes;
    }

    /**
     * The number of correct rows for a classifier's output, choosing the rule by shape: {@code [N, C]} with
     * {@code C ≥ 2} uses argmax ({@link #countCorrect}); {@code [N, 1]} or {@code [N]} holds probabilities of
     * class 1 ({@link #countCorrectBinary}).
     */
    public static int countCorrectAuto(Tensor output, int[] labels) {
        return output.dim() == 2 && output.size(1) >= 2 ? countCorrect(output, labels) : countCorrectBinary(output, labels);
    }

    private static void checkRank(String method, Tensor scores, int rank) {
        if (scores.dim() != rank) {
            throw new IllegalArgumentException(method + ": scores need shape [N, C], got "
                    + Arrays.toString(scores.shape()));
        }
    }

    private static void checkRows(String method, Tensor output, int[] labels) {
        if (output.dim() == 0 || output.size(0) != labels.length) {
            throw new IllegalArgumentException(method + ": output of shape " + Arrays.toString(output.shape())
                    + " does not have one row per label (" + labels.length + " labels)");
        }
    }

    static void checkLabels(String method, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(method + ": label " + labels[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    private static int nonEmpty(String method, int[] labels) {
        if (labels.length == 0) throw new IllegalArgumentException(method + ": needs at least one row, got none");
        return labels.length;
    }
}
