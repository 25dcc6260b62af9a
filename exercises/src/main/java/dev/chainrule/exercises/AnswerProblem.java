package dev.chainrule.exercises;

/** An answer that cannot be graded as returned (null, ragged, the wrong number of elements); the grade names why. */
final class AnswerProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnswerProblem(String message) {
        super(message);
    }
}
