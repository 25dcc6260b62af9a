package dev.chainrule.nn.train;

import java.util.Locale;

/**
 * The numbers of one finished epoch. Losses are means over rows (each batch's loss weighted by its size);
 * accuracies are shares of correctly classified rows. A value that was not computed (no validation data, or no
 * labels) is NaN.
 *
 * @param epoch              the epoch number, starting at 1
 * @param trainLoss          the mean training loss, from the outputs seen while training
 * @param trainAccuracy      the training accuracy, from the same outputs
 * @param validationLoss     the mean validation loss after the epoch, or NaN
 * @param validationAccuracy the validation accuracy after the epoch, or NaN
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy) {
    /** Whether this epoch was evaluated on validation data. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** For example {@code epoch 3: train loss 0.2104, accuracy 93.1%; validation loss 0.2533, accuracy 91.0%}. */
    @Override
    public String toString() {
        String text = String.format(Locale.ROOT, "epoch %d: train loss %.4f%s", epoch, trainLoss, percent(trainAccuracy));
        if (!hasValidation()) return text;
        return text + String.format(Locale.ROOT, "; validation loss %.4f%s", validationLoss, percent(validationAccuracy));
    }

    private static String percent(double accuracy) {
        return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * accuracy);
    }
}
