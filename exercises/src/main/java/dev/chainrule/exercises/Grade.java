package dev.chainrule.exercises;

/**
 * The result of grading one answer.
 *
 * @param exercise the exercise's number
 * @param title    the exercise's title
 * @param status   passed, failed, or not attempted (the answer still throws {@link UnsupportedOperationException})
 * @param report   what the grader found: on a failure the first wrong element with the expected and the
 *                 returned value, the term that is wrong where the numbers show it, and a hint
 */
public record Grade(int exercise, String title, Status status, String report) {
    /** The three outcomes of grading. */
    public enum Status {
        /** Every element of every case matches autograd. */
        PASSED,
        /** Some element differs, the answer has the wrong shape, or the code threw. */
        FAILED,
        /** The answer throws {@link UnsupportedOperationException}, as the template's stubs do. */
        NOT_ATTEMPTED
    }

    /** Whether the answer passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    @Override
    public String toString() {
        return report;
    }
}
