package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;

/** How a loss turns its per-element (or per-sample) values into its result. */
public enum Reduction {
    /** The mean: a 0-d tensor. The default. */
    MEAN,
    /** The sum: a 0-d tensor. */
    SUM,
    /** No reduction: the per-element (or per-sample) losses. */
    NONE;

    /** Applies this reduction to {@code losses}. */
    Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
