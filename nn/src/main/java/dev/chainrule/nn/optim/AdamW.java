package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, 2019) by PyTorch's formulas ({@code torch.optim.AdamW}, without amsgrad): Adam
 * with weight decay decoupled from the gradient. For each parameter {@code p} with gradient {@code g}, at its
 * step {@code t = 1, 2, …} (moments {@code m}, {@code v} start at 0):
 * <pre>
 * p ← p·(1 − lr·weightDecay)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Parameters without a gradient are skipped (not decayed either).
 *
 * <pre>{@code
 * var adamw = new AdamW(model.parameters(), AdamW.Options.DEFAULT.withWeightDecay(0.05));
 * }</pre>
 */
public final class AdamW extends AbstractOptimizer {
    /**
     * Settings.
     *
     * @param learningRate finite, {@code >= 0}
     * @param beta1        decay of the first moment, in {@code [0, 1)}
     * @param beta2        decay of the second moment, in {@code [0, 1)}
     * @param eps          added to the denominator, {@code >= 0}
     * @param weightDecay  {@code >= 0}
     */
    public record Options(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
        public static final Options DEFAULT = new Options(1e-3, 0.9, 0.999, 1e-8, 0.01);

        /** PyTorch's defaults, {@link #DEFAULT}: the options idiom's starting point, as the layers' {@code of()}. */
        public static Options of() {
            return DEFAULT;
        }

        /** PyTorch's defaults with the learning rate {@code learningRate}, as {@code SGD.Options.of(lr)}. */
        public static Options of(double learningRate) {
            return DEFAULT.withLearningRate(learningRate);
        }

        /** Validates the settings. */
        public Options {
            Moments.checkOptions("AdamW", learningRate, beta1, beta2, eps, weightDecay);
        }

        /** These settings with the learning rate {@code value}. */
        public Options withLearningRate(double value) {
            return new Options(value, beta1, beta2, eps, weightDecay);
        }

        /** These settings with the moment decays {@code first} (β₁) and {@code second} (β₂). */
        public Options withBetas(double first, double second) {
            return new Options(learningRate, first, second, eps, weightDecay);
        }

        /** These settings with {@code value} added to the denominator (ε). */
        public Options withEps(double value) {
            return new Options(learningRate, beta1, beta2, value, weightDecay);
        }

        /** These settings with the weight decay {@code value}. */
        public Options withWeightDecay(double value) {
            return new Options(learningRate, beta1, beta2, eps, value);
        }
    }

    private final Options options;
    private final IdentityHashMap<Tensor, Moments> state = new IdentityHashMap<>();

    /** AdamW over {@code parameters} with the default settings and {@code learningRate}. */
    public AdamW(List<Tensor> parameters, double learningRate) {
        this(parameters, Options.DEFAULT.withLearningRate(learningRate));
    }

    /** AdamW over {@code parameters} (each requiring grad, each once) with {@code options}. */
    public AdamW(List<Tensor> parameters, Options options) {
        super("AdamW", parameters, options.learningRate());
        this.options = options;
    }

    @Override
    public void step() {
        double lr = learningRate();
        forEachGradient((p, g) -> {
            if (options.weightDecay() != 0) p.mulInPlace(1 - lr * options.weightDecay());
            state.computeIfAbsent(p, key -> new Moments(key.shape()))
                    .update(p, g, 0, lr, options.beta1(), options.beta2(), options.eps());
        });
    }

    /** The settings this optimizer was built with (the learning rate there is the initial one). */
    public Options options() {
        return options;
    }

    /**
     * Copies of the moments and step counts, as {@code <index>.step} (0-d), {@code <index>.exp_avg} and
     * {@code <index>.exp_avg_sq}; see {@link Optimizer#stateDict()}.
     */
    @Override
    public LinkedHashMap<String, Tensor> stateDict() {
        return Moments.stateDict(parameters(), state);
    }

    @Override
    public void loadStateDict(Map<String, Tensor> source) {
        Moments.loadStateDict("AdamW", parameters(), state, source);
    }

    @Override
    public String toString() {
        return "AdamW(" + options.withLearningRate(learningRate()) + ")";
    }
}
