package dev.chainrule.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The exercise pack: every exercise, grading, and the JUnit 5 entry points for students' own tests.
 *
 * <pre>{@code
 * @Test
 * void myOutputGradientIsRight() {
 *     Exercises.assertPasses(3, new MyOutputGradient());   // fails with the grader's report
 * }
 * }</pre>
 */
public final class Exercises {
    private static final List<Exercise> ALL = List.of(new SigmoidDerivativeExercise(),
            new SigmoidCrossEntropyExercise(), new OutputWeightGradientExercise(), new HiddenWeightGradientExercise(),
            new SoftmaxCrossEntropyExercise(), new TanhLayerExercise(), new ReluLayerExercise(),
            new FanOutGradientExercise(), new NetworkGradientExercise(), new OwnActivationExercise(),
            new HessianVectorProductExercise());

    private Exercises() {}

    /** Every exercise, easy to hard, numbered from 1. */
    public static List<Exercise> all() {
        return ALL;
    }

    /**
     * Exercise {@code number}.
     *
     * @throws IllegalArgumentException when there is no such exercise
     */
    public static Exercise get(int number) {
        if (number < 1 || number > ALL.size()) {
            throw new IllegalArgumentException("exercises: no exercise " + number + "; they are numbered 1 to "
                    + ALL.size());
        }
        return ALL.get(number - 1);
    }

    /**
     * The exercise whose interface {@code answer} implements.
     *
     * @throws IllegalArgumentException when it implements none (or null)
     */
    public static Exercise forAnswer(Object answer) {
        for (Exercise exercise : ALL) if (exercise.answerType().isInstance(answer)) return exercise;
        throw new IllegalArgumentException("exercises: " + (answer == null ? "null" : answer.getClass().getName())
                + " implements no exercise's interface (SigmoidDerivative, SigmoidCrossEntropy, ...; see `list`)");
    }

    /** Grades {@code answer} as exercise {@code number}. */
    public static Grade grade(int number, Object answer) {
        return get(number).grade(answer);
    }

    /**
     * Grades {@code answer} as exercise {@code number} and fails the calling JUnit test with the grader's report
     * unless it passes (a not-attempted answer fails too).
     */
    public static Grade assertPasses(int number, Object answer) {
        Grade grade = grade(number, answer);
        if (!grade.passed()) Assertions.fail(grade.report());
        return grade;
    }

    /**
     * One JUnit dynamic test per answer (each finds its exercise by the interface it implements), then one that
     * prints the score table. An answer that passes passes; one that fails fails with the report; a stub still
     * throwing {@link UnsupportedOperationException} is skipped. The template project's test returns this from
     * a {@code @TestFactory}.
     */
    public static Stream<DynamicTest> tests(Object... answers) {
        List<Grade> grades = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Object answer : answers) {
            Exercise exercise = forAnswer(answer);
            tests.add(DynamicTest.dynamicTest("exercise " + exercise.number() + ": " + exercise.title(), () -> {
                Grade grade = exercise.grade(answer);
                grades.add(grade);
                Assumptions.assumeTrue(grade.status() != Grade.Status.NOT_ATTEMPTED, grade.report());
                if (grade.status() == Grade.Status.FAILED) Assertions.fail(grade.report());
            }));
        }
        tests.add(DynamicTest.dynamicTest("score", () -> System.out.println(scoreTable(grades))));
        return tests.stream();
    }

    /** A table of grades, one row per exercise, with the score: what the template project prints. */
    public static String scoreTable(List<Grade> grades) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%3s  %-50s %s%n", "#", "exercise", "result"));
        int passed = 0;
        for (Grade grade : grades) {
            String result = switch (grade.status()) {
                case PASSED -> "passed";
                case FAILED -> "FAILED";
                case NOT_ATTEMPTED -> "not attempted";
            };
            if (grade.passed()) passed++;
            table.append(String.format(Locale.ROOT, "%3d  %-50s %s%n", grade.exercise(), grade.title(), result));
        }
        return table.append("score: ").append(passed).append(" of ").append(grades.size()).append(" passed").toString();
    }
}
