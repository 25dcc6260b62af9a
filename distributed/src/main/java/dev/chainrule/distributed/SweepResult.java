package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * What one configuration of a sweep reached. As for any record with an array component, {@code equals} compares
 * {@code lossCurve} by identity; compare curves with {@code Arrays.equals}.
 *
 * @param config             the configuration
 * @param finalLoss          the mean training loss of the last epoch (NaN when training diverged)
 * @param validationLoss     the mean loss on the validation rows after training
 * @param validationAccuracy the share of validation rows classified correctly after training
 * @param lossCurve          the mean training loss of each epoch
 */
public record SweepResult(SweepConfig config, double finalLoss, double validationLoss, double validationAccuracy,
                          double[] lossCurve) implements Serializable {}
