/**
 * Lookup tables from token ids to learned vectors: {@link dev.chainrule.nn.embedding.Embedding}, PyTorch's
 * {@code nn.Embedding}.
 */
package dev.chainrule.nn.embedding;
