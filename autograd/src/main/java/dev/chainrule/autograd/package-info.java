/**
 * Chainrule's automatic differentiation: {@link dev.chainrule.autograd.Tensor} and its ops, the reverse-mode
 * engine behind {@link dev.chainrule.autograd.Tensor#backward()}, functional and higher-order derivatives in
 * {@link dev.chainrule.autograd.Autograd}, user-defined ops ({@link dev.chainrule.autograd.Function},
 * {@link dev.chainrule.autograd.Activation}), and the tools that find a wrong gradient
 * ({@link dev.chainrule.autograd.GradCheck}, {@link dev.chainrule.autograd.GraphExport},
 * {@link dev.chainrule.autograd.Derivation}).
 *
 * <p>The public surface is this package. {@code dev.chainrule.autograd.internal.kernels} holds the array kernels
 * the ops run on; it is public only because Java packages need it to be, and may change without notice.
 */
package dev.chainrule.autograd;
