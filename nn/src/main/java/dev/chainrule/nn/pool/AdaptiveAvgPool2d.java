package dev.chainrule.nn.pool;

import dev.chainrule.autograd.Pooling;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Adaptive 2-D average pooling, PyTorch's {@code nn.AdaptiveAvgPool2d}: {@code [N, C, H, W] → [N, C, oh, ow]}
 * whatever H and W, each output the mean of PyTorch's bin {@code ⌊i·H/oh⌋ .. ⌈(i+1)·H/oh⌉} (likewise for columns);
 * output size 1 is global average pooling. No parameters; see {@link Pooling#adaptiveAvgPool2d(Tensor, int...)}.
 *
 * <pre>{@code
 * new AdaptiveAvgPool2d(1).forward(Tensor.zeros(16, 64, 32, 32)).shape();   // [16, 64, 1, 1]
 * }</pre>
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;

    /**
     * Pooling to {@code outputSize}: one value for a square output, or {@code {oh, ow}}.
     *
     * @throws IllegalArgumentException when a size is not positive or there are not 1 or 2 of them
     */
    public AdaptiveAvgPool2d(int... outputSize) {
        if (outputSize.length < 1 || outputSize.length > 2 || Arrays.stream(outputSize).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size needs 1 or 2 positive values, got "
                    + Arrays.toString(outputSize));
        }
        this.outputSize = outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        try {
            return Pooling.adaptiveAvgPool2d(input, outputSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected String describe() {
        return "AdaptiveAvgPool2d(outputSize=" + Arrays.toString(outputSize) + ")";
    }
}
