package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What every optimizer shares: a validated parameter list (each requires grad, each once), the learning
 * rate that schedules change, and the loop that applies an update to each parameter that has a gradient
 * without recording a graph. A new optimizer extends it and writes only its update:
 * <pre>{@code
 * final class SignSGD extends AbstractOptimizer {
 *     SignSGD(List<Tensor> parameters, double lr) { super("SignSGD", parameters, lr); }
 *     public void step() { forEachGradient((p, g) -> p.addInPlace(g.sign(), -learningRate())); }
 * }
 * }</pre>
 */
public abstract class AbstractOptimizer implements Optimizer {
    private final String name;
    private final List<Tensor> parameters;
    private double learningRate;

    /**
     * @throws IllegalArgumentException when the list is empty, holds null, a tensor that does not require
     *                                  grad or one tensor twice, or the learning rate is negative or not finite
     */
    protected AbstractOptimizer(String name, List<Tensor> parameters, double learningRate) {
        this.name = name;
        if (parameters.isEmpty()) throw new IllegalArgumentException(name + ": the parameter list is empty");
        IdentityHashMap<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p == null) throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape "
                        + java.util.Arrays.toString(p.shape()) + " does not require grad");
            }
            Integer previous = seen.put(p, i);
            if (previous != null) {
                throw new IllegalArgumentException(name + ": parameters " + previous + " and " + i
                        + " are the same tensor; pass each parameter once");
            }
        }
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        setLearningRate(learningRate);
    }

    /** Applies {@code update(parameter, gradient)} to every parameter that has a gradient, under noGrad. */
    protected final void forEachGradient(BiConsumer<Tensor, Tensor> update) {
        try (var off = Autograd.noGrad()) {
            for (Tensor p : parameters) {
                if (p.grad() != null) update.accept(p, p.grad());
            }
        }
    }

    @Override
    public final void zeroGrad() {
        for (Tensor p : parameters) p.zeroGrad();
    }

    @Override
    public final List<Tensor> parameters() {
        return parameters;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double value) {
        requireFiniteNonNegative(name, "the learning rate", value);
        learningRate = value;
    }

    /** Throws {@link IllegalArgumentException} naming the optimizer unless {@code value} is finite and {@code >= 0}. */
    static void requireFiniteNonNegative(String optimizer, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be finite and >= 0, got " + value);
        }
    }
}
