package dev.chainrule.exercises;

/** Exercise 11: a Hessian-vector product (second order). See {@code chainrule-exercises show 11}. */
@FunctionalInterface
public interface HessianVectorProduct {
    /**
     * H·u, where H is the Hessian of J(w) = Σ_r cross-entropy(σ(x_r·w), t_r) with respect to the weights w.
     *
     * @param x the inputs, R rows of I values
     * @param t the targets, R values
     * @param w the weights, I values
     * @param u the vector, I values
     * @return H·u, I values
     */
    double[] product(double[][] x, double[] t, double[] w, double[] u);
}
