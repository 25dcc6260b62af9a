/**
 * Normalisation layers, PyTorch's {@code nn/modules/batchnorm.py} and {@code normalization.py}:
 * {@link dev.chainrule.nn.norm.BatchNorm1d}, {@link dev.chainrule.nn.norm.BatchNorm2d} (with running-statistics
 * buffers), {@link dev.chainrule.nn.norm.LayerNorm} and {@link dev.chainrule.nn.norm.GroupNorm}. Each takes its
 * optional arguments as a nested {@code Options} record; the functions are in {@link dev.chainrule.nn.Functional}.
 */
package dev.chainrule.nn.norm;
