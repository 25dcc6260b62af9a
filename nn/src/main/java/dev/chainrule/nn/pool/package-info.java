/**
 * Pooling layers, PyTorch's {@code nn/modules/pooling.py}: max and average pooling in one and two dimensions, with
 * their window arguments in {@link dev.chainrule.autograd.Pooling.Options}, and adaptive average pooling. The
 * functions they call are in {@link dev.chainrule.autograd.Pooling}.
 */
package dev.chainrule.nn.pool;
