package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 3: dJ/dv_j = Σ_r (y_r − t_r) z_rj. */
final class OutputWeightGradientExercise extends GradedExercise<OutputWeightGradient> {
    private static final int SAMPLES = 5;
    private static final int HIDDEN = 3;
    // a_r = Σ_j z_rj v_j; J = Σ_r softplus(a_r) − t_r a_r, the cross-entropy of y_r = σ(a_r).
    private static final TensorFunction J = xs -> {
        Tensor a = xs[0].mul(xs[1]).sum(1);
        return a.softplus().sub(xs[2].mul(a)).sum();
    };

    OutputWeightGradientExercise() {
        super(3, "the output-layer weight gradient", OutputWeightGradient.class);
    }

    @Override
    public String statement() {
        return """
                One sigmoid output unit reads H hidden activations z_j through weights v_j, for each of R samples:
                    y_r = σ(Σ_j z_rj v_j),    J = Σ_r [−t_r ln y_r − (1 − t_r) ln(1 − y_r)]   (J sums over samples)
                (Chainrule: new Linear(H, 1, false, random) then sigmoid; its weight is [1, H], v as a row;
                Losses.binaryCrossEntropy(y, t, Reduction.SUM).)
                Derive dJ/dv_j. Use exercise 2: dJ/da_r = y_r − t_r.

                Implement dev.chainrule.exercises.OutputWeightGradient:
                    double[] gradient(double[][] z, double[] v, double[] t)   // z: R×H, v: H, t: R; returns H

                Graded on R = 5, H = 3 with random values, and at the edges v = 0 (every y = 0.5), equal hidden
                values (ties) and large weights (y rounds to 0 or 1).""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(3);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Tensor.randn(random, SAMPLES, HIDDEN).sigmoid(),
                    Reference.randn(random, 2, HIDDEN), Reference.bits(random, SAMPLES)));
        }
        cases.add(new Case("edge: v = 0", Tensor.rand(random, SAMPLES, HIDDEN), Tensor.zeros(HIDDEN),
                Reference.bits(random, SAMPLES)));
        cases.add(new Case("edge: equal hidden values", Tensor.full(0.5, SAMPLES, HIDDEN),
                Reference.randn(random, 1, HIDDEN), Reference.bits(random, SAMPLES)));
        cases.add(new Case("edge: large weights", Tensor.rand(random, SAMPLES, HIDDEN),
                Tensor.of(new double[] {800, -800, 40}), Reference.bits(random, SAMPLES)));
        return cases;
    }

    @Override
    List<Part> expected(Case c, OutputWeightGradient answer) {
        Values right = Reference.gradient(J, c.inputs(), 1);
        Values extraSlope = Reference.value(xs -> {
            Tensor y = xs[0].mul(xs[1]).sum(1).sigmoid();
            Tensor delta = y.sub(xs[2]).mul(y).mul(y.neg().add(1));
            return xs[0].mul(delta.unsqueeze(1)).sum(0);
        }, c.inputs());
        double[] mean = right.data().clone();
        for (int j = 0; j < mean.length; j++) mean[j] /= SAMPLES;
        return List.of(new Part("dJ/dv", right, Reference.numericGradient(J, c.inputs(), 1),
                List.of(new Mistake("you multiplied by σ'(a) = y(1 − y) as squared error would; with"
                                + " cross-entropy dJ/da is just y − t", extraSlope),
                        new Mistake("you averaged over the R = " + SAMPLES + " samples; J sums them",
                                new Values(right.shape(), mean)))));
    }

    @Override
    List<Values> answer(OutputWeightGradient answer, Case c) {
        return List.of(Values.vector(answer.gradient(Reference.matrix(c.input(0)), Reference.vector(c.input(1)),
                Reference.vector(c.input(2)))));
    }

    @Override
    String hint() {
        return "dJ/dv_j = Σ_r dJ/da_r · da_r/dv_j = Σ_r (y_r − t_r) z_rj: one term per sample, all summed.";
    }
}
