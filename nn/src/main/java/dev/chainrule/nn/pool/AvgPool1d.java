package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;

/**
 * 1-D average pooling, PyTorch's {@code nn.AvgPool1d}: input {@code [N, C, L]}, each output the mean of its window,
 * padded cells counted as zeros unless {@code countIncludePad} is false. No parameters; see
 * {@link Pooling#avgPool1d(dev.chainrule.autograd.Tensor, Pooling.Options)}.
 *
 * <pre>{@code
 * new AvgPool1d(2).forward(Tensor.zeros(8, 16, 100)).shape();   // [8, 16, 50]
 * }</pre>
 */
public final class AvgPool1d extends PoolNd {
    /** Windows of {@code kernelSize} with stride the kernel size, no padding. */
    public AvgPool1d(int kernelSize) {
        this(Pooling.Options.of(kernelSize));
    }

    /** Windows as {@code options} say, e.g. {@code Pooling.Options.of(3).withStride(2).withPadding(1)}. */
    public AvgPool1d(Pooling.Options options) {
        super(options, Pooling::avgPool1d);
    }
}
