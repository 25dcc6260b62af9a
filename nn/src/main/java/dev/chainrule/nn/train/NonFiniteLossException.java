package dev.chainrule.nn.train;

import java.util.List;
import java.util.Locale;

/**
 * Training stopped because a batch's loss was NaN or infinite: the model diverged (a learning rate too large), the
 * data holds such a value, or the model makes one (a log of zero, an overflowing exponential). Thrown by
 * {@link Trainer#fit} before that batch's backward pass and optimizer step, so the module keeps the parameters that
 * produced the loss, ready to be inspected. {@link Trainer#stopOnNonFiniteLoss(boolean)} turns the check off.
 */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double loss;
    private final transient List<EpochResult> completedEpochs;

    /**
     * An exception for batch {@code batch} of {@code batches} in epoch {@code epoch}, whose loss is {@code loss},
     * after the epochs in {@code completedEpochs}.
     */
    public NonFiniteLossException(int epoch, int batch, int batches, double loss, List<EpochResult> completedEpochs) {
        super(String.format(Locale.ROOT, "Trainer.fit: the training loss is %s at epoch %d, batch %d of %d; "
                + "training stopped before this batch's backward pass and step. Check the data and the model for NaN "
                + "and infinite values, or lower the learning rate; stopOnNonFiniteLoss(false) carries on",
                loss, epoch, batch, batches));
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.completedEpochs = List.copyOf(completedEpochs);
    }

    /** The epoch of the batch, starting at 1. */
    public int epoch() {
        return epoch;
    }

    /** The batch within its epoch, starting at 1. */
    public int batch() {
        return batch;
    }

    /** The loss: NaN, or positive or negative infinity. */
    public double loss() {
        return loss;
    }

    /** The results of the epochs finished before this one, in order. */
    public List<EpochResult> completedEpochs() {
        return completedEpochs;
    }
}
