package dev.chainrule.exercises;

/** Exercise 7: the backward pass of a ReLU layer. See {@code chainrule-exercises show 7}. */
@FunctionalInterface
public interface ReluLayer {
    /**
     * The gradients of J through the layer h = relu(xW), given the gradient J sends into h.
     *
     * @param x        the layer's inputs, R rows of I values
     * @param w        its weights in the tutorial's layout, I rows of H values
     * @param upstream dJ/dh, R rows of H values
     * @return dJ/dW (I×H) and dJ/dx (R×I)
     */
    LayerGradients backward(double[][] x, double[][] w, double[][] upstream);
}
