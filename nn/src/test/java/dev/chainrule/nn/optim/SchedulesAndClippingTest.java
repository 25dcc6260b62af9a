package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesAndClippingTest {

    private static SGD optimizer(double learningRate) {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), learningRate);
    }

    private static double[] learningRates(Optimizer optimizer, LearningRateSchedule schedule, int steps) {
        double[] rates = new double[steps];
        for (int i = 0; i < steps; i++) {
            schedule.step();
            rates[i] = optimizer.learningRate();
        }
        return rates;
    }

    @Test
    void stepDecayMultipliesByGammaEveryStepSizeSteps() {
        SGD sgd = optimizer(1.0);
        StepDecay schedule = new StepDecay(sgd, 2, 0.5);
        assertArrayEquals(new double[] {1, 0.5, 0.5, 0.25, 0.25, 0.125}, learningRates(sgd, schedule, 6), 0.0);
        assertEquals(6, schedule.stepCount());
        assertEquals("StepDecay: stepSize must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new StepDecay(sgd, 0, 0.5)).getMessage());
    }

    @Test
    void cosineAnnealingFollowsHalfACosineDownToMinLr() {
        SGD sgd = optimizer(1.0);
        CosineAnnealing schedule = new CosineAnnealing(sgd, 4, 0.1);
        double[] expected = new double[5];
        for (int t = 1; t <= 4; t++) expected[t - 1] = 0.1 + 0.9 * (1 + Math.cos(Math.PI * t / 4)) / 2;
        expected[4] = 0.1 + 0.9 * (1 + Math.cos(Math.PI * 5 / 4)) / 2;
        assertArrayEquals(expected, learningRates(sgd, schedule, 5), 1e-15);
        assertEquals(0.55, schedule.learningRateAt(2), 1e-15);
        assertEquals(0.1, schedule.learningRateAt(4), 1e-15);
        assertEquals(1.0, schedule.learningRateAt(0), 0.0);
        assertEquals(0.0, new CosineAnnealing(optimizer(2.0), 10).learningRateAt(10), 1e-15);
    }

    @Test
    void clipGradNormScalesAllGradientsTogetherAndReturnsTheTotalNorm() {
        Tensor a = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {12}).requiresGrad(true);
        Tensor unused = Tensor.of(new double[] {100}).requiresGrad(true);
        a.mul(a).mul(0.5).sum().add(b.mul(b).mul(0.5).sum()).backward();   // grads equal the values
        double total = GradientClipping.clipGradNorm(List.of(a, b, unused), 6.5);
        assertEquals(13.0, total, 1e-15);
        double coefficient = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * coefficient, 4 * coefficient}, a.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {12 * coefficient}, b.grad().toArray(), 1e-15);
        assertEquals(13.0 * coefficient, GradientClipping.clipGradNorm(List.of(a, b), 100), 1e-12);
        assertArrayEquals(new double[] {12 * coefficient}, b.grad().toArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(List.of(a), -1));
    }
}
