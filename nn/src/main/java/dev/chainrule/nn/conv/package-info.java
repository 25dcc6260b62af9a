/**
 * Convolution layers, PyTorch's {@code nn/modules/conv.py}: {@link dev.chainrule.nn.conv.Conv1d} and
 * {@link dev.chainrule.nn.conv.Conv2d}, with their optional arguments in {@link dev.chainrule.nn.conv.ConvNd.Options}.
 * The functions they call are in {@link dev.chainrule.autograd.Convolution}.
 */
package dev.chainrule.nn.conv;
