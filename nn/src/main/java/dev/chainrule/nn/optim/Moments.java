package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adam's per-parameter state and update, shared by {@link Adam} and {@link AdamW}. Call under noGrad. */
final class Moments {
    /** The fields of one parameter's state, in the order {@link #stateDict} writes them (PyTorch's names). */
    static final List<String> FIELDS = List.of(OptimizerState.STEP, "exp_avg", "exp_avg_sq");

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
     * which decays {@code p} itself); see {@link Adam} for the formulas. Allocates nothing full-size: the
     * decayed gradient and then the denominator live in one scratch tensor.
     */
    void update(Tensor p, Tensor g, double weightDecay, double lr, double beta1, double beta2, double eps) {
        step++;
        Tensor gradient = weightDecay == 0 ? g : scratch.copyFrom(g).addInPlace(p, weightDecay); // g + wd·p
        first.mulInPlace(beta1).addInPlace(gradient, 1 - beta1);                 // m ← β₁m + (1 − β₁)g
        second.mulInPlace(beta2).addcmulInPlace(gradient, gradient, 1 - beta2);  // v ← β₂v + (1 − β₂)g²
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Tensor denominator = scratch.copyFrom(second).sqrtInPlace()              // √v / √(1 − β₂ᵗ) + ε
                .mulInPlace(1 / Math.sqrt(correction2)).addInPlace(Tensor.scalar(eps));
        p.addcdivInPlace(first, denominator, -lr / correction1);                 // p ← p − lr/(1 − β₁ᵗ)·m/denominator
    }

    int step() {
        return step;
    }

    /** The state of {@code parameters} as {@link Optimizer#stateDict()} describes it, copied. */
    static LinkedHashMap<String, Tensor> stateDict(List<Tensor> parameters, IdentityHashMap<Tensor, Moments> state) {
        LinkedHashMap<String, Tensor> result = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Moments moments = state.get(parameters.get(i));
            if (moments == null) continue;
            result.put(OptimizerState.key(i, FIELDS.get(0)), Tensor.scalar(moments.step));
            result.put(OptimizerState.key(i, FIELDS.get(1)), OptimizerState.copy(moments.first));
            result.put(OptimizerState.key(i, FIELDS.get(2)), OptimizerState.copy(moments.second));
        }
        return result;
    }

    /** Replaces {@code state} with copies of {@code source}, after checking all of it (all or none). */
    static void loadStateDict(String optimizer, List<Tensor> parameters, IdentityHashMap<Tensor, Moments> state,
                              Map<String, Tensor> source) {
        OptimizerState.check(optimizer, parameters, source, FIELDS);
        state.clear();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor step = source.get(OptimizerState.key(i, FIELDS.get(0)));
            if (step == null) continue;
            Moments moments = new Moments(parameters.get(i).shape());
            moments.step = OptimizerState.step(step);
            moments.first.copyFrom(source.get(OptimizerState.key(i, FIELDS.get(1))));
            moments.second.copyFrom(source.get(OptimizerState.key(i, FIELDS.get(2))));
            state.put(parameters.get(i), moments);
        }
    }
}
