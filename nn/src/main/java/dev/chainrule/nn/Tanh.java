package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** The hyperbolic tangent element-wise: {@code y = tanh(x)}. Any shape; no parameters. Derivative: {@code 1 − y²}. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return Functional.tanh(input);
    }
}
