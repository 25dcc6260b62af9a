package com.example.exercises;

import dev.chainrule.exercises.Exercises;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Grades every exercise: `mvn test` passes an exercise you solved, fails one you got wrong (with the grader's
 * report: the first wrong element, the term that is wrong, a hint), skips one still throwing
 * UnsupportedOperationException, and prints the score table.
 */
class GradeAllTest {
    @TestFactory
    Stream<DynamicTest> exercises() {
        return Exercises.tests(new Exercise01SigmoidDerivative(), new Exercise02SigmoidCrossEntropy(),
                new Exercise03OutputWeightGradient(), new Exercise04HiddenWeightGradient(),
                new Exercise05SoftmaxCrossEntropy(), new Exercise06TanhLayer(), new Exercise07ReluLayer(),
                new Exercise08FanOutGradient(), new Exercise09NetworkGradient(), new Exercise10OwnActivation(),
                new Exercise11HessianVectorProduct());
    }
}
