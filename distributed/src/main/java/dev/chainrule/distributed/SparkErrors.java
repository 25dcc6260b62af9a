package dev.chainrule.distributed;

/**
 * Turns a failed Spark job back into the exception its task threw. Spark wraps a task's exception in a
 * {@code SparkException} ("Job aborted due to stage failure: Task 3 in stage 7.0 failed 2 times, most recent
 * failure: ...") with the original as its cause; users should see the original words.
 */
final class SparkErrors {
    private SparkErrors() {}

    /**
     * A {@link BadRowException} or the task's {@link IllegalArgumentException} / {@link IllegalStateException}
     * rethrown on the driver with the Spark failure as cause; any other exception as it is.
     */
    static RuntimeException unwrap(Exception failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BadRowException bad) return new BadRowException(bad, failure);
        }
        Throwable task = failure.getCause();
        if (task instanceof IllegalArgumentException) return new IllegalArgumentException(task.getMessage(), failure);
        if (task instanceof IllegalStateException) return new IllegalStateException(task.getMessage(), failure);
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.getMessage(), failure);
    }
}
