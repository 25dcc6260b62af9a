package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;

/**
 * 1-D max pooling, PyTorch's {@code nn.MaxPool1d}: input {@code [N, C, L]}, each output the largest input of its
 * window, padded cells never winning; the gradient goes to each window's arg-max. No parameters; see
 * {@link Pooling#maxPool1d(dev.chainrule.autograd.Tensor, Pooling.Options)}.
 *
 * <pre>{@code
 * new MaxPool1d(2).forward(Tensor.zeros(8, 16, 100)).shape();   // [8, 16, 50]
 * }</pre>
 */
public final class MaxPool1d extends PoolNd {
    /** Windows of {@code kernelSize} with stride the kernel size, no padding. */
    public MaxPool1d(int kernelSize) {
        this(Pooling.Options.of(kernelSize));
    }

    /** Windows as {@code options} say, e.g. {@code Pooling.Options.of(3).withStride(2).withPadding(1)}. */
    public MaxPool1d(Pooling.Options options) {
        super(options, Pooling::maxPool1d);
    }
}
