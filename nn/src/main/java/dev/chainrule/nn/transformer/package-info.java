/**
 * Attention and transformer layers, PyTorch's {@code nn.MultiheadAttention}, {@code nn.TransformerEncoderLayer} and
 * {@code nn.TransformerEncoder}, and the {@link dev.chainrule.nn.transformer.AttentionMask} they take.
 *
 * <p>Layers with several inputs or outputs keep {@code Module.forward(Tensor)} as their one-tensor form (so they fit
 * in a {@code Sequential}) and add typed overloads that return small records, e.g.
 * {@link dev.chainrule.nn.transformer.MultiheadAttention.Output}.
 */
package dev.chainrule.nn.transformer;
