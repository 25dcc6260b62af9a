package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;

/**
 * The weight gradients of the whole 2-layer network (exercise 9).
 *
 * @param w dJ/dW, I×H (the layout of W)
 * @param v dJ/dV, H×K (the layout of V)
 */
public record NetworkGradients(Tensor w, Tensor v) {}
