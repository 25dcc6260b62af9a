package dev.chainrule.nn.train;

import java.util.List;

/**
 * What {@link Trainer#fit} did.
 *
 * @param epochs       one result per epoch run, in order
 * @param stoppedEarly whether early stopping ended training before the requested number of epochs
 * @param bestEpoch    the epoch number with the lowest validation loss, or 0 without validation data
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch) {
    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's result. */
    public EpochResult last() {
        if (epochs.isEmpty()) throw new IllegalStateException("TrainingHistory.last: no epoch was run");
        return epochs.get(epochs.size() - 1);
    }
}
