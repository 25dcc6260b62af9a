package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;

/** Adam's per-parameter state and update, shared by {@link Adam} and {@link AdamW}. Call under noGrad. */
final class Moments {
    private final Tensor first;
    private final Tensor second;
    /** Reused each step for the (decayed) gradient, then its square, then the denominator. */
    private final Tensor scratch;
    private int step;

    Moments(int[] shape) {
        first = Tensor.zeros(shape);
        second = Tensor.zeros(shape);
        scratch = Tensor.zeros(shape);
    }

    /**
     * Validates the settings shared by {@link Adam.Options} and {@link AdamW.Options}, naming {@code optimizer}.
     *
     * @throws IllegalArgumentException when the learning rate, eps or weight decay is negative or not finite, or a
     *                                  beta is outside {@code [0, 1)}
     */
    static void checkOptions(String optimizer, double learningRate, double beta1, double beta2, double eps,
                             double weightDecay) {
        AbstractOptimizer.requireFiniteNonNegative(optimizer, "the learning rate", learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(optimizer + ": betas must be in [0, 1), got beta1=" + beta1
                    + ", beta2=" + beta2);
        }
        AbstractOptimizer.requireFiniteNonNegative(optimizer, "eps", eps);
        AbstractOptimizer.requireFiniteNonNegative(optimizer, "weight decay", weightDecay);
    }

    /**
     * One Adam update of {@code p} with gradient {@code g} plus the L2 term {@code weightDecay·p} (0 for AdamW,
     * which decays {@code p} itself); see {@link Adam} for the formulas.
     *
     * <p>In place but for two full-size temporaries, {@code √v} and {@code m / denominator}: the public Tensor API
     * has no in-place square root or division. An in-place {@code addcdiv(m, denominator, value)} (PyTorch's
     * {@code addcdiv_}) and {@code sqrtInPlace} would remove both; an {@code addcmul} would also save the copy of
     * {@code g} into the scratch tensor that the square {@code g²} needs today.
     */
    void update(Tensor p, Tensor g, double weightDecay, double lr, double beta1, double beta2, double eps) {
        step++;
        Tensor decayed = scratch.copyFrom(g);
        if (weightDecay != 0) decayed.addInPlace(p, weightDecay);                // g + weightDecay·p
        first.mulInPlace(beta1).addInPlace(decayed, 1 - beta1);
        Tensor squared = decayed.mulInPlace(decayed);                             // g², in the scratch tensor
        second.mulInPlace(beta2).addInPlace(squared, 1 - beta2);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Tensor denominator = scratch.fill(eps).addInPlace(second.sqrt(), 1 / Math.sqrt(correction2));
        p.addInPlace(first.div(denominator), -lr / correction1);
    }

    int step() {
        return step;
    }
}
