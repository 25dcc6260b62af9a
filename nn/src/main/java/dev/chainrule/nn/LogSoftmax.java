package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Log-softmax along an axis: {@code yᵢ = xᵢ − log Σⱼ exp(xⱼ)}, computed stably (log-sum-exp with the maximum
 * subtracted), finite for logits of ±1000. Any shape with that axis; the output has the input's shape. No
 * parameters.
 */
public final class LogSoftmax extends Module {
    private final int axis;

    /** Log-softmax along {@code axis} (negative counts from the end). */
    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.logSoftmax(input, axis);
    }

    @Override
    protected String describe() {
        return "LogSoftmax(axis=" + axis + ")";
    }
}
