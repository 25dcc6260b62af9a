package com.example.exercises;

import dev.chainrule.exercises.HiddenWeightGradient;

/** Exercise 4: read it with `java -jar chainrule-exercises.jar show 4`. */
public final class Exercise04HiddenWeightGradient implements HiddenWeightGradient {
    @Override
    public double[][] gradient(double[][] x, double[][] w, double[] v, double[] t) {
        throw new UnsupportedOperationException("exercise 4: not done yet");
    }
}
