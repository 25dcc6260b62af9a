/**
 * A small training loop: {@link dev.chainrule.nn.train.Trainer} runs epochs of forward, loss, backward and
 * optimizer steps over a {@link dev.chainrule.nn.data.DataLoader}, evaluates validation data without recording a
 * graph, reports each epoch to {@link dev.chainrule.nn.train.TrainingListener}s, stops early on a validation loss
 * that no longer improves, and returns a {@link dev.chainrule.nn.train.TrainingHistory}.
 */
package dev.chainrule.nn.train;
