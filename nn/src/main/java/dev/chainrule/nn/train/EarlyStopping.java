package dev.chainrule.nn.train;

/**
 * Stops training when the validation loss has not improved for {@code patience} epochs in a row. An epoch
 * improves when its validation loss is below the best so far by more than {@code minDelta}; a NaN loss never
 * improves.
 *
 * @param patience           epochs without improvement tolerated before stopping, at least 1
 * @param minDelta           the smallest decrease counted as an improvement, at least 0
 * @param restoreBestWeights whether the module ends training with the parameters of its best epoch (whether
 *                           or not training stopped early), instead of those of its last
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
    /** Validates the options. */
    public EarlyStopping {
        if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be at least 1, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be at least 0, got " + minDelta);
    }

    /** Stopping after {@code patience} epochs without any decrease, restoring the best weights. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0, true);
    }
}
