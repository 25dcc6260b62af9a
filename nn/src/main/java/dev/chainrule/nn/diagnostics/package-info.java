/**
 * Seeing inside a network: {@link dev.chainrule.nn.diagnostics.LayerMonitor} records, per layer, the gradient
 * norm of each parameter and the mean, standard deviation and saturated fraction of each output
 * ({@link dev.chainrule.nn.diagnostics.SaturationRule} says what saturated means for each activation), from
 * any training loop or as a {@link dev.chainrule.nn.train.TrainingListener}.
 */
package dev.chainrule.nn.diagnostics;
