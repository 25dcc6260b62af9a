package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * Inverted dropout: in training mode, {@code y = x·m / (1 − p)} with a fresh mask {@code mᵢ ~ Bernoulli(1 − p)}
 * at every call; in evaluation mode ({@link Module#eval()}), {@code y = x}. The scaling keeps the expected
 * value, so nothing changes at evaluation time. Any shape; no parameters.
 *
 * <p>The masks come from the layer's own {@link Random}, so a layer built from the same seed drops the same
 * elements in the same calls. See {@link Functional#dropout(Tensor, double, Random, boolean)}.
 */
public final class Dropout extends Module {
    private final double p;
    private final Random random;

    /**
     * Dropout with drop probability {@code p}, its masks drawn from {@code random}.
     *
     * @throws IllegalArgumentException when p is outside [0, 1]
     */
    public Dropout(double p, Random random) {
        Functional.checkDropProbability("Dropout", p);
        this.p = p;
        this.random = random;
    }

    /** Dropout with drop probability {@code p}, its masks drawn from {@code new Random(seed)}. */
    public Dropout(double p, long seed) {
        this(p, new Random(seed));
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, random, isTraining());
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
