package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 2: for y = σ(a) and cross-entropy J, dJ/da = y − t. */
final class SigmoidCrossEntropyExercise extends GradedExercise<SigmoidCrossEntropy> {
    // J = Σ −t ln σ(a) − (1 − t) ln(1 − σ(a)) = Σ softplus(a) − t·a, written stably.
    static final TensorFunction J = xs -> xs[0].softplus().sub(xs[1].mul(xs[0])).sum();

    SigmoidCrossEntropyExercise() {
        super(2, "cross-entropy on a sigmoid output", SigmoidCrossEntropy.class);
    }

    @Override
    public String statement() {
        return """
                The output unit y = σ(a) is a probability; with target t in [0, 1] the cross-entropy error is
                    J = −t ln y − (1 − t) ln(1 − y)
                (Chainrule: Losses.binaryCrossEntropy(y, t), or binaryCrossEntropyWithLogits on a).
                Derive dJ/da, the error signal at the output unit's net input: dJ/dy times dy/da, simplified.

                Implement dev.chainrule.exercises.SigmoidCrossEntropy:
                    double gradient(double a, double t)     // dJ/da

                Graded at random a with targets 0 or 1 and with soft targets, and at the edges a = 0, ±40, ±800,
                where y rounds to exactly 0 or 1.""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(2);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            cases.add(new Case("random " + i, Reference.randn(random, 3, 8), Reference.bits(random, 8)));
        }
        cases.add(new Case("random soft targets", Reference.randn(random, 3, 8), Tensor.rand(random, 8)));
        cases.add(new Case("edge: a = 0, ±40, ±800 with t = 0 and 1",
                Tensor.of(new double[] {0, 0, 800, 800, -800, -800, 40, -40}),
                Tensor.of(new double[] {0, 1, 0, 1, 0, 1, 1, 0})));
        return cases;
    }

    @Override
    List<Part> expected(Case c, SigmoidCrossEntropy answer) {
        Tensor a = c.input(0);
        Tensor t = c.input(1);
        Values extraSlope = Reference.value(xs -> {
            Tensor y = xs[0].sigmoid();
            return y.sub(xs[1]).mul(y).mul(y.neg().add(1));
        }, a, t);
        Values dJdy = Reference.value(xs -> {
            Tensor y = xs[0].sigmoid();
            return y.sub(xs[1]).div(y.mul(y.neg().add(1)));
        }, a, t);
        return List.of(new Part("dJ/da", Reference.gradient(J, c.inputs(), 0),
                Reference.numericGradient(J, c.inputs(), 0),
                List.of(new Mistake("you multiplied (y − t) by σ'(a) = y(1 − y) once more; with cross-entropy the"
                                + " σ' cancels against dJ/dy's denominator", extraSlope),
                        new Mistake("you stopped at dJ/dy = (y − t) / (y(1 − y)); multiply by dy/da = y(1 − y)",
                                dJdy)),
                element -> " (at a = " + a.toArray()[element] + ", t = " + t.toArray()[element] + ")"));
    }

    @Override
    List<Values> answer(SigmoidCrossEntropy answer, Case c) {
        double[] a = c.input(0).toArray();
        double[] t = c.input(1).toArray();
        double[] result = new double[a.length];
        for (int i = 0; i < a.length; i++) result[i] = answer.gradient(a[i], t[i]);
        return List.of(Values.vector(result));
    }

    @Override
    String hint() {
        return "dJ/dy = −t/y + (1 − t)/(1 − y) and dy/da = y(1 − y); multiply and simplify before you code it:"
                + " the simplified form stays finite when y rounds to 0 or 1.";
    }
}
