package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;

/**
 * 2-D max pooling, PyTorch's {@code nn.MaxPool2d}: input {@code [N, C, H, W]}, each output the largest input of its
 * window, padded cells never winning; the gradient goes to each window's arg-max. No parameters; see
 * {@link Pooling#maxPool2d(dev.chainrule.autograd.Tensor, Pooling.Options)}.
 *
 * <pre>{@code
 * new MaxPool2d(2).forward(Tensor.zeros(8, 16, 28, 28)).shape();   // [8, 16, 14, 14]
 * }</pre>
 */
public final class MaxPool2d extends PoolNd {
    /** Windows of {@code kernelSize} with stride the kernel size, no padding. */
    public MaxPool2d(int... kernelSize) {
        this(Pooling.Options.of(kernelSize));
    }

    /** Windows as {@code options} say, e.g. {@code Pooling.Options.of(3).withStride(2).withPadding(1)}. */
    public MaxPool2d(Pooling.Options options) {
        super(options, Pooling::maxPool2d);
    }
}
