package dev.chainrule.nn.train;

/**
 * Progress within an epoch, reported after each training step (for progress bars).
 *
 * @param epoch   the epoch number, starting at 1
 * @param batch   the number of batches done in this epoch, from 1 to {@code batches}
 * @param batches the number of batches in the epoch
 * @param loss    this batch's loss
 */
public record BatchProgress(int epoch, int batch, int batches, double loss) {}
