package dev.chainrule.nn.diagnostics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link LayerMonitor} saw in one layer.
 *
 * @param name               the layer's path in the model, as in parameter names ({@code "0"}, {@code "3.1"});
 *                           empty for a model that is not a {@code Sequential}
 * @param module             the layer's one-line description, e.g. {@code Linear(in=64, out=32, bias=true)}
 * @param gradientNorms      the Euclidean (Frobenius) norm of each parameter's gradient, by the parameter's name
 *                           within the layer ({@code weight}, {@code bias}), in registration order; NaN for a
 *                           parameter without a gradient; empty for a layer without parameters
 * @param output             statistics of the layer's output in the recorded forward pass, or null when no forward
 *                           pass went through the monitor
 * @param outputGradientNorm the norm of the loss's gradient with respect to the layer's output (the error
 *                           signal that backpropagation sends into the layer), or NaN when no backward pass has
 *                           reached it
 */
public record LayerStats(String name, String module, Map<String, Double> gradientNorms, ActivationStats output,
                         double outputGradientNorm) {
    /** Copies {@code gradientNorms}, keeping its order. */
    public LayerStats {
        gradientNorms = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNorms));
    }

    /**
     * The gradient norm of the parameter called {@code parameter} in this layer ({@code "weight"}).
     *
     * @throws IllegalArgumentException when the layer has no such parameter
     */
    public double gradientNorm(String parameter) {
        Double norm = gradientNorms.get(parameter);
        if (norm == null) {
            throw new IllegalArgumentException("LayerStats.gradientNorm: layer '" + name + "' (" + module
                    + ") has no parameter '" + parameter + "'; it has " + gradientNorms.keySet());
        }
        return norm;
    }

    /** The norm of all this layer's parameter gradients together, {@code √(Σ norm²)}; 0 for no parameters. */
    public double gradientNorm() {
        double squares = 0;
        for (double norm : gradientNorms.values()) squares += norm * norm;
        return Math.sqrt(squares);
    }

    /** Whether the layer has parameters. */
    public boolean hasParameters() {
        return !gradientNorms.isEmpty();
    }
}
