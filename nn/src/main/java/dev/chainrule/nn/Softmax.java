package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Softmax along an axis: {@code yᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)}, computed stably (the maximum is subtracted first).
 * Any shape with that axis; the output has the input's shape and sums to 1 along the axis. No parameters.
 * For a classifier's loss, prefer logits with {@code Losses.crossEntropy}, which is more stable.
 */
public final class Softmax extends Module {
    private final int axis;

    /** Softmax along {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.softmax(input, axis);
    }

    @Override
    protected String describe() {
        return "Softmax(axis=" + axis + ")";
    }
}
