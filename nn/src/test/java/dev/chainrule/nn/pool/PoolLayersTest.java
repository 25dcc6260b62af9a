package dev.chainrule.nn.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Pooling;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pooling layers: values and gradients worked by hand on a 4×4 grid, gradients against finite differences,
 * output shapes, no parameters, descriptions, and errors that name the layer and the values.
 */
class PoolLayersTest {
    /** 0..15 as a 4×4 image of one sample and one channel. */
    private static final Tensor GRID = Tensor.arange(16).reshape(1, 1, 4, 4);

    @Test
    void maxPoolTakesEachWindowsLargestAndSendsTheGradientThere() {
        Tensor x = GRID.detach().requiresGrad(true);
        Tensor y = new MaxPool2d(2).forward(x);
        assertArrayEquals(new double[] {5, 7, 13, 15}, y.toArray(), 0.0);
        y.backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4}, x.grad().toArray(), 0.0);
    }

    @Test
    void avgPoolTakesEachWindowsMeanAndSpreadsTheGradientEvenly() {
        Tensor x = GRID.detach().requiresGrad(true);
        Tensor y = new AvgPool2d(2).forward(x);
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, y.toArray(), 0.0);
        y.backward(Tensor.of(new double[] {4, 8, 12, 16}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, x.grad().toArray(), 0.0);
    }

    @Test
    void paddedCellsNeverWinAMaxAndCountInAnAverageOnlyWithCountIncludePad() {
        Tensor x = Tensor.of(new double[] {-1, -2, -3, -4}, 1, 1, 2, 2);
        var window = Pooling.Options.of(2).withStride(1).withPadding(1);      // 3×3 windows of 1, 2 or 4 cells
        assertArrayEquals(new double[] {-1, -1, -2, -1, -1, -2, -3, -3, -4},
                new MaxPool2d(window).forward(x).toArray(), 0.0);
        double[] sums = {-1, -3, -2, -4, -10, -6, -3, -7, -4};
        double[] cells = {1, 2, 1, 2, 4, 2, 1, 2, 1};
        double[] counted = new double[9];
        double[] inside = new double[9];
        for (int i = 0; i < 9; i++) {
            counted[i] = sums[i] / 4;
            inside[i] = sums[i] / cells[i];
        }
        assertArrayEquals(counted, new AvgPool2d(window).forward(x).toArray(), 1e-15);
        assertArrayEquals(inside, new AvgPool2d(window.withCountIncludePad(false)).forward(x).toArray(), 1e-15);
    }

    @Test
    void adaptiveAvgPoolOfSizeOneIsTheGlobalMean() {
        assertArrayEquals(new double[] {7.5}, new AdaptiveAvgPool2d(1).forward(GRID).toArray(), 0.0);
        // rows {0, 1} and {2, 3}; columns {0, 1}, {1, 2}, {2, 3} (PyTorch's overlapping bins)
        assertArrayEquals(new double[] {2.5, 3.5, 4.5, 10.5, 11.5, 12.5},
                new AdaptiveAvgPool2d(2, 3).forward(GRID).toArray(), 1e-15);
    }

    @Test
    void gradientsThroughEveryPoolingLayerMatchFiniteDifferences() {
        GradCheckThroughLayer.assertPasses(() -> new MaxPool2d(2), Tensor.randn(new Random(1), 1, 2, 4, 4));
        GradCheckThroughLayer.assertPasses(() -> new MaxPool2d(Pooling.Options.of(3).withStride(2).withPadding(1)),
                Tensor.randn(new Random(2), 1, 1, 5, 5));
        GradCheckThroughLayer.assertPasses(() -> new MaxPool1d(Pooling.Options.of(2).withDilation(2)),
                Tensor.randn(new Random(3), 2, 2, 7));
        GradCheckThroughLayer.assertPasses(() -> new AvgPool2d(2, 3), Tensor.randn(new Random(4), 1, 2, 4, 6));
        GradCheckThroughLayer.assertPasses(() -> new AvgPool2d(Pooling.Options.of(3).withStride(2).withPadding(1)
                .withCountIncludePad(false)), Tensor.randn(new Random(5), 1, 1, 5, 4));
        GradCheckThroughLayer.assertPasses(() -> new AvgPool1d(Pooling.Options.of(3).withStride(1)),
                Tensor.randn(new Random(6), 2, 2, 5));
        GradCheckThroughLayer.assertPasses(() -> new AdaptiveAvgPool2d(2, 3), Tensor.randn(new Random(7), 1, 2, 5, 7));
    }

    @Test
    void outputShapesFollowTheWindowArithmetic() {
        assertArrayEquals(new int[] {8, 16, 14, 14}, new MaxPool2d(2).forward(Tensor.zeros(8, 16, 28, 28)).shape());
        assertArrayEquals(new int[] {2, 3, 3, 2}, new AvgPool2d(Pooling.Options.of(3).withStride(2).withPadding(1))
                .forward(Tensor.zeros(2, 3, 5, 4)).shape());
        assertArrayEquals(new int[] {2, 3, 3}, new MaxPool1d(2).forward(Tensor.zeros(2, 3, 7)).shape());
        assertArrayEquals(new int[] {4, 5, 1, 1}, new AdaptiveAvgPool2d(1).forward(Tensor.zeros(4, 5, 3, 9)).shape());
    }

    @Test
    void poolingLayersHaveNoParametersOrBuffers() {
        for (Module pool : List.of(new MaxPool2d(2), new MaxPool1d(2), new AvgPool2d(2), new AvgPool1d(2),
                new AdaptiveAvgPool2d(1))) {
            assertTrue(pool.stateDict().isEmpty(), pool.toString());
        }
    }

    @Test
    void describeShowsTheWindowAndTheNonDefaultOptions() {
        assertEquals("MaxPool2d(kernelSize=[2])", new MaxPool2d(2).toString());
        var window = Pooling.Options.of(3).withStride(2).withPadding(1).withCountIncludePad(false);
        assertEquals("AvgPool2d(kernelSize=[3], stride=[2], padding=[1], countIncludePad=false)",
                new AvgPool2d(window).toString());
        assertEquals("AdaptiveAvgPool2d(outputSize=[2, 3])", new AdaptiveAvgPool2d(2, 3).toString());
    }

    @Test
    void aWindowLargerThanTheInputIsRejectedNamingTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 5)));
        assertEquals("MaxPool2d(kernelSize=[3]): maxPool2d: the kernel spans 3 along the height (size 3, dilation 1)"
                + " but the padded input [1, 1, 2, 5] has only 2 there", e.getMessage());
        var sequence = assertThrows(IllegalArgumentException.class,
                () -> new AvgPool1d(4).forward(Tensor.zeros(1, 1, 3)));
        assertTrue(sequence.getMessage().startsWith("AvgPool1d(kernelSize=[4]): avgPool1d: the kernel spans 4 along the"
                + " width"), sequence.getMessage());
    }

    @Test
    void inputsOfTheWrongRankAreRejectedNamingTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(3, 4, 4)));
        assertEquals("MaxPool2d(kernelSize=[2]): maxPool2d: expects a 4-D input [N, C, H, W], got shape [3, 4, 4]",
                e.getMessage());
        var sequence = assertThrows(IllegalArgumentException.class, () -> new MaxPool1d(2).forward(Tensor.zeros(4, 4)));
        assertEquals("MaxPool1d(kernelSize=[2]): maxPool1d: expects a 3-D input [N, C, L], got shape [4, 4]",
                sequence.getMessage());
        var adaptive = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveAvgPool2d(1).forward(Tensor.zeros(3, 4, 4)));
        assertTrue(adaptive.getMessage().startsWith("AdaptiveAvgPool2d(outputSize=[1]): adaptiveAvgPool2d: expects a"
                + " 4-D input"), adaptive.getMessage());
    }

    @Test
    void nonPositiveSizesAndPaddingOverHalfTheWindowAreRejected() {
        var kernel = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0));
        assertEquals("Pooling.Options: kernelSize must be positive, got [0]", kernel.getMessage());
        var stride = assertThrows(IllegalArgumentException.class, () -> Pooling.Options.of(2).withStride(0));
        assertEquals("Pooling.Options: stride must be positive, got [0]", stride.getMessage());
        var output = assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(2, 0));
        assertEquals("AdaptiveAvgPool2d: output size needs 1 or 2 positive values, got [2, 0]", output.getMessage());
        MaxPool2d padded = new MaxPool2d(Pooling.Options.of(2).withPadding(2));
        var padding = assertThrows(IllegalArgumentException.class, () -> padded.forward(Tensor.zeros(1, 1, 4, 4)));
        assertEquals("MaxPool2d(kernelSize=[2], padding=[2]): maxPool2d: padding [2] must be at most half the kernel"
                + " size [2]", padding.getMessage());
    }
}
