package dev.chainrule.nn.conv;

import dev.chainrule.autograd.Convolution;
import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * A 2-D convolution layer, PyTorch's {@code nn.Conv2d}: {@code y = conv2d(x, W) + b} over input
 * {@code [N, in, H, W]}, weight {@code [out, in/groups, kh, kw]}, bias {@code [out]}; see
 * {@link Convolution#conv2d(Tensor, Tensor, Tensor, Convolution.Options)} for the output size and the derivatives.
 *
 * <p>Init: weight and bias uniform in {@code ±1/√fanIn}, {@code fanIn = in/groups·kh·kw}, as PyTorch's defaults,
 * drawn from the given {@code Random} (same seed, same bits).
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(3, 16, 3, Conv2d.Options.of().withPadding(1), new Random(0));
 * conv.forward(Tensor.zeros(8, 3, 32, 32)).shape();   // [8, 16, 32, 32]
 * }</pre>
 */
public final class Conv2d extends ConvNd {
    /** A {@code kernelSize × kernelSize} convolution with PyTorch's defaults, drawn from {@code new Random(0)}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, Options.of(), new Random(0));
    }

    /** A {@code kernelSize × kernelSize} convolution with PyTorch's defaults, drawn from {@code random}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Random random) {
        this(inChannels, outChannels, kernelSize, Options.of(), random);
    }

    /** A {@code kernelSize × kernelSize} convolution with {@code options}, drawn from {@code random}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Options options, Random random) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, options, random);
    }

    /**
     * A {@code kh × kw} convolution ({@code kernelSize = {kh, kw}}) with {@code options}, drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive, groups do not divide the
     *                                  channels, or an option does not fit the layer (see {@link ConvNd})
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, Options options, Random random) {
        super(inChannels, outChannels, checkedKernel(kernelSize), options, random);
    }

    private static int[] checkedKernel(int[] kernelSize) {
        if (kernelSize.length != 2) {
            throw new IllegalArgumentException("Conv2d: kernelSize needs 2 values {kh, kw}, got "
                    + java.util.Arrays.toString(kernelSize));
        }
        return kernelSize;
    }

    @Override
    protected Tensor convolve(Tensor input, Tensor weight, Tensor bias, Convolution.Options options) {
        return Convolution.conv2d(input, weight, bias, options);
    }
}
