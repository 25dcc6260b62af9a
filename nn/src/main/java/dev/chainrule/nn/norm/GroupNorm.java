package dev.chainrule.nn.norm;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import dev.chainrule.nn.Module;

/**
 * Group normalisation, PyTorch's {@code nn.GroupNorm}: the channels of input {@code [N, C, *]} are split into
 * {@code numGroups} groups, each normalised per sample over its channels and positions (biased variance), then
 * scaled and shifted per channel by a learned {@code weight} (ones) and {@code bias} (zeros) when {@code affine}.
 * The same in training and evaluation; no buffers.
 *
 * <pre>{@code
 * new GroupNorm(8, 64).forward(Tensor.randn(new Random(0), 4, 64, 16, 16)).shape();   // [4, 64, 16, 16]
 * }</pre>
 */
public final class GroupNorm extends Module {
    /**
     * The optional arguments, PyTorch's defaults: {@code eps} 1e-5, {@code affine} true.
     *
     * @param eps    added to the variance, positive
     * @param affine whether the layer learns {@code weight} and {@code bias}
     */
    public record Options(double eps, boolean affine) {
        /** Validates the settings. */
        public Options {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("GroupNorm.Options: eps must be positive and finite, got " + eps);
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(1e-5, true);
        }

        /** These options with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(eps, affine);
        }

        /** These options with or without the learned {@code weight} and {@code bias}. */
        public Options withAffine(boolean affine) {
            return new Options(eps, affine);
        }
    }

    private final int numGroups;
    private final int numChannels;
    private final Options options;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code numGroups} groups over {@code numChannels} channels with PyTorch's defaults. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, Options.of());
    }

    /**
     * {@code numGroups} groups over {@code numChannels} channels with {@code options}.
     *
     * @throws IllegalArgumentException when a count is not positive or the groups do not divide the channels
     */
    public GroupNorm(int numGroups, int numChannels, Options options) {
        if (numGroups <= 0 || numChannels <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + numGroups + " groups must be positive and divide the "
                    + numChannels + " channels");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.options = options;
        this.weight = options.affine() ? registerParameter("weight", Tensor.ones(numChannels)) : null;
        this.bias = options.affine() ? registerParameter("bias", Tensor.zeros(numChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2 || input.size(1) != numChannels) {
            throw new IllegalArgumentException(describe() + ": input of shape "
                    + java.util.Arrays.toString(input.shape()) + " does not fit; expected [N, " + numChannels + ", *]");
        }
        return Functional.groupNorm(input, numGroups, weight, bias, options.eps());
    }

    /** The learned per-channel scale, or null without {@code affine}. */
    public Tensor weight() {
        return weight;
    }

    /** The learned per-channel shift, or null without {@code affine}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "GroupNorm(" + numGroups + ", " + numChannels + ", eps=" + options.eps() + ", affine="
                + options.affine() + ")";
    }
}
