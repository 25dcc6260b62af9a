package dev.chainrule.exercises;

import java.util.List;
import java.util.Optional;

/**
 * What every exercise shares: its cases, the right answer for each (autograd and finite differences, with the
 * known mistakes), the student's answer on each, and how {@link Grader} compares them.
 *
 * @param <A> the interface the student implements
 */
abstract class GradedExercise<A> implements Exercise {
    private final int number;
    private final String title;
    private final Class<A> answerType;

    GradedExercise(int number, String title, Class<A> answerType) {
        this.number = number;
        this.title = title;
        this.answerType = answerType;
    }

    @Override
    public final int number() {
        return number;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Class<A> answerType() {
        return answerType;
    }

    /** The seeded random cases and the edge cases, in the order they are graded. */
    abstract List<Case> cases();

    /**
     * The right answer on {@code c}, one part per quantity the student returns. Only an exercise graded against
     * the student's own function (their activation) looks at {@code answer}.
     */
    abstract List<Part> expected(Case c, A answer);

    /** The student's answer on {@code c}, one part per quantity, in the order of {@link #expected}. */
    abstract List<Values> answer(A answer, Case c);

    /** A hint printed with every failure. */
    abstract String hint();

    /**
     * Where {@code GradCheck.locate} applies (the answer is a backward rule): its finding on the student's rule
     * inside a small network, or empty.
     */
    Optional<String> locate(A answer) {
        return Optional.empty();
    }

    /** Largest accepted |got − expected| is {@code ABSOLUTE + RELATIVE·|expected|}. */
    double absoluteTolerance() {
        return 1e-7;
    }

    double relativeTolerance() {
        return 1e-5;
    }

    @Override
    public final Grade grade(Object answer) {
        if (!answerType.isInstance(answer)) {
            throw new IllegalArgumentException("exercise " + number + ": the answer must implement "
                    + answerType.getName() + ", got " + (answer == null ? "null" : answer.getClass().getName()));
        }
        return Grader.grade(this, answerType.cast(answer));
    }
}
