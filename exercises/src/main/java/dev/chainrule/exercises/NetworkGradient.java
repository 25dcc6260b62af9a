package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;

/**
 * Exercise 9: the whole 2-layer network in matrix form over a batch, with Tensor ops and without autograd. See
 * {@code chainrule-exercises show 9}.
 */
@FunctionalInterface
public interface NetworkGradient {
    /**
     * dJ/dW and dJ/dV of the network Z = σ(XW), Y = softmax(ZV), J = −Σ T ⊙ ln Y.
     *
     * @param x the batch, R×I
     * @param w the hidden weights, I×H
     * @param v the output weights, H×K
     * @param t one-hot targets, R×K
     * @return dJ/dW (I×H) and dJ/dV (H×K)
     */
    NetworkGradients gradients(Tensor x, Tensor w, Tensor v, Tensor t);
}
