package dev.chainrule.exercises;

/** Exercise 3: the output layer's weight gradient. See {@code chainrule-exercises show 3}. */
@FunctionalInterface
public interface OutputWeightGradient {
    /**
     * dJ/dv for one sigmoid output unit over R samples.
     *
     * @param z hidden activations, R rows of H values
     * @param v the output unit's weights, H values
     * @param t targets, R values
     * @return dJ/dv, H values
     */
    double[] gradient(double[][] z, double[] v, double[] t);
}
