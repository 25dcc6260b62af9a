package dev.chainrule.exercises.solutions;

import dev.chainrule.exercises.SigmoidDerivative;

/** Exercise 1's reference solution as a class, for the command line's {@code check 1 --class ...}. */
public final class SigmoidDerivativeSolution implements SigmoidDerivative {
    @Override
    public double derivative(double a) {
        return ReferenceSolutions.sigmoidDerivative().derivative(a);
    }
}
