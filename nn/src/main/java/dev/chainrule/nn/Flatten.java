package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Merges the axes {@code startDim..endDim} into one, PyTorch's {@code nn.Flatten}; the defaults (1, −1) turn
 * {@code [N, C, H, W]} into {@code [N, C·H·W]}, the step between convolution layers and linear ones. No parameters;
 * the values are shared, not copied.
 *
 * <pre>{@code
 * new Flatten().forward(Tensor.zeros(64, 16, 5, 5)).shape();   // [64, 400]
 * }</pre>
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens every axis after the first (the batch). */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens axes {@code startDim..endDim} (inclusive; negative counts from the end). */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        try {
            return input.flatten(startDim, endDim);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected String describe() {
        return "Flatten(startDim=" + startDim + ", endDim=" + endDim + ")";
    }
}
