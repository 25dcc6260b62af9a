package com.example.exercises;

import dev.chainrule.exercises.SoftmaxCrossEntropy;

/** Exercise 5: read it with `java -jar chainrule-exercises.jar show 5`. */
public final class Exercise05SoftmaxCrossEntropy implements SoftmaxCrossEntropy {
    @Override
    public double[] gradient(double[] a, int target) {
        throw new UnsupportedOperationException("exercise 5: not done yet");
    }
}
