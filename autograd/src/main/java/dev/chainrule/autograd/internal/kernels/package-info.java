/**
 * Array kernels behind Chainrule's ops: static methods over {@code double[]} with explicit output arrays.
 *
 * <p>Internal: not part of the public API and may change without notice. Kernels know nothing of tensors,
 * graphs or gradients; each has its own loop and allocates nothing inside it.
 */
package dev.chainrule.autograd.internal.kernels;
