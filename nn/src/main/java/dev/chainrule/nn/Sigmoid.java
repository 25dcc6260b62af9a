package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * The logistic function element-wise: {@code y = 1 / (1 + e⁻ˣ)}, computed without overflow. Any shape; no
 * parameters. Derivative: {@code y(1 − y)}.
 */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return Functional.sigmoid(input);
    }
}
