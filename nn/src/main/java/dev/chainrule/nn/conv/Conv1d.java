package dev.chainrule.nn.conv;

import dev.chainrule.autograd.Convolution;
import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * A 1-D convolution layer, PyTorch's {@code nn.Conv1d}: {@code y = conv1d(x, W) + b} over input {@code [N, in, L]},
 * weight {@code [out, in/groups, k]}, bias {@code [out]}; see
 * {@link Convolution#conv1d(Tensor, Tensor, Tensor, Convolution.Options)} for the output length.
 *
 * <p>Init: weight and bias uniform in {@code ±1/√fanIn}, {@code fanIn = in/groups·k}, as PyTorch's defaults, drawn
 * from the given {@code Random}.
 *
 * <pre>{@code
 * Conv1d conv = new Conv1d(2, 8, 3, Conv1d.Options.of().withPadding("same"), new Random(0));
 * conv.forward(Tensor.zeros(4, 2, 100)).shape();   // [4, 8, 100]
 * }</pre>
 */
public final class Conv1d extends ConvNd {
    /** A convolution with PyTorch's defaults, drawn from {@code new Random(0)}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, Options.of(), new Random(0));
    }

    /** A convolution with PyTorch's defaults, drawn from {@code random}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Random random) {
        this(inChannels, outChannels, kernelSize, Options.of(), random);
    }

    /**
     * A convolution with {@code options}, drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive, groups do not divide the
     *                                  channels, or an option does not fit the layer (see {@link ConvNd})
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, Options options, Random random) {
        super(inChannels, outChannels, new int[] {kernelSize}, options, random);
    }

    @Override
    protected Tensor convolve(Tensor input, Tensor weight, Tensor bias, Convolution.Options options) {
        return Convolution.conv1d(input, weight, bias, options);
    }
}
