package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;

/**
 * 2-D average pooling, PyTorch's {@code nn.AvgPool2d}: input {@code [N, C, H, W]}, each output the mean of its window,
 * padded cells counted as zeros unless {@code countIncludePad} is false. No parameters; see
 * {@link Pooling#avgPool2d(dev.chainrule.autograd.Tensor, Pooling.Options)}.
 *
 * <pre>{@code
 * new AvgPool2d(2).forward(Tensor.zeros(8, 16, 28, 28)).shape();   // [8, 16, 14, 14]
 * }</pre>
 */
public final class AvgPool2d extends PoolNd {
    /** Windows of {@code kernelSize} with stride the kernel size, no padding. */
    public AvgPool2d(int... kernelSize) {
        this(Pooling.Options.of(kernelSize));
    }

    /** Windows as {@code options} say, e.g. {@code Pooling.Options.of(3).withStride(2).withPadding(1)}. */
    public AvgPool2d(Pooling.Options options) {
        super(options, Pooling::avgPool2d);
    }
}
