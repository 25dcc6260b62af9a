package dev.chainrule.exercises;

/** Exercise 1: the sigmoid's derivative. See {@code chainrule-exercises show 1}. */
@FunctionalInterface
public interface SigmoidDerivative {
    /** dσ/da at {@code a}, where σ(a) = 1 / (1 + e^(−a)). */
    double derivative(double a);
}
