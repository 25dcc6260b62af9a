package dev.chainrule.exercises;

/**
 * The two gradients a layer's backward pass returns (exercises 6 and 7).
 *
 * @param weight dJ/dW, I rows of H values (the layout of W)
 * @param input  dJ/dx, R rows of I values (the layout of x), what the layer below receives
 */
public record LayerGradients(double[][] weight, double[][] input) {}
