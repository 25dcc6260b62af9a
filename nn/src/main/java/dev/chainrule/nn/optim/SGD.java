package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, by
 * PyTorch's formulas ({@code torch.optim.SGD}). For each parameter {@code p} with gradient {@code g}:
 * <pre>
 * g ← g + weightDecay·p                         if weightDecay ≠ 0
 * if momentum ≠ 0:
 *     b ← g                                     on the first step (the buffer starts as a copy of g)
 *     b ← momentum·b + (1 − dampening)·g        on later steps
 *     g ← g + momentum·b                        if nesterov
 *     g ← b                                     otherwise
 * p ← p − lr·g
 * </pre>
 * Parameters without a gradient are skipped (their momentum buffer is left as it is). The buffers are the state
 * that {@link #stateDict()} saves, as {@code <index>.momentum_buffer}.
 *
 * <pre>{@code
 * var sgd = new SGD(model.parameters(), SGD.Options.of(0.1).withMomentum(0.9).withNesterov(true));
 * loss.backward();
 * sgd.step();
 * sgd.zeroGrad();
 * }</pre>
 */
public final class SGD extends AbstractOptimizer {
    /**
     * Settings.
     *
     * @param learningRate finite, {@code >= 0}
     * @param momentum     in {@code [0, 1)}; 0 disables momentum
     * @param dampening    in {@code [0, 1]}; must be 0 with Nesterov
     * @param nesterov     Nesterov momentum; needs momentum &gt; 0
     * @param weightDecay  L2 penalty coefficient, {@code >= 0}
     */
    public record Options(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) {
        /** Validates the settings. */
        public Options {
            requireFiniteNonNegative("SGD", "the learning rate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
            }
            if (!(dampening >= 0 && dampening <= 1)) {
                throw new IllegalArgumentException("SGD: dampening must be in [0, 1], got " + dampening);
            }
            requireFiniteNonNegative("SGD", "weight decay", weightDecay);
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum="
                        + momentum + ", dampening=" + dampening);
            }
        }

        /** Plain SGD with {@code learningRate}: no momentum, no dampening, no Nesterov, no weight decay. */
        public static Options of(double learningRate) {
            return new Options(learningRate, 0, 0, false, 0);
        }

        /** These settings with the learning rate {@code value}. */
        public Options withLearningRate(double value) {
            return new Options(value, momentum, dampening, nesterov, weightDecay);
        }

        /** These settings with the momentum {@code value}. */
        public Options withMomentum(double value) {
            return new Options(learningRate, value, dampening, nesterov, weightDecay);
        }

        /** These settings with the dampening {@code value}. */
        public Options withDampening(double value) {
            return new Options(learningRate, momentum, value, nesterov, weightDecay);
        }

        /** These settings with Nesterov momentum on or off. */
        public Options withNesterov(boolean value) {
            return new Options(learningRate, momentum, dampening, value, weightDecay);
        }

        /** These settings with the weight decay (L2 penalty coefficient) {@code value}. */
        public Options withWeightDecay(double value) {
            return new Options(learningRate, momentum, dampening, nesterov, value);
        }
    }

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final Options options;
    private final IdentityHashMap<Tensor, Tensor> momentumBuffers = new IdentityHashMap<>();

    /** Plain SGD over {@code parameters} with {@code learningRate}. */
    public SGD(List<Tensor> parameters, double learningRate) {
        this(parameters, Options.of(learningRate));
    }

    /** SGD over {@code parameters} (each requiring grad, each once) with {@code options}. */
    public SGD(List<Tensor> parameters, Options options) {
        super("SGD", parameters, options.learningRate());
        this.options = options;
    }

    @Override
    public void step() {
        double lr = learningRate();
        double weightDecay = options.weightDecay();
        double momentum = options.momentum();
        forEachGradient((p, g) -> {
            // No temporaries: the L2 term weightDecay·p is added where g is used, never to a copy of g.
            if (momentum == 0) {
                if (weightDecay != 0) p.mulInPlace(1 - lr * weightDecay);     // p − lr·(g + wd·p)
                p.addInPlace(g, -lr);
                return;
            }
            Tensor buffer = momentumBuffers.get(p);
            if (buffer == null) {
                buffer = Tensor.zeros(p.shape()).copyFrom(g);
                if (weightDecay != 0) buffer.addInPlace(p, weightDecay);
                momentumBuffers.put(p, buffer);
            } else {
                buffer.mulInPlace(momentum).addInPlace(g, 1 - options.dampening());
                if (weightDecay != 0) buffer.addInPlace(p, (1 - options.dampening()) * weightDecay);
            }
            if (options.nesterov()) {                                          // p − lr·(g + wd·p + momentum·b)
                if (weightDecay != 0) p.mulInPlace(1 - lr * weightDecay);
                p.addInPlace(g, -lr).addInPlace(buffer, -lr * momentum);
            } else {
                p.addInPlace(buffer, -lr);
            }
        });
    }

    /** The settings this optimizer was built with (the learning rate there is the initial one). */
    public Options options() {
        return options;
    }

    /** Copies of the momentum buffers, as {@code <index>.momentum_buffer}; see {@link Optimizer#stateDict()}. */
    @Override
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
        List<Tensor> parameters = parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor buffer = momentumBuffers.get(parameters.get(i));
            if (buffer != null) state.put(OptimizerState.key(i, MOMENTUM_BUFFER), OptimizerState.copy(buffer));
        }
        return state;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        List<Tensor> parameters = parameters();
        OptimizerState.check("SGD", parameters, state, List.of(MOMENTUM_BUFFER));
        momentumBuffers.clear();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor buffer = state.get(OptimizerState.key(i, MOMENTUM_BUFFER));
            if (buffer != null) momentumBuffers.put(parameters.get(i), OptimizerState.copy(buffer));
        }
    }

    @Override
    public String toString() {
        return "SGD(" + options.withLearningRate(learningRate()) + ")";
    }
}
