package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 4: dJ/dw_ij = Σ_r (y_r − t_r) v_j z_rj (1 − z_rj) x_ri. */
final class HiddenWeightGradientExercise extends GradedExercise<HiddenWeightGradient> {
    private static final int SAMPLES = 4;
    private static final int INPUTS = 3;
    private static final int HIDDEN = 2;
    // z = σ(xW), a_r = Σ_j z_rj v_j, J = Σ_r softplus(a_r) − t_r a_r.
    private static final TensorFunction J = xs -> {
        Tensor a = xs[0].matmul(xs[1]).sigmoid().mul(xs[2]).sum(1);
        return a.softplus().sub(xs[3].mul(a)).sum();
    };

    HiddenWeightGradientExercise() {
        super(4, "the hidden-layer gradient through the sigmoid", HiddenWeightGradient.class);
    }

    @Override
    public String statement() {
        return """
                The tutorial's network: I inputs, H logistic hidden units, one logistic output, R samples:
                    z = σ(xW)  (W is I×H),   y_r = σ(Σ_j z_rj v_j),   J = Σ_r cross-entropy(y_r, t_r)
                In Chainrule the hidden layer is new Linear(I, H, false, random) then sigmoid, and
                Linear.weight() is [H, I]: the tutorial's W transposed. Here you work in the tutorial's layout.
                Derive dJ/dw_ij: follow the error from the output (exercise 2: y − t) back through v_j, then
                through the hidden unit's sigmoid (exercise 1), to the weight.

                Implement dev.chainrule.exercises.HiddenWeightGradient:
                    double[][] gradient(double[][] x, double[][] w, double[] v, double[] t)   // returns I×H

                Graded on R = 4, I = 3, H = 2 (a transposed answer has the wrong shape) with random values, and at
                the edges W = 0 (every z = 0.5), equal inputs (ties) and large weights (saturated hidden units).""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(4);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Tensor.randn(random, SAMPLES, INPUTS),
                    Tensor.randn(random, INPUTS, HIDDEN), Reference.randn(random, 2, HIDDEN),
                    Reference.bits(random, SAMPLES)));
        }
        cases.add(new Case("edge: W = 0", Tensor.randn(random, SAMPLES, INPUTS), Tensor.zeros(INPUTS, HIDDEN),
                Tensor.randn(random, HIDDEN), Reference.bits(random, SAMPLES)));
        cases.add(new Case("edge: equal inputs", Tensor.ones(SAMPLES, INPUTS), Tensor.randn(random, INPUTS, HIDDEN),
                Tensor.randn(random, HIDDEN), Reference.bits(random, SAMPLES)));
        cases.add(new Case("edge: large weights", Tensor.randn(random, SAMPLES, INPUTS),
                Reference.randn(random, 40, INPUTS, HIDDEN), Tensor.randn(random, HIDDEN),
                Reference.bits(random, SAMPLES)));
        return cases;
    }

    @Override
    List<Part> expected(Case c, HiddenWeightGradient answer) {
        Values noSlope = Reference.value(xs -> backTo(xs, false, true), c.inputs());
        Values noV = Reference.value(xs -> backTo(xs, true, false), c.inputs());
        return List.of(new Part("dJ/dW", Reference.gradient(J, c.inputs(), 1),
                Reference.numericGradient(J, c.inputs(), 1),
                List.of(new Mistake("you left out the hidden unit's slope σ'(a_j) = z_j(1 − z_j)", noSlope),
                        new Mistake("you left out the output weight v_j the error passes through", noV))));
    }

    /** xᵀ·δ with δ_rj = (y_r − t_r)·[v_j]·[z_rj(1 − z_rj)], each bracket optional: the right formula and two wrong ones. */
    private static Tensor backTo(Tensor[] xs, boolean slope, boolean throughV) {
        Tensor z = xs[0].matmul(xs[1]).sigmoid();
        Tensor y = z.mul(xs[2]).sum(1).sigmoid();
        Tensor delta = y.sub(xs[3]).unsqueeze(1).mul(throughV ? xs[2] : Tensor.ones(HIDDEN));
        if (slope) delta = delta.mul(z.mul(z.neg().add(1)));
        return xs[0].t().matmul(delta);
    }

    @Override
    List<Values> answer(HiddenWeightGradient answer, Case c) {
        return List.of(Values.matrix(answer.gradient(Reference.matrix(c.input(0)), Reference.matrix(c.input(1)),
                Reference.vector(c.input(2)), Reference.vector(c.input(3)))));
    }

    @Override
    String hint() {
        return "dJ/dw_ij = Σ_r (y_r − t_r) · v_j · z_rj(1 − z_rj) · x_ri; the result has W's shape, I×H.";
    }
}
