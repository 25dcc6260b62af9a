package dev.chainrule.nn.train;

/**
 * Receives the progress of {@link Trainer#fit}. Both methods do nothing by default.
 *
 * <pre>{@code
 * trainer.listener(result -> System.out.println(result));   // prints each epoch
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {
    /** Called after each epoch, including its validation. */
    void onEpochEnd(EpochResult result);

    /** Called after each training step. */
    default void onBatchEnd(BatchProgress progress) {}
}
