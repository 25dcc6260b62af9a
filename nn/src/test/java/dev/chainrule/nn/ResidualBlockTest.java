package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResidualBlock}, a custom {@link Module} and the README's example: its output shape, gradients against
 * finite differences in training and evaluation, its state_dict in PyTorch's names and order, and a few SGD steps
 * that fit a toy target.
 */
class ResidualBlockTest {
    @Test
    void outputHasTheInputsShape() {
        ResidualBlock block = new ResidualBlock(8, new Random(0));
        assertArrayEquals(new int[] {4, 8, 6, 5}, block.forward(Tensor.randn(new Random(1), 4, 8, 6, 5)).shape());
    }

    @Test
    void stateDictHoldsEachLayersParametersThenBuffersInPyTorchsOrder() {
        ResidualBlock block = new ResidualBlock(4, new Random(0));
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "bn2.num_batches_tracked"), List.copyOf(block.stateDict().keySet()));
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias"),
                List.copyOf(block.namedParameters().keySet()));
        assertEquals(2 * (4 * 4 * 9 + 2 * 4), block.numParameters());
    }

    @Test
    void gradientWithRespectToTheInputMatchesFiniteDifferencesInTrainingMode() {
        ResidualBlock block = new ResidualBlock(2, new Random(1));
        GradCheck.assertPasses(xs -> block.forward(xs[0]), Tensor.randn(new Random(2), 2, 2, 3, 3).requiresGrad(true));
    }

    @Test
    void gradientWithRespectToTheInputMatchesFiniteDifferencesInEvaluationMode() {
        ResidualBlock block = new ResidualBlock(2, new Random(1));
        for (int i = 0; i < 3; i++) block.forward(Tensor.randn(new Random(10 + i), 4, 2, 3, 3));   // running statistics move
        block.eval();
        GradCheck.assertPasses(xs -> block.forward(xs[0]), Tensor.randn(new Random(3), 2, 2, 3, 3).requiresGrad(true));
    }

    @Test
    void gradientsWithRespectToEveryParameterMatchFiniteDifferences() {
        GradCheckThroughLayer.assertPasses(() -> new ResidualBlock(2, new Random(1)), Tensor.randn(new Random(4), 2, 2, 3, 3));
    }

    @Test
    void aFewSgdStepsReduceTheLossOnAToyTarget() {
        ResidualBlock block = new ResidualBlock(2, new Random(0));
        Tensor x = Tensor.randn(new Random(5), 4, 2, 4, 4);
        Tensor target = x.mul(0.5).relu();
        var sgd = new SGD(block.parameters(), 0.1);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 10; step++) {
            block.zeroGrad();
            Tensor loss = Losses.mse(block.forward(x), target);
            loss.backward();
            sgd.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
    }
}
