package dev.chainrule.nn;

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
        Tensor y = x.matmulTransposed(weight);
        return bias == null ? y : y.add(bias);
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

    static void checkDropProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": the drop probability must be in [0, 1], got " + p);
        }
    }
}
