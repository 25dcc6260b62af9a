package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;

/** Helpers for integer class labels. */
public final class Labels {
    private Labels() {}

    /**
     * The one-hot encoding of {@code labels}: row {@code i} holds 1 in column {@code labels[i]} and 0 elsewhere.
     *
     * <pre>{@code
     * Labels.oneHot(new int[] {2, 0}, 3);   // [[0, 0, 1], [1, 0, 0]]
     * }</pre>
     *
     * @return a tensor of shape {@code [labels.length, classes]}
     * @throws IllegalArgumentException when {@code classes < 1} or a label is outside {@code [0, classes)}
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes < 1) throw new IllegalArgumentException("oneHot: classes must be at least 1, got " + classes);
        checkRange("oneHot", labels, classes);
        double[] data = new double[Math.multiplyExact(labels.length, classes)];
        for (int i = 0; i < labels.length; i++) data[i * classes + labels[i]] = 1;
        return Tensor.of(data, labels.length, classes);
    }

    /** The number of classes that {@code labels} implies: its largest value plus one (0 for no labels). */
    public static int numClasses(int[] labels) {
        int max = -1;
        for (int label : labels) max = Math.max(max, label);
        return max + 1;
    }

    /**
     * Checks that every label lies in {@code [0, classes)}.
     *
     * @param method the name of the calling method, for the message
     * @throws IllegalArgumentException naming the first label out of range, its position and the range
     */
    public static void checkRange(String method, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(method + ": label " + labels[i] + " at position " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }
}
