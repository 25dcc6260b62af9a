package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 8: dJ/da = Σ_k (y_k − t_k) v_k · z(1 − z), one term per path from a to J. */
final class FanOutGradientExercise extends GradedExercise<FanOutGradient> {
    private static final int SAMPLES = 6;
    private static final int OUTPUTS = 3;
    // z = σ(a) per sample, output logits z·v_k, J = Σ_r Σ_k softplus(z v_k) − t_rk z v_k.
    private static final TensorFunction J = xs -> {
        Tensor logits = xs[0].sigmoid().unsqueeze(1).mul(xs[1]);
        return logits.softplus().sub(xs[2].mul(logits)).sum();
    };

    FanOutGradientExercise() {
        super(8, "the total derivative: one value feeds several ops", FanOutGradient.class);
    }

    @Override
    public String statement() {
        return """
                One hidden unit z = σ(a) feeds K = 3 sigmoid outputs, each with its own weight and target:
                    y_k = σ(z v_k),    J = Σ_k cross-entropy(y_k, t_k)
                a reaches J along K paths. The total-derivative rule: dJ/da is the sum over the paths of the
                product of the local derivatives along each (Chainrule's engine sums them the same way, and
                Derivation.of(J, a) prints the paths).

                Implement dev.chainrule.exercises.FanOutGradient:
                    double gradient(double a, double[] v, double[] t)   // v, t: K values

                Graded on 6 samples per case: random values, and at the edges a = 0 with v = 0, large |a| (z rounds
                to 0 or 1) and equal weights (ties).""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(8);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Reference.randn(random, 2, SAMPLES),
                    Reference.randn(random, 2, OUTPUTS), Reference.bits(random, SAMPLES, OUTPUTS)));
        }
        cases.add(new Case("edge: a = 0 and v = 0", Tensor.zeros(SAMPLES), Tensor.zeros(OUTPUTS),
                Reference.bits(random, SAMPLES, OUTPUTS)));
        cases.add(new Case("edge: large |a|", Tensor.of(new double[] {40, -40, 800, -800, 20, -20}),
                Tensor.randn(random, OUTPUTS), Reference.bits(random, SAMPLES, OUTPUTS)));
        cases.add(new Case("edge: equal weights", Tensor.randn(random, SAMPLES), Tensor.full(1.5, OUTPUTS),
                Reference.bits(random, SAMPLES, OUTPUTS)));
        return cases;
    }

    @Override
    List<Part> expected(Case c, FanOutGradient answer) {
        List<Mistake> mistakes = new ArrayList<>();
        for (int k = 0; k < OUTPUTS; k++) {
            int dropped = k;
            mistakes.add(new Mistake("you dropped the path through output " + k + " (of " + OUTPUTS + "): a feeds"
                    + " every output, and the total derivative sums (y_k − t_k) v_k over all of them",
                    paths(c, j -> j != dropped, true)));
        }
        mistakes.add(new Mistake("you kept only the path through output 0; the total derivative sums all "
                + OUTPUTS + " paths", paths(c, j -> j == 0, true)));
        mistakes.add(new Mistake("you left out the hidden unit's slope σ'(a) = z(1 − z)",
                paths(c, j -> true, false)));
        double[] a = c.input(0).toArray();
        return List.of(new Part("dJ/da", Reference.gradient(J, c.inputs(), 0),
                Reference.numericGradient(J, c.inputs(), 0), mistakes,
                element -> " (sample " + element + ", a = " + a[element] + ")"));
    }

    /** Σ over the kept paths k of (y_k − t_k) v_k, times z(1 − z) when {@code slope}. */
    private static Values paths(Case c, java.util.function.IntPredicate keep, boolean slope) {
        double[] mask = new double[OUTPUTS];
        for (int k = 0; k < OUTPUTS; k++) mask[k] = keep.test(k) ? 1 : 0;
        return Reference.value(xs -> {
            Tensor z = xs[0].sigmoid();
            Tensor y = z.unsqueeze(1).mul(xs[1]).sigmoid();
            Tensor sum = y.sub(xs[2]).mul(xs[1]).mul(Tensor.of(mask)).sum(1);
            return slope ? sum.mul(z.mul(z.neg().add(1))) : sum;
        }, c.inputs());
    }

    @Override
    List<Values> answer(FanOutGradient answer, Case c) {
        double[] a = c.input(0).toArray();
        double[] v = c.input(1).toArray();
        double[][] t = Reference.matrix(c.input(2));
        double[] result = new double[a.length];
        for (int r = 0; r < a.length; r++) result[r] = answer.gradient(a[r], v.clone(), t[r]);
        return List.of(Values.vector(result));
    }

    @Override
    String hint() {
        return "dJ/da = Σ_k dJ/dy_k · dy_k/dz · dz/da = [Σ_k (y_k − t_k) v_k] · z(1 − z): sum every path.";
    }
}
