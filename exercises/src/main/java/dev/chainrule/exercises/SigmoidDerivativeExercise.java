package dev.chainrule.exercises;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Exercise 1: dσ/da = σ(a)(1 − σ(a)). */
final class SigmoidDerivativeExercise extends GradedExercise<SigmoidDerivative> {
    private static final TensorFunction J = xs -> xs[0].sigmoid().sum();       // Σ σ(a_i): dJ/da_i = σ'(a_i)

    SigmoidDerivativeExercise() {
        super(1, "the sigmoid's derivative", SigmoidDerivative.class);
    }

    @Override
    public String statement() {
        return """
                A logistic unit squashes its net input a into (0, 1):
                    σ(a) = 1 / (1 + e^(−a))                      (Chainrule: a.sigmoid())
                Derive dσ/da and write it as a function of a. Hint of the tutorial: express it through σ(a)
                itself; the result is what backpropagation multiplies by at every logistic unit.

                Implement dev.chainrule.exercises.SigmoidDerivative:
                    double derivative(double a)     // dσ/da at a

                Graded at random points and at the edges a = 0, ±40, ±800, where a careless formula
                overflows (e^800 is infinite in double).""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(1);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) cases.add(new Case("random " + i, Reference.randn(random, 3, 12)));
        cases.add(new Case("edge: a = 0, ±40, ±800", Tensor.of(new double[] {0, 40, -40, 800, -800, 1e-9})));
        return cases;
    }

    @Override
    List<Part> expected(Case c, SigmoidDerivative answer) {
        Tensor a = c.input(0);
        Values y = Reference.value(x -> x[0].sigmoid(), a);
        return List.of(new Part("dσ/da", Reference.gradient(J, c.inputs(), 0),
                Reference.numericGradient(J, c.inputs(), 0),
                List.of(new Mistake("you returned σ(a) itself; the derivative is σ(a) times (1 − σ(a))", y)),
                element -> " (at a = " + a.toArray()[element] + ")"));
    }

    @Override
    List<Values> answer(SigmoidDerivative answer, Case c) {
        double[] a = c.input(0).toArray();
        double[] result = new double[a.length];
        for (int i = 0; i < a.length; i++) result[i] = answer.derivative(a[i]);
        return List.of(Values.vector(result));
    }

    @Override
    String hint() {
        return "σ'(a) = σ(a)(1 − σ(a)); compute σ(a) once, stably (for a < 0 use e^a / (1 + e^a)), then multiply.";
    }

    /** The student's derivative as the backward rule of a sigmoid inside a small network. */
    @Override
    Optional<String> locate(SigmoidDerivative answer) {
        Activation sigmoid = Activation.of("sigmoid with your derivative", SigmoidDerivativeExercise::sigmoid,
                answer::derivative);
        Random random = new Random(11);
        Tensor x = Tensor.randn(random, 4, 3).requiresGrad(true);
        Tensor w = Tensor.randn(random, 3, 2).requiresGrad(true);
        return Locating.locate(xs -> sigmoid.apply(xs[0].matmul(xs[1])).sum(), x, w);
    }

    static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }
}
