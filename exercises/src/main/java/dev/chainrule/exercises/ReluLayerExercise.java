package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Random;

/** Exercise 7: through h = relu(xW), δ = dJ/dh ⊙ [xW > 0]. */
final class ReluLayerExercise extends LayerExercise<ReluLayer> {
    ReluLayerExercise() {
        super(7, "a ReLU layer", ReluLayer.class);
    }

    @Override
    public String statement() {
        return """
                A hidden layer of rectified linear units, h = relu(xW) = max(0, xW) (x: R×I, W: I×H in the
                tutorial's layout; Chainrule: new Linear(I, H, false, random) then new ReLU()).
                Given dJ/dh (R×H) from above, derive dJ/dW (I×H) and dJ/dx (R×I).
                relu has a kink at 0: Chainrule, like PyTorch, takes relu'(0) = 0.

                Implement dev.chainrule.exercises.ReluLayer:
                    LayerGradients backward(double[][] x, double[][] w, double[][] upstream)

                Graded on R = 4, I = 3, H = 2 with random values, and at the edges: pre-activations exactly 0
                (a column of W is zero; finite differences there average the two sides) and equal rows of x.""";
    }

    @Override
    Tensor activation(Tensor a) {
        return a.relu();
    }

    @Override
    LayerGradients backward(ReluLayer answer, double[][] x, double[][] w, double[][] upstream) {
        return answer.backward(x, w, upstream);
    }

    @Override
    List<WrongSlope> mistakes() {
        return List.of(new WrongSlope("you took relu'(0) = 1 (a ≥ 0) where the pre-activation is exactly 0;"
                        + " Chainrule and PyTorch take relu'(0) = 0 (a > 0)", a -> a.ge(0)),
                new WrongSlope("you left out the slope relu'(a) = [a > 0]: δ is dJ/dh where a > 0, else 0",
                        a -> Tensor.ones(a.shape())));
    }

    @Override
    List<Case> cases() {
        Random random = new Random(7);
        List<Case> cases = randomCases(random);
        double[] w = Tensor.randn(random, INPUTS, HIDDEN).toArray();
        for (int i = 0; i < INPUTS; i++) w[i * HIDDEN + 1] = 0;
        cases.add(new Case("edge: pre-activations exactly 0", Tensor.randn(random, SAMPLES, INPUTS),
                Tensor.of(w, INPUTS, HIDDEN), Tensor.randn(random, SAMPLES, HIDDEN)));
        Tensor row = Tensor.randn(random, 1, INPUTS);
        cases.add(new Case("edge: equal rows of x", Tensor.concat(0, row, row, row, row),
                Tensor.randn(random, INPUTS, HIDDEN), Tensor.randn(random, SAMPLES, HIDDEN)));
        return cases;
    }

    @Override
    String hint() {
        return "with δ = dJ/dh ⊙ [xW > 0] (element-wise, R×H, 0 where xW = 0): dJ/dW = xᵀδ and dJ/dx = δWᵀ.";
    }
}
