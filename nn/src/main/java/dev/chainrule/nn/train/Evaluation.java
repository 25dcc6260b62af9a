package dev.chainrule.nn.train;

/**
 * A module's mean loss and accuracy on a data set.
 *
 * @param loss     the mean loss over rows
 * @param accuracy the share of correctly classified rows, or NaN without labels
 */
public record Evaluation(double loss, double accuracy) {}
