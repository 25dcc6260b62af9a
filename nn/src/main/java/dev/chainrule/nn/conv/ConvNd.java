package dev.chainrule.nn.conv;

import dev.chainrule.autograd.Convolution;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;
import java.util.Random;

/**
 * What {@link Conv1d} and {@link Conv2d} share, PyTorch's {@code _ConvNd}: the weight {@code [out, in/groups, k...]}
 * and bias {@code [out]} (state_dict names {@code weight}, {@code bias}), the {@link Options}, PyTorch's default
 * initialisation, and the checks that name the layer.
 */
public abstract class ConvNd extends Module {
    /**
     * The optional arguments of a convolution layer, PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1,
     * with a bias. Per-axis values take one number for every spatial axis or one per axis; padding may also be
     * {@code "same"} (stride 1 only) or {@code "valid"}.
     *
     * <pre>{@code
     * new Conv2d(64, 64, 3, Conv2d.Options.of().withPadding(1).withBias(false), random)
     * }</pre>
     *
     * @param convolution stride, padding, dilation and groups, as the function takes them
     * @param bias        whether the layer adds a learned bias
     */
    public record Options(Convolution.Options convolution, boolean bias) {
        /** Validates the settings. */
        public Options {
            if (convolution == null) throw new IllegalArgumentException("Conv.Options: convolution options are null");
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(Convolution.Options.of(), true);
        }

        /** These options with {@code stride}. */
        public Options withStride(int... stride) {
            return new Options(convolution.withStride(stride), bias);
        }

        /** These options with zero padding of {@code padding} on both sides of each axis. */
        public Options withPadding(int... padding) {
            return new Options(convolution.withPadding(padding), bias);
        }

        /** These options with the padding mode {@code "same"} or {@code "valid"}. */
        public Options withPadding(String mode) {
            return new Options(convolution.withPadding(mode), bias);
        }

        /** These options with {@code dilation}. */
        public Options withDilation(int... dilation) {
            return new Options(convolution.withDilation(dilation), bias);
        }

        /** These options with {@code groups}. */
        public Options withGroups(int groups) {
            return new Options(convolution.withGroups(groups), bias);
        }

        /** These options with or without a bias. */
        public Options withBias(boolean bias) {
            return new Options(convolution, bias);
        }
    }

    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final Options options;
    private final Tensor weight;
    private final Tensor bias;
    /** How errors name the layer, e.g. {@code Conv2d(3 -> 16)}. */
    private final String label;

    /**
     * Registers the weight {@code [out, in/groups, kernelSize...]} and bias and draws them from {@code random}.
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive, groups do not divide the
     *                                  channels, a per-axis option has neither 1 nor one value per axis, or padding
     *                                  "same" meets a stride other than 1
     */
    protected ConvNd(int inChannels, int outChannels, int[] kernelSize, Options options, Random random) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize.clone();
        this.options = options;
        this.label = getClass().getSimpleName() + "(" + inChannels + " -> " + outChannels + ")";
        Convolution.Options c = options.convolution();
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(label + ": channel counts must be positive");
        }
        for (int k : kernelSize) {
            if (k <= 0) throw new IllegalArgumentException(label + ": kernel size must be positive, got "
                    + Arrays.toString(kernelSize));
        }
        int groups = c.groups();
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(label + ": groups=" + groups + " must divide both channel counts");
        }
        checkPerAxis("stride", c.stride());
        checkPerAxis("padding", c.padding());
        checkPerAxis("dilation", c.dilation());
        if (c.same() && !isAll(c.stride(), 1)) {
            throw new IllegalArgumentException(label + ": padding \"same\" needs stride 1, got "
                    + Arrays.toString(c.stride()));
        }
        int[] shape = new int[2 + kernelSize.length];
        shape[0] = outChannels;
        shape[1] = inChannels / groups;
        System.arraycopy(kernelSize, 0, shape, 2, kernelSize.length);
        this.weight = registerParameter("weight", Tensor.zeros(shape));
        this.bias = options.bias() ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        resetParameters(random);
    }

    /**
     * Re-draws the parameters as PyTorch does: weight and bias from {@code U(−1/√fanIn, 1/√fanIn)} (Kaiming-uniform
     * with {@code a = √5}), {@code fanIn = in/groups · Π kernelSize}, weight first. Modified in place.
     */
    public final void resetParameters(Random random) {
        Init.layerDefault(weight, bias, random);
    }

    private void checkPerAxis(String what, int[] values) {
        if (values.length != 1 && values.length != kernelSize.length) {
            throw new IllegalArgumentException(label + ": " + what + " needs 1" + (kernelSize.length == 1 ? " value"
                    : " or " + kernelSize.length + " values") + ", got " + Arrays.toString(values));
        }
    }

    /**
     * Checks the input's rank and channel count, then applies {@link #convolve}; errors name the layer, e.g.
     * {@code Conv2d(3 -> 16): input has 4 channels; expected [N, 3, H, W]}.
     */
    @Override
    public final Tensor forward(Tensor input) {
        int rank = kernelSize.length + 2;
        if (input.dim() != rank || input.size(1) != inChannels) {
            String got = input.dim() != rank ? "input of shape " + Arrays.toString(input.shape()) + " is not "
                    + rank + "-D" : "input has " + input.size(1) + " channels";
            throw new IllegalArgumentException(label + ": " + got + "; expected [N, " + inChannels
                    + (rank == 3 ? ", L]" : ", H, W]"));
        }
        try {
            return convolve(input, weight, bias, options.convolution());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    /** The convolution function this layer applies, e.g. {@link Convolution#conv2d}. */
    protected abstract Tensor convolve(Tensor input, Tensor weight, Tensor bias, Convolution.Options options);

    /** The weight {@code [out, in/groups, k...]} (the live parameter). */
    public final Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null when the layer has none. */
    public final Tensor bias() {
        return bias;
    }

    /** The options this layer was built with. */
    public final Options options() {
        return options;
    }

    /** The number of input channels. */
    public final int inChannels() {
        return inChannels;
    }

    /** The number of output channels. */
    public final int outChannels() {
        return outChannels;
    }

    @Override
    protected String describe() {
        Convolution.Options c = options.convolution();
        StringBuilder out = new StringBuilder(getClass().getSimpleName()).append('(').append(inChannels).append(", ")
                .append(outChannels).append(", kernelSize=").append(Arrays.toString(kernelSize));
        if (!isAll(c.stride(), 1)) out.append(", stride=").append(perAxis(c.stride()));
        if (c.same()) out.append(", padding=same");
        else if (!isAll(c.padding(), 0)) out.append(", padding=").append(perAxis(c.padding()));
        if (!isAll(c.dilation(), 1)) out.append(", dilation=").append(perAxis(c.dilation()));
        if (c.groups() != 1) out.append(", groups=").append(c.groups());
        return out.append(", bias=").append(bias != null).append(')').toString();
    }

    /** One value per spatial axis, e.g. {@code [1, 1]} for a 2-D layer given padding 1. */
    private String perAxis(int[] values) {
        int[] full = values;
        if (values.length != kernelSize.length) {
            full = new int[kernelSize.length];
            Arrays.fill(full, values[0]);
        }
        return Arrays.toString(full);
    }

    private static boolean isAll(int[] values, int value) {
        for (int v : values) if (v != value) return false;
        return true;
    }
}
