package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tutorial's XOR: a hidden layer solves it; logistic regression needs the feature x1·x2. */
class XorTest {
    private static final Tensor INPUTS = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final Tensor TARGETS = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

    private static int misclassified(Tensor probabilities) {
        int wrong = 0;
        for (int i = 0; i < 4; i++) if ((probabilities.get(i, 0) > 0.5 ? 1 : 0) != TARGETS.get(i, 0)) wrong++;
        return wrong;
    }

    private static double train(Module model, Tensor inputs, double learningRate, int epochs) {
        SGD sgd = new SGD(model.parameters(), SGD.Options.of(learningRate).withMomentum(0.9));
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            sgd.zeroGrad();
            Tensor value = Losses.binaryCrossEntropy(model.forward(inputs), TARGETS);
            value.backward();
            sgd.step();
            loss = value.item();
        }
        return loss;
    }

    @Test
    void twoThreeOneSigmoidNetworkLearnsXor() {
        Random random = new Random(1);
        Sequential net = new Sequential(new Linear(2, 3, random), new Sigmoid(), new Linear(3, 1, random), new Sigmoid());
        double loss = train(net, INPUTS, 0.5, 2000);
        assertTrue(loss < 0.01, "loss " + loss);
        try (var off = Autograd.noGrad()) {
            assertEquals(0, misclassified(net.forward(INPUTS)));
        }
    }

    @Test
    void logisticRegressionWithTheProductFeatureClassifiesXor() {
        Linear logistic = new Linear(3, 1, new Random(0));
        try (var off = Autograd.noGrad()) {
            logistic.weight().copyFrom(Tensor.of(new double[] {1, 1, -2}, 1, 3));
            logistic.bias().fill(-0.5);
        }
        Tensor x1 = INPUTS.slice(1, 0, 1);
        Tensor x2 = INPUTS.slice(1, 1, 2);
        Tensor withProduct = Tensor.concat(1, INPUTS, x1.mul(x2));
        Tensor p = logistic.forward(withProduct).sigmoid();
        assertEquals(0, misclassified(p));
        assertEquals(1 / (1 + Math.exp(0.5)), p.get(0, 0), 1e-15);
        assertEquals(1 / (1 + Math.exp(-0.5)), p.get(1, 0), 1e-15);
    }

    @Test
    void plainLogisticRegressionCannotClassifyXor() {
        Sequential logistic = new Sequential(new Linear(2, 1, new Random(3)), new Sigmoid());
        train(logistic, INPUTS, 0.5, 2000);
        try (var off = Autograd.noGrad()) {
            assertTrue(misclassified(logistic.forward(INPUTS)) >= 1);
        }
    }
}
