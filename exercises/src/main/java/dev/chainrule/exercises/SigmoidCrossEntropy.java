package dev.chainrule.exercises;

/** Exercise 2: cross-entropy on a sigmoid output. See {@code chainrule-exercises show 2}. */
@FunctionalInterface
public interface SigmoidCrossEntropy {
    /** dJ/da for J = −t ln y − (1 − t) ln(1 − y) with y = σ(a), at net input {@code a} and target {@code t}. */
    double gradient(double a, double t);
}
