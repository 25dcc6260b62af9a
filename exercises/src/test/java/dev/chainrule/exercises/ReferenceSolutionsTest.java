package dev.chainrule.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.exercises.solutions.ReferenceSolutions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceSolutionsTest {
    @Test
    void everyReferenceSolutionPassesItsExercise() {
        List<Object> solutions = ReferenceSolutions.all();
        assertEquals(Exercises.all().size(), solutions.size());
        for (int n = 1; n <= solutions.size(); n++) {
            Grade grade = Exercises.assertPasses(n, solutions.get(n - 1));
            assertTrue(grade.report().contains("passed"), grade.report());
        }
    }

    @Test
    void thereAreAtLeastTenExercisesNumberedInOrder() {
        assertTrue(Exercises.all().size() >= 10);
        for (int n = 1; n <= Exercises.all().size(); n++) assertEquals(n, Exercises.get(n).number());
    }

    /** Autograd and finite differences agree on every case, except at relu's kink (the edge made for it). */
    @Test
    void autogradAndFiniteDifferencesAgreeOnEveryCase() {
        for (Exercise exercise : Exercises.all()) {
            GradedExercise<?> graded = (GradedExercise<?>) exercise;
            agree(graded, ReferenceSolutions.all().get(exercise.number() - 1));
        }
    }

    private static <A> void agree(GradedExercise<A> exercise, Object solution) {
        A answer = exercise.answerType().cast(solution);
        for (Case c : exercise.cases()) {
            if (c.label().contains("exactly 0")) continue;
            for (Part part : exercise.expected(c, answer)) {
                double[] a = part.autograd().data();
                double[] n = part.numeric().data();
                for (int i = 0; i < a.length; i++) {
                    assertTrue(Math.abs(a[i] - n[i]) <= 1e-5 + 1e-3 * Math.abs(a[i]), "exercise " + exercise.number()
                            + " case " + c.label() + " " + part.name() + "[" + i + "]: autograd " + a[i]
                            + ", numeric " + n[i]);
                }
            }
        }
    }
}
