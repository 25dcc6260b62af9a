package dev.chainrule.exercises;

/**
 * A graded exercise: a statement to read, an interface to implement, and a grader for implementations.
 * {@link Exercises} lists them all.
 */
public interface Exercise {
    /** The exercise's number, from 1 (easy) upwards (harder). */
    int number();

    /** A short title, e.g. {@code the sigmoid's derivative}. */
    String title();

    /** The statement: what to compute, in the tutorial's notation and in Chainrule's, and the interface to implement. */
    String statement();

    /** The interface an answer implements. */
    Class<?> answerType();

    /**
     * Grades {@code answer} on seeded random inputs and edge inputs against autograd and finite differences.
     *
     * @throws IllegalArgumentException when {@code answer} does not implement {@link #answerType()}
     */
    Grade grade(Object answer);
}
