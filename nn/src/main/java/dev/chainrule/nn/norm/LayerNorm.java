package dev.chainrule.nn.norm;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Layer normalisation, PyTorch's {@code nn.LayerNorm}: every sample is normalised over its trailing
 * {@code normalizedShape} axes, {@code y = (x − μ) / √(σ² + eps) · weight + bias} with the biased variance, and
 * (with {@code elementwiseAffine}, the default) a learned {@code weight} (ones) and {@code bias} (zeros) of shape
 * {@code normalizedShape}. The same in training and evaluation; no buffers.
 *
 * <pre>{@code
 * new LayerNorm(64).forward(Tensor.randn(new Random(0), 32, 10, 64)).shape();   // [32, 10, 64]
 * }</pre>
 */
public final class LayerNorm extends Module {
    /**
     * The optional arguments, PyTorch's defaults: {@code eps} 1e-5, {@code elementwiseAffine} true.
     *
     * @param eps               added to the variance, positive
     * @param elementwiseAffine whether the layer learns {@code weight} and {@code bias}
     */
    public record Options(double eps, boolean elementwiseAffine) {
        /** Validates the settings. */
        public Options {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("LayerNorm.Options: eps must be positive and finite, got " + eps);
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(1e-5, true);
        }

        /** These options with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(eps, elementwiseAffine);
        }

        /** These options with or without the learned {@code weight} and {@code bias}. */
        public Options withElementwiseAffine(boolean elementwiseAffine) {
            return new Options(eps, elementwiseAffine);
        }
    }

    private final int[] normalizedShape;
    private final Options options;
    private final Tensor weight;
    private final Tensor bias;

    /** Normalisation over the trailing axes {@code normalizedShape} with PyTorch's defaults. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, Options.of());
    }

    /**
     * Normalisation over the trailing axes {@code normalizedShape} with {@code options}.
     *
     * @throws IllegalArgumentException when the shape is empty or has a non-positive size
     */
    public LayerNorm(int[] normalizedShape, Options options) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("LayerNorm: the normalized shape needs positive sizes, got "
                    + Arrays.toString(normalizedShape));
        }
        this.normalizedShape = normalizedShape.clone();
        this.options = options;
        this.weight = options.elementwiseAffine() ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = options.elementwiseAffine() ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        try {
            return Functional.layerNorm(input, normalizedShape, weight, bias, options.eps());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    /** The learned scale, or null without {@code elementwiseAffine}. */
    public Tensor weight() {
        return weight;
    }

    /** The learned shift, or null without {@code elementwiseAffine}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String describe() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + options.eps() + ", elementwiseAffine="
                + options.elementwiseAffine() + ")";
    }
}
