package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * The rectifier element-wise: {@code y = max(x, 0)}. Any shape; no parameters. Derivative: 1 where x &gt; 0,
 * else 0 (0 at x = 0, as in PyTorch).
 */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return Functional.relu(input);
    }
}
