package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.norm.BatchNorm2d;
import dev.chainrule.nn.pool.AdaptiveAvgPool2d;
import dev.chainrule.nn.pool.MaxPool2d;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vision layers together: Flatten's shapes, a small CNN ({@code Conv2d → BatchNorm2d → ReLU → MaxPool2d →
 * Flatten → Linear}) printed, named and differentiated end to end. Each layer has its own test in the
 * {@code conv}, {@code pool} and {@code norm} packages.
 */
class VisionLayersTest {
    private static Sequential smallCnn(Random random) {
        return new Sequential(new Conv2d(1, 4, 3, Conv2d.Options.of().withPadding(1), random), new BatchNorm2d(4),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 2 * 2, 3, random));
    }

    @Test
    void flattenMergesEveryAxisAfterTheBatchByDefault() {
        Tensor x = Tensor.randn(new Random(0), 2, 3, 4, 5);
        assertArrayEquals(new int[] {2, 60}, new Flatten().forward(x).shape());
        assertArrayEquals(new int[] {120}, new Flatten(0, -1).forward(x).shape());
        assertArrayEquals(new int[] {2, 12, 5}, new Flatten(1, 2).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 20}, new Flatten(-2, -1).forward(x).shape());
        assertArrayEquals(new int[] {4, 5}, new Flatten().forward(Tensor.zeros(4, 5)).shape());
        assertArrayEquals(x.toArray(), new Flatten().forward(x).toArray(), 0.0);
    }

    @Test
    void flattenPassesTheGradientBackInTheInputsShape() {
        GradCheck.assertPasses(xs -> new Flatten().forward(xs[0]), Tensor.randn(new Random(1), 2, 2, 3).requiresGrad(true));
    }

    @Test
    void flattenRejectsAxesOutsideTheInputNamingTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(5)));
        assertTrue(e.getMessage().startsWith("Flatten(startDim=1, endDim=-1): flatten: "), e.getMessage());
        var order = assertThrows(IllegalArgumentException.class,
                () -> new Flatten(2, 1).forward(Tensor.zeros(2, 3, 4)));
        assertEquals("Flatten(startDim=2, endDim=1): flatten: start axis 2 comes after end axis 1", order.getMessage());
    }

    @Test
    void toStringOfASmallCnnShowsEveryLayer() {
        String expected = """
                Sequential(
                  (0): Conv2d(1, 4, kernelSize=[3, 3], padding=[1, 1], bias=true)
                  (1): BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=true, trackRunningStats=true)
                  (2): ReLU()
                  (3): MaxPool2d(kernelSize=[2])
                  (4): Flatten(startDim=1, endDim=-1)
                  (5): Linear(in=16, out=3, bias=true)
                )""";
        assertEquals(expected, smallCnn(new Random(0)).toString());
    }

    @Test
    void aSmallCnnNamesItsStateAsPyTorchAndMapsImagesToClassScores() {
        Sequential net = smallCnn(new Random(0));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "5.weight", "5.bias"), List.copyOf(net.stateDict().keySet()));
        assertEquals(4 * 9 + 4 + 4 + 4 + 16 * 3 + 3, net.numParameters());
        assertArrayEquals(new int[] {5, 3}, net.forward(Tensor.randn(new Random(1), 5, 1, 4, 4)).shape());
        Module global = new Sequential(new Conv2d(3, 8, 3, new Random(1)), new AdaptiveAvgPool2d(1), new Flatten());
        assertArrayEquals(new int[] {2, 8}, global.forward(Tensor.zeros(2, 3, 7, 9)).shape());
    }

    @Test
    void gradientsThroughASmallCnnMatchFiniteDifferencesInBothModes() {
        GradCheckThroughLayer.assertPasses(() -> smallCnn(new Random(2)), Tensor.randn(new Random(3), 2, 1, 4, 4));
        GradCheckThroughLayer.assertPasses(() -> smallCnn(new Random(2)).eval(), Tensor.randn(new Random(4), 2, 1, 4, 4));
    }
}
