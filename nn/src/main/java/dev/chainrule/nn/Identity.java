package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * {@code y = x}, PyTorch's {@code nn.Identity}: a placeholder where an architecture has an optional layer (a
 * projection-free shortcut, a switched-off norm). No parameters.
 */
public final class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
