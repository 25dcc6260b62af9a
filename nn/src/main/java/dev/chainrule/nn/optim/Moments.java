package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;

/** Adam's per-parameter state and update, shared by {@link Adam} and {@link AdamW}. Call under noGrad. */
final class Moments {
    private final Tensor first;
    private final Tensor second;
    private int step;

    Moments(int[] shape) {
        first = Tensor.zeros(shape);
        second = Tensor.zeros(shape);
    }

    /** One Adam update of {@code p} with gradient {@code g}; see {@link Adam} for the formulas. */
    void update(Tensor p, Tensor g, double lr, double beta1, double beta2, double eps) {
        step++;
        first.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        second.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Tensor denominator = second.sqrt().div(Math.sqrt(correction2)).add(eps);
        p.addInPlace(first.div(denominator), -lr / correction1);
    }

    int step() {
        return step;
    }
}
