package dev.chainrule.exercises;

/** Exercise 5: softmax with cross-entropy. See {@code chainrule-exercises show 5}. */
@FunctionalInterface
public interface SoftmaxCrossEntropy {
    /**
     * dJ/da for J = −ln softmax(a)_target.
     *
     * @param a      the logits, K values
     * @param target the index of the right class, 0 to K − 1
     * @return dJ/da, K values
     */
    double[] gradient(double[] a, int target);
}
