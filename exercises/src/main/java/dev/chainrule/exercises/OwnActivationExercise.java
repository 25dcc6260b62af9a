package dev.chainrule.exercises;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Exercise 10: f' of the student's own f, graded by central finite differences of that f (there is no autograd
 * answer to compare with), away from its kinks.
 */
final class OwnActivationExercise extends GradedExercise<OwnActivation> {
    private static final double STEP = 1e-6;

    OwnActivationExercise() {
        super(10, "an activation of your own", OwnActivation.class);
    }

    @Override
    public String statement() {
        return """
                Invent an activation f (softsign x / (1 + |x|), swish x·σ(x), a scaled tanh, a polynomial...),
                derive f', and code both. With them Chainrule makes a layer: Activation.of(name, f, f') records
                an op like the built-in tanh, so backward(), GraphExport and GradCheck.locate see it.

                Implement dev.chainrule.exercises.OwnActivation:
                    String name();  double f(double x);  double derivative(double x)

                Graded by central finite differences of your f, (f(x + h) − f(x − h)) / 2h with h = 1e-6, within
                GradCheck's tolerances (1e-5 + 1e-3·|f'|), on a grid from −6 to 6, at random points and at ±30.
                Points where f has a kink (the one-sided differences disagree, as relu at 0) are skipped:
                f' is not defined there. Then your f' runs as the backward rule of Activation.of inside a small
                network, where GradCheck.locate checks it on the values that flow through it.""";
    }

    @Override
    double absoluteTolerance() {
        return 1e-5;
    }

    @Override
    double relativeTolerance() {
        return 1e-3;
    }

    @Override
    List<Case> cases() {
        double[] grid = new double[49];
        for (int i = 0; i < grid.length; i++) grid[i] = -6 + 0.25 * i;
        Random random = new Random(10);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("grid from -6 to 6", Tensor.of(grid)));
        cases.add(new Case("random", Reference.randn(random, 3, 16)));
        cases.add(new Case("edge: x = ±30", Tensor.of(new double[] {30, -30})));
        return cases;
    }

    @Override
    List<Part> expected(Case c, OwnActivation answer) {
        double[] x = smoothPoints(answer, c);
        double[] slope = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double plus = answer.f(x[i] + STEP);
            double minus = answer.f(x[i] - STEP);
            if (!Double.isFinite(plus) || !Double.isFinite(minus)) {
                throw new AnswerProblem("your f is not finite near x = " + x[i] + ": f(x ± h) = " + plus + ", "
                        + minus);
            }
            slope[i] = (plus - minus) / (2 * STEP);
        }
        Values numeric = Values.vector(slope);
        return List.of(new Part("f'(x)", numeric, numeric, List.of(), element -> " (at x = " + x[element] + ")"));
    }

    /** The case's points where f has no kink: the left and right differences agree. */
    private static double[] smoothPoints(OwnActivation answer, Case c) {
        double[] points = c.input(0).toArray();
        double[] kept = new double[points.length];
        int n = 0;
        for (double x : points) {
            double center = answer.f(x);
            double right = (answer.f(x + STEP) - center) / STEP;
            double left = (center - answer.f(x - STEP)) / STEP;
            if (!(Math.abs(right - left) > 1e-2 * Math.max(1, Math.max(Math.abs(left), Math.abs(right))))) {
                kept[n++] = x;
            }
        }
        return java.util.Arrays.copyOf(kept, n);
    }

    @Override
    List<Values> answer(OwnActivation answer, Case c) {
        double[] x = smoothPoints(answer, c);
        double[] result = new double[x.length];
        for (int i = 0; i < x.length; i++) result[i] = answer.derivative(x[i]);
        return List.of(Values.vector(result));
    }

    @Override
    Optional<String> locate(OwnActivation answer) {
        Activation activation = Activation.of(answer.name(), answer::f, answer::derivative);
        Random random = new Random(10);
        Tensor x = Tensor.randn(random, 4, 3).requiresGrad(true);
        Tensor w = Tensor.randn(random, 3, 2).requiresGrad(true);
        return Locating.locate(xs -> activation.apply(xs[0].matmul(xs[1])).sum(), x, w);
    }

    @Override
    String hint() {
        return "differentiate f term by term (product, quotient and chain rules), and check f' at a few points"
                + " against (f(x + h) − f(x − h)) / 2h yourself.";
    }
}
