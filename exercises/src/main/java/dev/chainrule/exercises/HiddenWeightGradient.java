package dev.chainrule.exercises;

/** Exercise 4: the hidden layer's weight gradient, through the sigmoid. See {@code chainrule-exercises show 4}. */
@FunctionalInterface
public interface HiddenWeightGradient {
    /**
     * dJ/dW for the tutorial's network with H sigmoid hidden units and one sigmoid output, over R samples.
     *
     * @param x inputs, R rows of I values
     * @param w the hidden weights in the tutorial's layout, I rows of H values (w[i][j] joins input i to unit j)
     * @param v the output weights, H values
     * @param t targets, R values
     * @return dJ/dW, I rows of H values (the layout of {@code w})
     */
    double[][] gradient(double[][] x, double[][] w, double[] v, double[] t);
}
