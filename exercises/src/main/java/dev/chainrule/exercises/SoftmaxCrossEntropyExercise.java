package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 5: dJ/da = softmax(a) − t, t the one-hot target. */
final class SoftmaxCrossEntropyExercise extends GradedExercise<SoftmaxCrossEntropy> {
    private static final int CLASSES = 5;
    private static final TensorFunction J = xs -> xs[0].logSoftmax(0).mul(xs[1]).sum().neg();   // −Σ_k t_k ln y_k

    SoftmaxCrossEntropyExercise() {
        super(5, "softmax with cross-entropy", SoftmaxCrossEntropy.class);
    }

    @Override
    public String statement() {
        return """
                A softmax output layer turns K logits a_k into probabilities, and cross-entropy compares them
                with a one-hot target t (t_c = 1 for the right class c):
                    y_k = e^(a_k) / Σ_m e^(a_m),     J = −Σ_k t_k ln y_k = −ln y_c
                (Chainrule: Losses.crossEntropy(logits, labels), which takes the logits, not y.)
                Derive dJ/da_k. Mind that every y_m depends on every a_k.

                Implement dev.chainrule.exercises.SoftmaxCrossEntropy:
                    double[] gradient(double[] a, int target)   // returns K values

                Graded on K = 5 with random logits, and at the edges: logits ±1000 (e^1000 overflows a
                double), all logits equal (ties) and all zero.""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(5);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Reference.randn(random, 3, CLASSES),
                    oneHot(random.nextInt(CLASSES))));
        }
        cases.add(new Case("edge: logits ±1000", Tensor.of(new double[] {1000, -1000, 0, 999, -5}), oneHot(2)));
        cases.add(new Case("edge: equal logits", Tensor.full(2, CLASSES), oneHot(0)));
        cases.add(new Case("edge: zero logits", Tensor.zeros(CLASSES), oneHot(CLASSES - 1)));
        return cases;
    }

    private static Tensor oneHot(int target) {
        double[] data = new double[CLASSES];
        data[target] = 1;
        return Tensor.of(data);
    }

    private static int target(Case c) {
        double[] t = c.input(1).toArray();
        for (int k = 0; k < t.length; k++) if (t[k] == 1) return k;
        throw new IllegalStateException("softmax exercise: a case without a target");
    }

    @Override
    List<Part> expected(Case c, SoftmaxCrossEntropy answer) {
        double[] a = c.input(0).toArray();
        int target = target(c);
        return List.of(new Part("dJ/da", Reference.gradient(J, c.inputs(), 0),
                Reference.numericGradient(J, c.inputs(), 0),
                List.of(new Mistake("you returned softmax(a) without subtracting the one-hot target t",
                                Reference.value(xs -> xs[0].softmax(0), c.inputs())),
                        new Mistake("you used the element-wise sigmoid σ(a_k) in place of the softmax",
                                Reference.value(xs -> xs[0].sigmoid().sub(xs[1]), c.inputs()))),
                element -> " (a = " + a[element] + (element == target ? ", the target class)" : ")")));
    }

    @Override
    List<Values> answer(SoftmaxCrossEntropy answer, Case c) {
        return List.of(Values.vector(answer.gradient(c.input(0).toArray(), target(c))));
    }

    @Override
    String hint() {
        return "dJ/da_k = y_k − t_k; compute y with max(a) subtracted from every logit first, which leaves the"
                + " softmax unchanged and keeps e^(a − max) ≤ 1.";
    }
}
