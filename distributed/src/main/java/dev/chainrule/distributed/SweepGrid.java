package dev.chainrule.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Cartesian product of values for each setting, in a fixed order (activation outermost, then learning rate,
 * width, depth and seed), each point numbered from 0.
 *
 * <pre>{@code
 * List<SweepConfig> grid = SweepGrid.of()
 *         .activations("sigmoid", "tanh", "relu", "gelu")
 *         .learningRates(0.1)
 *         .configs();                                        // 4 configurations, width 32, depth 1, seed 42
 * }</pre>
 */
public final class SweepGrid {
    private final List<String> activations;
    private final double[] learningRates;
    private final int[] widths;
    private final int[] depths;
    private final long[] seeds;

    private SweepGrid(List<String> activations, double[] learningRates, int[] widths, int[] depths, long[] seeds) {
        this.activations = activations;
        this.learningRates = learningRates;
        this.widths = widths;
        this.depths = depths;
        this.seeds = seeds;
    }

    /** One point: sigmoid, learning rate 0.1, width 32, depth 1, seed 42. */
    public static SweepGrid of() {
        return new SweepGrid(List.of("sigmoid"), new double[] {0.1}, new int[] {32}, new int[] {1}, new long[] {42});
    }

    /** This grid over {@code names}. */
    public SweepGrid activations(String... names) {
        if (names.length == 0) throw new IllegalArgumentException("SweepGrid.activations: give at least one");
        return new SweepGrid(List.of(names), learningRates, widths, depths, seeds);
    }

    /** This grid over {@code values}, each finite and {@code >= 0}. */
    public SweepGrid learningRates(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("SweepGrid.learningRates: give at least one");
        for (double v : values) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("SweepGrid.learningRates: must be finite and >= 0, got " + v);
            }
        }
        return new SweepGrid(activations, values.clone(), widths, depths, seeds);
    }

    /** This grid over hidden widths {@code values}, each at least 1. */
    public SweepGrid widths(int... values) {
        checkPositive("widths", values, 1);
        return new SweepGrid(activations, learningRates, values.clone(), depths, seeds);
    }

    /** This grid over depths (hidden layers) {@code values}, each at least 0. */
    public SweepGrid depths(int... values) {
        checkPositive("depths", values, 0);
        return new SweepGrid(activations, learningRates, widths, values.clone(), seeds);
    }

    /** This grid over {@code values}. */
    public SweepGrid seeds(long... values) {
        if (values.length == 0) throw new IllegalArgumentException("SweepGrid.seeds: give at least one");
        return new SweepGrid(activations, learningRates, widths, depths, values.clone());
    }

    /** Every point of the grid, numbered in order. */
    public List<SweepConfig> configs() {
        List<SweepConfig> configs = new ArrayList<>();
        for (String activation : activations) {
            for (double learningRate : learningRates) {
                for (int width : widths) {
                    for (int depth : depths) {
                        for (long seed : seeds) {
                            configs.add(new SweepConfig(configs.size(), activation, learningRate, width, depth, seed));
                        }
                    }
                }
            }
        }
        return configs;
    }

    private static void checkPositive(String what, int[] values, int min) {
        if (values.length == 0) throw new IllegalArgumentException("SweepGrid." + what + ": give at least one");
        for (int v : values) {
            if (v < min) throw new IllegalArgumentException("SweepGrid." + what + ": each must be >= " + min + ", got " + v);
        }
    }

    @Override
    public String toString() {
        return "SweepGrid(activations=" + activations + ", learningRates=" + Arrays.toString(learningRates) + ", widths="
                + Arrays.toString(widths) + ", depths=" + Arrays.toString(depths) + ", seeds=" + Arrays.toString(seeds) + ")";
    }
}
