package dev.chainrule.exercises;

/** Exercise 8: the total derivative where one value feeds several ops. See {@code chainrule-exercises show 8}. */
@FunctionalInterface
public interface FanOutGradient {
    /**
     * dJ/da for one hidden unit z = σ(a) that feeds K sigmoid outputs y_k = σ(z v_k).
     *
     * @param a the hidden unit's net input
     * @param v the weights from the unit to the K outputs
     * @param t the K targets
     * @return dJ/da
     */
    double gradient(double a, double[] v, double[] t);
}
