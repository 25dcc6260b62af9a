package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Exercise 9: dJ/dV = Zᵀ(Y − T), dJ/dW = Xᵀ[((Y − T)Vᵀ) ⊙ Z ⊙ (1 − Z)]. */
final class NetworkGradientExercise extends GradedExercise<NetworkGradient> {
    private static final int SAMPLES = 5;
    private static final int INPUTS = 4;
    private static final int HIDDEN = 3;
    private static final int CLASSES = 3;
    private static final TensorFunction J =
            xs -> xs[0].matmul(xs[1]).sigmoid().matmul(xs[2]).logSoftmax(1).mul(xs[3]).sum().neg();

    NetworkGradientExercise() {
        super(9, "the whole 2-layer network in matrix form", NetworkGradient.class);
    }

    @Override
    public String statement() {
        return """
                The digits demo's network over a batch of R samples, in matrix form:
                    Z = σ(XW)  (X: R×I, W: I×H),   Y = softmax(ZV) row by row  (V: H×K),
                    J = −Σ_r Σ_k T_rk ln Y_rk     (T: one-hot targets, R×K; J sums over the batch)
                (Chainrule: Sequential(Linear(I, H), Sigmoid(), Linear(H, K)) with Losses.crossEntropy and
                Reduction.SUM; each Linear.weight() is the transpose of W or V and the layers have biases.)
                Derive dJ/dV and dJ/dW as matrix products (exercises 4 and 5 are the one-sample case), and code
                them with Tensor ops (matmul, t(), mul, sub, sigmoid, softmax) but without autograd: the grader
                runs your code under Autograd.noGrad().

                Implement dev.chainrule.exercises.NetworkGradient:
                    NetworkGradients gradients(Tensor x, Tensor w, Tensor v, Tensor t)
                    // return new NetworkGradients(dJdW, dJdV)

                Graded on R = 5, I = 4, H = 3, K = 3 with random values and at the edges W = V = 0 (every class
                equally likely) and large weights (saturated units).""";
    }

    @Override
    List<Case> cases() {
        Random random = new Random(9);
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cases.add(new Case("random " + i, Tensor.randn(random, SAMPLES, INPUTS),
                    Tensor.randn(random, INPUTS, HIDDEN), Tensor.randn(random, HIDDEN, CLASSES),
                    Reference.oneHot(random, SAMPLES, CLASSES)));
        }
        cases.add(new Case("edge: W = 0 and V = 0", Tensor.randn(random, SAMPLES, INPUTS),
                Tensor.zeros(INPUTS, HIDDEN), Tensor.zeros(HIDDEN, CLASSES), Reference.oneHot(random, SAMPLES, CLASSES)));
        cases.add(new Case("edge: large weights", Tensor.randn(random, SAMPLES, INPUTS),
                Reference.randn(random, 30, INPUTS, HIDDEN), Reference.randn(random, 30, HIDDEN, CLASSES),
                Reference.oneHot(random, SAMPLES, CLASSES)));
        return cases;
    }

    @Override
    List<Part> expected(Case c, NetworkGradient answer) {
        Values dW = Reference.gradient(J, c.inputs(), 1);
        Values dV = Reference.gradient(J, c.inputs(), 2);
        return List.of(
                new Part("dJ/dW", dW, Reference.numericGradient(J, c.inputs(), 1), List.of(
                        new Mistake("you left out the hidden units' slope σ'(XW) = Z ⊙ (1 − Z)",
                                Reference.value(xs -> {
                                    Tensor z = xs[0].matmul(xs[1]).sigmoid();
                                    Tensor error = z.matmul(xs[2]).softmax(1).sub(xs[3]);
                                    return xs[0].t().matmul(error.matmul(xs[2].t()));
                                }, c.inputs())),
                        averaged(dW))),
                new Part("dJ/dV", dV, Reference.numericGradient(J, c.inputs(), 2), List.of(
                        new Mistake("you used Y in place of Y − T: the target's term is missing",
                                Reference.value(xs -> {
                                    Tensor z = xs[0].matmul(xs[1]).sigmoid();
                                    return z.t().matmul(z.matmul(xs[2]).softmax(1));
                                }, c.inputs())),
                        averaged(dV))));
    }

    private static Mistake averaged(Values right) {
        double[] mean = right.data().clone();
        for (int i = 0; i < mean.length; i++) mean[i] /= SAMPLES;
        return new Mistake("you averaged over the R = " + SAMPLES + " samples; J sums them",
                new Values(right.shape(), mean));
    }

    @Override
    List<Values> answer(NetworkGradient answer, Case c) {
        Tensor[] copies = Reference.copies(c.inputs());
        NetworkGradients gradients = answer.gradients(copies[0], copies[1], copies[2], copies[3]);
        if (gradients == null) throw new AnswerProblem("your gradients(...) returned null");
        return List.of(Values.of(gradients.w()), Values.of(gradients.v()));
    }

    @Override
    String hint() {
        return "with E = Y − T (R×K): dJ/dV = ZᵀE (H×K); the error reaching the hidden layer is EVᵀ ⊙ Z ⊙ (1 − Z)"
                + " (R×H), and dJ/dW = Xᵀ times it (I×H).";
    }
}
