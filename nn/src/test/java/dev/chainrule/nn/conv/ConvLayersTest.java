package dev.chainrule.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conv1d and Conv2d: gradients through the layer (input, weight and bias) against finite differences, PyTorch's
 * default initialisation from a seeded {@code Random}, output shapes, descriptions, and errors that name the layer
 * and the values. The numbers themselves are replayed against PyTorch in {@code LayerOracleTest}.
 */
class ConvLayersTest {
    @Test
    void conv2dGradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        GradCheckThroughLayer.assertPasses(() -> new Conv2d(2, 3, 3, new Random(1)), Tensor.randn(new Random(2), 2, 2, 5, 4));
        GradCheckThroughLayer.assertPasses(() -> new Conv2d(2, 2, new int[] {2, 3},
                Conv2d.Options.of().withStride(2, 1).withPadding(1, 0).withDilation(1, 2), new Random(3)),
                Tensor.randn(new Random(4), 1, 2, 5, 6));
        var grouped = Conv2d.Options.of().withGroups(2).withPadding("same").withBias(false);
        GradCheckThroughLayer.assertPasses(() -> new Conv2d(4, 2, 3, grouped, new Random(5)), Tensor.randn(new Random(6), 1, 4, 4, 4));
    }

    @Test
    void conv1dGradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        GradCheckThroughLayer.assertPasses(() -> new Conv1d(2, 3, 3, new Random(1)), Tensor.randn(new Random(7), 2, 2, 6));
        GradCheckThroughLayer.assertPasses(() -> new Conv1d(4, 2, 2, Conv1d.Options.of().withStride(2).withPadding(1)
                .withDilation(2).withGroups(2), new Random(8)), Tensor.randn(new Random(9), 2, 4, 7));
    }

    @Test
    void conv2dSecondDerivativesWithRespectToTheInputMatchFiniteDifferences() {
        Conv2d conv = new Conv2d(2, 2, 3, Conv2d.Options.of().withPadding(1), new Random(2));
        Tensor x = Tensor.randn(new Random(3), 1, 2, 3, 3).requiresGrad(true);
        GradCheck.assertSecondOrderPasses(xs -> conv.forward(xs[0]).tanh(), x);
    }

    @Test
    void outputSizeIsFloorOfPaddedInputMinusDilatedKernelOverStridePlusOne() {
        Conv2d conv = new Conv2d(3, 8, new int[] {3, 2}, Conv2d.Options.of().withStride(2).withPadding(1, 0)
                .withDilation(1, 2), new Random(0));
        // H: ⌊(9 + 2 − 2 − 1) / 2⌋ + 1 = 5; W: ⌊(7 − 2 − 1) / 2⌋ + 1 = 3
        assertArrayEquals(new int[] {2, 8, 5, 3}, conv.forward(Tensor.zeros(2, 3, 9, 7)).shape());
        Conv1d same = new Conv1d(2, 4, 4, Conv1d.Options.of().withPadding("same"), new Random(0));
        assertArrayEquals(new int[] {3, 4, 10}, same.forward(Tensor.zeros(3, 2, 10)).shape());
    }

    @Test
    void weightAndBiasAreUniformWithinOneOverSquareRootOfFanIn() {
        Conv2d conv = new Conv2d(6, 16, 3, Conv2d.Options.of().withGroups(2), new Random(0));
        assertArrayEquals(new int[] {16, 3, 3, 3}, conv.weight().shape());
        assertArrayEquals(new int[] {16}, conv.bias().shape());
        double bound = 1 / Math.sqrt(3 * 3 * 3);          // fanIn = in/groups · kh · kw = 27
        assertWithinAndFilling(conv.weight(), bound);
        assertWithinAndFilling(new Conv1d(4, 64, 5, new Random(1)).bias(), 1 / Math.sqrt(4 * 5));
        assertTrue(conv.weight().requiresGrad() && conv.bias().requiresGrad());
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
    }

    @Test
    void sameSeedGivesIdenticalBitsAndDifferentSeedsDiffer() {
        Conv2d a = new Conv2d(3, 4, 3, new Random(42));
        Conv2d b = new Conv2d(3, 4, 3, new Random(42));
        Conv2d c = new Conv2d(3, 4, 3, new Random(43));
        assertArrayEquals(a.weight().toArray(), b.weight().toArray(), 0.0);
        assertArrayEquals(a.bias().toArray(), b.bias().toArray(), 0.0);
        assertFalse(Arrays.equals(a.weight().toArray(), c.weight().toArray()));
        a.resetParameters(new Random(43));
        assertArrayEquals(c.weight().toArray(), a.weight().toArray(), 0.0);
    }

    @Test
    void withoutBiasTheLayerHasOnlyAWeight() {
        Conv2d conv = new Conv2d(2, 3, 1, Conv2d.Options.of().withBias(false), new Random(0));
        assertNull(conv.bias());
        assertEquals(List.of("weight"), List.copyOf(conv.stateDict().keySet()));
    }

    @Test
    void describeShowsChannelsKernelAndTheNonDefaultOptions() {
        assertEquals("Conv2d(3, 16, kernelSize=[3, 3], bias=true)", new Conv2d(3, 16, 3).toString());
        assertEquals("Conv2d(8, 8, kernelSize=[3, 1], stride=[2, 2], padding=[1, 0], dilation=[2, 2], groups=4,"
                + " bias=false)", new Conv2d(8, 8, new int[] {3, 1}, Conv2d.Options.of().withStride(2)
                .withPadding(1, 0).withDilation(2).withGroups(4).withBias(false), new Random(0)).toString());
        assertEquals("Conv1d(2, 4, kernelSize=[5], padding=same, bias=true)",
                new Conv1d(2, 4, 5, Conv1d.Options.of().withPadding("same"), new Random(0)).toString());
    }

    @Test
    void inputWithTheWrongChannelCountIsRejectedNamingTheLayer() {
        Conv2d conv = new Conv2d(3, 16, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 4, 8, 8)));
        assertEquals("Conv2d(3 -> 16): input has 4 channels; expected [N, 3, H, W]", e.getMessage());
    }

    @Test
    void inputOfTheWrongRankIsRejectedNamingTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 16, 3).forward(Tensor.zeros(3, 8, 8)));
        assertEquals("Conv2d(3 -> 16): input of shape [3, 8, 8] is not 4-D; expected [N, 3, H, W]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv1d(2, 4, 3).forward(Tensor.zeros(1, 2, 5, 5)));
        assertEquals("Conv1d(2 -> 4): input of shape [1, 2, 5, 5] is not 3-D; expected [N, 2, L]", e.getMessage());
    }

    @Test
    void kernelLargerThanThePaddedInputIsRejectedNamingTheLayer() {
        Conv2d conv = new Conv2d(1, 2, 5, Conv2d.Options.of().withPadding(1), new Random(0));
        var e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 1, 2, 9)));
        assertTrue(e.getMessage().startsWith("Conv2d(1 -> 2): "), e.getMessage());
        assertTrue(e.getMessage().contains("the kernel spans 5 along the height"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 1, 2, 9] has only 4 there"), e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRejectedWithTheirValues() {
        var kernel = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 16, 0));
        assertEquals("Conv2d(3 -> 16): kernel size must be positive, got [0, 0]", kernel.getMessage());
        var channels = assertThrows(IllegalArgumentException.class, () -> new Conv1d(0, 16, 3));
        assertEquals("Conv1d(0 -> 16): channel counts must be positive", channels.getMessage());
        var stride = assertThrows(IllegalArgumentException.class, () -> Conv2d.Options.of().withStride(0));
        assertTrue(stride.getMessage().contains("stride must be positive, got [0]"), stride.getMessage());
        var dilation = assertThrows(IllegalArgumentException.class, () -> Conv2d.Options.of().withDilation(1, -1));
        assertTrue(dilation.getMessage().contains("dilation must be positive, got [1, -1]"), dilation.getMessage());
    }

    @Test
    void groupsThatDoNotDivideTheChannelsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 16, 3, Conv2d.Options.of().withGroups(2), new Random(0)));
        assertEquals("Conv2d(3 -> 16): groups=2 must divide both channel counts", e.getMessage());
    }

    @Test
    void perAxisOptionsOfTheWrongLengthOrStridedSamePaddingAreRejectedWhenTheLayerIsBuilt() {
        var stride = assertThrows(IllegalArgumentException.class,
                () -> new Conv1d(2, 4, 3, Conv1d.Options.of().withStride(1, 2), new Random(0)));
        assertEquals("Conv1d(2 -> 4): stride needs 1 value, got [1, 2]", stride.getMessage());
        var padding = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(2, 4, 3, Conv2d.Options.of().withPadding(1, 2, 3), new Random(0)));
        assertEquals("Conv2d(2 -> 4): padding needs 1 or 2 values, got [1, 2, 3]", padding.getMessage());
        var same = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(2, 4, 3, Conv2d.Options.of().withPadding("same").withStride(2), new Random(0)));
        assertEquals("Conv2d(2 -> 4): padding \"same\" needs stride 1, got [2]", same.getMessage());
    }

    private static void assertWithinAndFilling(Tensor t, double bound) {
        double largest = Arrays.stream(t.toArray()).map(Math::abs).max().orElseThrow();
        assertTrue(largest <= bound, "largest |value| " + largest + " exceeds the bound " + bound);
        assertTrue(largest > 0.8 * bound, "largest |value| " + largest + " is far inside the bound " + bound);
    }
}
