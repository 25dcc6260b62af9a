package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;

/**
 * A slice of a {@link Dataset}: the features of its rows, and their targets and class labels when the dataset has
 * them. The label array is the batch's own copy; callers should not modify it.
 *
 * @param features the rows' features, shape {@code [B, ...]}
 * @param targets  the rows' target tensor, shape {@code [B, ...]}, or {@code null} when the dataset has none
 * @param labels   the rows' class labels, length {@code B}, or {@code null} when the dataset has none
 */
public record Batch(Tensor features, Tensor targets, int[] labels) {
    /** The number of rows in this batch. */
    public int size() {
        return features.shape()[0];
    }

    /** Whether this batch carries class labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Whether this batch carries a target tensor. */
    public boolean hasTargets() {
        return targets != null;
    }
}
