package dev.chainrule.nn.diagnostics;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * Statistics of one layer's output over every element of a batch (all rows and all units together).
 *
 * @param count             the number of elements
 * @param mean              their mean
 * @param standardDeviation their population standard deviation ({@code √(Σ(y − mean)² / count)}, not the
 *                          unbiased one)
 * @param saturatedFraction the share of elements that a {@link SaturationRule} calls saturated, or NaN when the
 *                          layer has no rule
 */
public record ActivationStats(long count, double mean, double standardDeviation, double saturatedFraction) {
    /** The statistics of {@code output} alone, without a saturation rule. */
    public static ActivationStats of(Tensor output) {
        return of(null, output, null);
    }

    /**
     * The statistics of {@code output}, with the share of elements that {@code rule} calls saturated given each
     * element's input and output. {@code rule} may be null (no saturation, NaN); with a rule, {@code input} must
     * have the output's shape.
     *
     * @throws IllegalArgumentException when there is a rule and the shapes differ
     */
    public static ActivationStats of(Tensor input, Tensor output, SaturationRule rule) {
        double[] y = output.toArray();
        double[] x = null;
        if (rule != null) {
            if (input == null || !Arrays.equals(input.shape(), output.shape())) {
                throw new IllegalArgumentException("ActivationStats.of: a saturation rule needs the input and output "
                        + "of an element-wise activation, got shapes " + (input == null ? "null" : Arrays.toString(
                        input.shape())) + " and " + Arrays.toString(output.shape()));
            }
            x = input.toArray();
        }
        return of(x, y, rule);
    }

    static ActivationStats of(double[] x, double[] y, SaturationRule rule) {
        int n = y.length;
        if (n == 0) return new ActivationStats(0, Double.NaN, Double.NaN, Double.NaN);
        double sum = 0;
        for (double v : y) sum += v;
        double mean = sum / n;
        double squares = 0;
        for (double v : y) squares += (v - mean) * (v - mean);
        double saturated = Double.NaN;
        if (rule != null) {
            int count = 0;
            for (int i = 0; i < n; i++) if (rule.isSaturated(x[i], y[i])) count++;
            saturated = (double) count / n;
        }
        return new ActivationStats(n, mean, Math.sqrt(squares / n), saturated);
    }
}
