package dev.chainrule.exercises;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Random;

/** Exercise 6: through h = tanh(xW), δ = dJ/dh ⊙ (1 − h²). */
final class TanhLayerExercise extends LayerExercise<TanhLayer> {
    TanhLayerExercise() {
        super(6, "a tanh layer", TanhLayer.class);
    }

    @Override
    public String statement() {
        return """
                A hidden layer of tanh units, h = tanh(xW) (x: R×I, W: I×H in the tutorial's layout;
                Chainrule: new Linear(I, H, false, random) then new Tanh(), with Linear.weight() = Wᵀ).
                Backpropagation hands the layer dJ/dh (R×H) from above; the layer returns the gradient of its
                weights and the gradient it passes down. Derive both: dJ/dW (I×H) and dJ/dx (R×I).
                tanh'(a) = 1 − tanh²(a).

                Implement dev.chainrule.exercises.TanhLayer:
                    LayerGradients backward(double[][] x, double[][] w, double[][] upstream)
                    // return new LayerGradients(dJdW, dJdx)

                Graded on R = 4, I = 3, H = 2 with random values, and at the edges x = 0 and large pre-activations
                (|xW| about 100, where tanh saturates and its slope is 0).""";
    }

    @Override
    Tensor activation(Tensor a) {
        return a.tanh();
    }

    @Override
    LayerGradients backward(TanhLayer answer, double[][] x, double[][] w, double[][] upstream) {
        return answer.backward(x, w, upstream);
    }

    @Override
    List<WrongSlope> mistakes() {
        return List.of(new WrongSlope("you used the sigmoid's slope h(1 − h) in place of tanh' = 1 − h²",
                        a -> a.tanh().mul(a.tanh().neg().add(1))),
                new WrongSlope("you left out the slope tanh'(a) = 1 − h²: δ is dJ/dh ⊙ (1 − h²)",
                        a -> Tensor.ones(a.shape())));
    }

    @Override
    List<Case> cases() {
        Random random = new Random(6);
        List<Case> cases = randomCases(random);
        cases.add(new Case("edge: x = 0", Tensor.zeros(SAMPLES, INPUTS), Tensor.randn(random, INPUTS, HIDDEN),
                Tensor.randn(random, SAMPLES, HIDDEN)));
        cases.add(new Case("edge: large pre-activations", Reference.randn(random, 10, SAMPLES, INPUTS),
                Reference.randn(random, 10, INPUTS, HIDDEN), Tensor.randn(random, SAMPLES, HIDDEN)));
        return cases;
    }

    @Override
    String hint() {
        return "with δ = dJ/dh ⊙ (1 − h²) (element-wise, R×H): dJ/dW = xᵀδ and dJ/dx = δWᵀ.";
    }
}
