package dev.chainrule.nn;

import dev.chainrule.autograd.Normalization;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * The stateless functions behind the layers: each layer's {@code forward} is one call to a method here, so a
 * custom architecture can use the function without the module.
 *
 * <pre>{@code
 * Tensor h = Functional.linear(x, w, b).sigmoid();              // [N, in]·[out, in]ᵀ + [out]
 * Tensor d = Functional.dropout(h, 0.5, new Random(0), true);   // inverted dropout, training mode
 * }</pre>
 */
public final class Functional {
    private Functional() {}

    /**
     * The affine map {@code y = x·Wᵀ + b} with the weight stored {@code [out, in]}, PyTorch's
     * {@code F.linear}; the weight is read transposed in place.
     *
     * @param x      input of shape {@code [..., in]}
     * @param weight weight of shape {@code [out, in]}
     * @param bias   bias of shape {@code [out]}, or null for none
     * @return the output, of shape {@code [..., out]}
     * @throws IllegalArgumentException when the shapes do not fit together
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("linear: the weight must be 2-D [out, in], got "
                    + Arrays.toString(weight.shape()));
        }
        if (x.dim() == 0 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input of shape " + Arrays.toString(x.shape())
                    + " does not fit weight of shape " + Arrays.toString(weight.shape())
                    + "; the input's last dimension must be " + weight.size(1));
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException("linear: bias of shape " + Arrays.toString(bias.shape())
                    + " does not fit weight of shape " + Arrays.toString(weight.shape()) + "; expected ["
                    + weight.size(0) + "]");
        }
        return bias == null ? x.matmulTransposed(weight) : x.matmulTransposed(weight, bias);
    }

    /** The logistic function {@code 1/(1 + e⁻ˣ)} element-wise. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** The hyperbolic tangent element-wise. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code max(x, 0)} element-wise; the derivative at 0 is 0, as in PyTorch. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code exp(x) / Σ exp(x)} along {@code axis}, computed stably. */
    public static Tensor softmax(Tensor x, int axis) {
        return x.softmax(axis);
    }

    /** {@code x − log Σ exp(x)} along {@code axis}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return x.logSoftmax(axis);
    }

    /** {@code softplus(x) = log(1 + eˣ)} element-wise, finite for any finite x ({@link Tensor#softplus()}). */
    public static Tensor softplus(Tensor x) {
        return x.softplus();
    }

    /**
     * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the survivors are
     * scaled by {@code 1/(1 − p)}, so the expected value is unchanged; otherwise {@code x} itself is returned.
     * One {@code random.nextDouble()} is drawn per element, in row-major order (an element is dropped when the
     * draw is below {@code p}), so the same {@code Random} state gives the same mask.
     *
     * @param p        the drop probability, in {@code [0, 1]}; {@code p = 1} gives zeros
     * @param random   the source of the mask
     * @param training whether dropout is active
     * @throws IllegalArgumentException when p is outside [0, 1]
     */
    public static Tensor dropout(Tensor x, double p, Random random, boolean training) {
        checkDropProbability("dropout", p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0.0);
        double scale = 1.0 / (1.0 - p);
        double[] mask = new double[x.numel()];
        for (int i = 0; i < mask.length; i++) mask[i] = random.nextDouble() < p ? 0.0 : scale;
        return x.mul(Tensor.of(mask, x.shape()));
    }

    /**
     * Batch normalisation, PyTorch's {@code F.batch_norm}: for input {@code [N, C]} or {@code [N, C, *]}, each
     * channel c becomes {@code (x − μ_c) / √(σ²_c + eps) · weight_c + bias_c}. In training, μ and σ² are the batch
     * statistics over every axis but the channel axis (σ² biased, divided by the count n), and when running
     * statistics are given they are updated in place: {@code running ← (1 − momentum)·running + momentum·batch},
     * the variance with the unbiased {@code σ²·n/(n − 1)}, as PyTorch. Otherwise the running statistics are used.
     *
     * @param runningMean {@code [C]}, or null (then training mode must be on)
     * @param runningVar  {@code [C]}, or null with runningMean
     * @param weight      {@code [C]}, or null for 1
     * @param bias        {@code [C]}, or null for 0
     * @throws IllegalArgumentException when the input is not at least 2-D, a statistic or affine tensor is not
     *                                  {@code [C]}, or training sees one value per channel
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Layer normalisation, PyTorch's {@code F.layer_norm}: every sample is normalised over its trailing
     * {@code normalizedShape} axes, {@code (x − μ) / √(σ² + eps) · weight + bias} with the biased variance.
     *
     * @param weight {@code normalizedShape}, or null for 1
     * @param bias   {@code normalizedShape}, or null for 0
     * @throws IllegalArgumentException when the input's trailing axes are not {@code normalizedShape}
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    /**
     * Group normalisation, PyTorch's {@code F.group_norm}: the channels of input {@code [N, C, *]} are split into
     * {@code groups} groups, each normalised over its channels and positions per sample, then
     * {@code · weight_c + bias_c} per channel.
     *
     * @throws IllegalArgumentException when groups does not divide C, or weight/bias are not {@code [C]}
     */
    public static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(x, groups, weight, bias, eps);
    }

    static void checkDropProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": the drop probability must be in [0, 1], got " + p);
        }
    }
}
