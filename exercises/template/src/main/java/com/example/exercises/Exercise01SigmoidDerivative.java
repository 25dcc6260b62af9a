package com.example.exercises;

import dev.chainrule.exercises.SigmoidDerivative;

/** Exercise 1: read it with `java -jar chainrule-exercises.jar show 1`. */
public final class Exercise01SigmoidDerivative implements SigmoidDerivative {
    @Override
    public double derivative(double a) {
        throw new UnsupportedOperationException("exercise 1: not done yet");
    }
}
