package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Messages are API, for the window ops ({@link Convolution}, {@link Pooling}) and the reductions and views that came
 * with them (permute, pad, maskedFill, var, std, logsumexp): each bad call throws {@link IllegalArgumentException}
 * whose message starts with the op's name (or the options record's) and states the shapes and values involved,
 * never an index error from a kernel or a silently wrong result.
 */
class WindowOpsErrorsTest {

    private static final Convolution.Options DEFAULTS = Convolution.Options.of();

    private static String badArgument(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertContainsAll(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message \"" + message + "\" should contain \"" + part + "\"");
        }
    }

    // ---------------------------------------------------------------- ranks

    @Test
    void convolutionOfAnInputOfTheWrongRankNamesTheExpectedLayoutAndTheShape() {
        assertEquals("conv2d: expects a 4-D input [N, C, H, W], got shape [3, 5, 5]",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(3, 5, 5), Tensor.zeros(2, 3, 2, 2), null)));
        assertEquals("conv1d: expects a 3-D input [N, C, L], got shape [1, 3, 5, 5]",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 3, 2), null)));
    }

    @Test
    void convolutionWithAWeightOfTheWrongRankNamesTheExpectedLayoutAndTheShape() {
        assertEquals("conv2d: expects a 4-D weight [out, in/groups, kh, kw], got shape [2, 3, 2]",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 3, 2), null)));
        assertEquals("conv1d: expects a 3-D weight [out, in/groups, k], got shape [2, 3, 2, 2]",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 3, 5), Tensor.zeros(2, 3, 2, 2), null)));
        assertEquals("conv2d: the weight [2, 0, 2, 2] is empty",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 0, 2, 2), null)));
    }

    @Test
    void poolingUnfoldAndFoldOfAnInputOfTheWrongRankNameTheExpectedLayout() {
        assertEquals("maxPool2d: expects a 4-D input [N, C, H, W], got shape [2, 4]",
                badArgument(() -> Pooling.maxPool2d(Tensor.zeros(2, 4), 2)));
        assertEquals("maxPool1d: expects a 3-D input [N, C, L], got shape [1, 1, 4, 4]",
                badArgument(() -> Pooling.maxPool1d(Tensor.zeros(1, 1, 4, 4), 2)));
        assertEquals("avgPool2d: expects a 4-D input [N, C, H, W], got shape [1, 4, 4]",
                badArgument(() -> Pooling.avgPool2d(Tensor.zeros(1, 4, 4), 2)));
        assertEquals("avgPool1d: expects a 3-D input [N, C, L], got shape [4]",
                badArgument(() -> Pooling.avgPool1d(Tensor.zeros(4), 2)));
        assertEquals("adaptiveAvgPool2d: expects a 4-D input [N, C, H, W], got shape [1, 4, 4]",
                badArgument(() -> Pooling.adaptiveAvgPool2d(Tensor.zeros(1, 4, 4), 2)));
        assertEquals("adaptiveAvgPool1d: expects a 3-D input [N, C, L], got shape [4, 4]",
                badArgument(() -> Pooling.adaptiveAvgPool1d(Tensor.zeros(4, 4), 2)));
        assertEquals("unfold: expects a 4-D input [N, C, H, W], got shape [3, 4, 4]",
                badArgument(() -> Convolution.unfold(Tensor.zeros(3, 4, 4), 2)));
        assertEquals("fold: expects a 3-D input [N, C·kh·kw, L], got shape [1, 4, 2, 2]",
                badArgument(() -> Convolution.fold(Tensor.zeros(1, 4, 2, 2), new int[] {3}, new int[] {2},
                        new int[] {1}, new int[] {0}, new int[] {1})));
    }

    // ---------------------------------------------------------------- channels, groups, bias

    @Test
    void convolutionWhoseWeightExpectsOtherChannelsNamesBothShapesAndTheCount() {
        assertEquals("conv2d: input [1, 3, 5, 5] has 3 channels but the weight [2, 2, 3, 3] expects 2"
                        + " (2 per group × 1 groups)",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(2, 2, 3, 3), null)));
        assertEquals("conv1d: input [1, 4, 5] has 4 channels but the weight [4, 1, 3] expects 2"
                        + " (1 per group × 2 groups)",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 4, 5), Tensor.zeros(4, 1, 3), null,
                        DEFAULTS.withGroups(2))));
    }

    @Test
    void groupsThatDoNotDivideTheChannelsNameTheGroupsAndBothChannelCounts() {
        assertEquals("conv2d: groups=2 must divide both the input channels (3) and the output channels (4)",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 3, 5, 5), Tensor.zeros(4, 1, 3, 3), null,
                        DEFAULTS.withGroups(2))));
        assertEquals("conv2d: groups=2 must divide both the input channels (4) and the output channels (3)",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 4, 5, 5), Tensor.zeros(3, 2, 3, 3), null,
                        DEFAULTS.withGroups(2))));
        assertEquals("Convolution.Options: groups must be positive, got 0", badArgument(() -> DEFAULTS.withGroups(0)));
    }

    @Test
    void aBiasOfTheWrongShapeNamesItsShapeTheWeightAndTheExpectedShape() {
        assertEquals("conv2d: bias of shape [3] does not fit weight [2, 1, 2, 2]; expected [2]",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(2, 1, 2, 2),
                        Tensor.zeros(3))));
        assertEquals("conv1d: bias of shape [1, 2] does not fit weight [2, 1, 2]; expected [2]",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 1, 3), Tensor.zeros(2, 1, 2),
                        Tensor.zeros(1, 2))));
    }

    // ---------------------------------------------------------------- geometry

    @Test
    void aKernelLargerThanThePaddedInputNamesItsSpanTheAxisAndTheInput() {
        assertEquals("conv2d: the kernel spans 4 along the height (size 4, dilation 1) but the padded input"
                        + " [1, 1, 3, 3] has only 3 there",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 4, 4), null)));
        assertEquals("conv1d: the kernel spans 5 along the width (size 3, dilation 2) but the padded input [1, 1, 4]"
                        + " has only 4 there",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 1, 4), Tensor.zeros(1, 1, 3), null,
                        DEFAULTS.withDilation(2))));
        assertEquals("unfold: the kernel spans 3 along the width (size 3, dilation 1) but the padded input"
                        + " [1, 1, 4, 2] has only 2 there",
                badArgument(() -> Convolution.unfold(Tensor.zeros(1, 1, 4, 2), 3)));
        assertEquals("maxPool1d: the kernel spans 3 along the width (size 3, dilation 1) but the padded input [1, 1, 2]"
                        + " has only 2 there",
                badArgument(() -> Pooling.maxPool1d(Tensor.zeros(1, 1, 2), 3)));
        assertEquals("avgPool1d: the kernel spans 3 along the width (size 3, dilation 1) but the padded input [1, 1, 2]"
                        + " has only 2 there",
                badArgument(() -> Pooling.avgPool1d(Tensor.zeros(1, 1, 2), 3)));
    }

    @Test
    void aNonPositiveStrideDilationOrKernelNamesTheArgumentAndItsValues() {
        assertEquals("Convolution.Options: stride must be positive, got [0]", badArgument(() -> DEFAULTS.withStride(0)));
        assertEquals("Convolution.Options: stride must be positive, got [1, -2]",
                badArgument(() -> DEFAULTS.withStride(1, -2)));
        assertEquals("Convolution.Options: dilation must be positive, got [0]",
                badArgument(() -> DEFAULTS.withDilation(0)));
        assertEquals("Pooling.Options: kernelSize must be positive, got [0]", badArgument(() -> Pooling.Options.of(0)));
        assertEquals("Pooling.Options: stride must be positive, got [0]",
                badArgument(() -> Pooling.Options.of(2).withStride(0)));
        assertEquals("Pooling.Options: dilation must be positive, got [0, 1]",
                badArgument(() -> Pooling.Options.of(2).withDilation(0, 1)));
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertEquals("unfold: kernelSize must be positive, got [0]", badArgument(() -> Convolution.unfold(x, 0)));
        assertEquals("unfold: stride must be positive, got [0]", badArgument(() -> Convolution.unfold(x,
                new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0})));
        assertEquals("fold: dilation must be positive, got [-1]", badArgument(() -> Convolution.fold(
                Tensor.zeros(1, 4, 4), new int[] {3}, new int[] {2}, new int[] {-1}, new int[] {0}, new int[] {1})));
        assertEquals("fold: outputSize must be positive, got [0, 3]", badArgument(() -> Convolution.fold(
                Tensor.zeros(1, 4, 4), new int[] {0, 3}, new int[] {2}, new int[] {1}, new int[] {0}, new int[] {1})));
        assertEquals("adaptiveAvgPool2d: outputSize must be positive, got [2, 0]",
                badArgument(() -> Pooling.adaptiveAvgPool2d(x, 2, 0)));
    }

    @Test
    void aNegativePaddingNamesTheArgumentAndItsValues() {
        assertEquals("Convolution.Options: padding must be non-negative, got [-1]",
                badArgument(() -> DEFAULTS.withPadding(-1)));
        assertEquals("Pooling.Options: padding must be non-negative, got [0, -1]",
                badArgument(() -> Pooling.Options.of(2).withPadding(0, -1)));
        assertEquals("unfold: padding must be non-negative, got [-1]", badArgument(() -> Convolution.unfold(
                Tensor.zeros(1, 1, 4, 4), new int[] {2}, new int[] {1}, new int[] {-1}, new int[] {1})));
    }

    @Test
    void aPerAxisArgumentWithTheWrongNumberOfValuesNamesHowManyItNeeds() {
        assertEquals("conv1d: stride needs 1 value, got [1, 2]",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 1, 5), Tensor.zeros(1, 1, 2), null,
                        DEFAULTS.withStride(1, 2))));
        assertEquals("conv2d: padding needs 1 or 2 values, got [1, 1, 1]",
                badArgument(() -> Convolution.conv2d(Tensor.zeros(1, 1, 5, 5), Tensor.zeros(1, 1, 2, 2), null,
                        DEFAULTS.withPadding(1, 1, 1))));
        assertEquals("maxPool2d: kernelSize needs 1 or 2 values, got [2, 2, 2]",
                badArgument(() -> Pooling.maxPool2d(Tensor.zeros(1, 1, 5, 5), 2, 2, 2)));
    }

    @Test
    void paddingSameWithAStrideOtherThanOneNamesTheStride() {
        Tensor x = Tensor.zeros(1, 1, 5, 5);
        Tensor w = Tensor.zeros(1, 1, 3, 3);
        assertEquals("conv2d: padding \"same\" needs stride 1, got [2]",
                badArgument(() -> Convolution.conv2d(x, w, null, DEFAULTS.withPadding("same").withStride(2))));
        assertEquals("conv2d: padding \"same\" needs stride 1, got [1, 2]",
                badArgument(() -> Convolution.conv2d(x, w, null, DEFAULTS.withStride(1, 2).withPadding("same"))));
        assertEquals("conv1d: padding \"same\" needs stride 1, got [2]",
                badArgument(() -> Convolution.conv1d(Tensor.zeros(1, 1, 5), Tensor.zeros(1, 1, 3), null,
                        DEFAULTS.withStride(2).withPadding("same"))));
    }

    @Test
    void anUnknownPaddingModeNamesTheModesThatExist() {
        assertEquals("Convolution.Options: padding mode must be \"same\" or \"valid\", got \"full\"",
                badArgument(() -> DEFAULTS.withPadding("full")));
    }

    @Test
    void foldWithAColumnCountThatIsNotTheNumberOfWindowsNamesBothCounts() {
        assertEquals("fold: input [1, 4, 5] has 5 columns but an output of [3, 3] has 4 windows (kernel=2, stride=1,"
                        + " padding=0, dilation=1)",
                badArgument(() -> Convolution.fold(Tensor.zeros(1, 4, 5), new int[] {3}, new int[] {2},
                        new int[] {1}, new int[] {0}, new int[] {1})));
        assertEquals("fold: input [1, 5, 4] has 5 rows, not a multiple of the kernel's 4 taps",
                badArgument(() -> Convolution.fold(Tensor.zeros(1, 5, 4), new int[] {3}, new int[] {2},
                        new int[] {1}, new int[] {0}, new int[] {1})));
    }

    @Test
    void poolingPaddingMoreThanHalfTheKernelNamesThePaddingAndTheKernel() {
        assertEquals("maxPool2d: padding [2] must be at most half the kernel size [3]",
                badArgument(() -> Pooling.maxPool2d(Tensor.zeros(1, 1, 6, 6), Pooling.Options.of(3).withPadding(2))));
        assertEquals("avgPool2d: padding [1] must be at most half the kernel size [3, 1]",
                badArgument(() -> Pooling.avgPool2d(Tensor.zeros(1, 1, 6, 6), Pooling.Options.of(3, 1).withPadding(1))));
        assertEquals("avgPool1d: padding [2] must be at most half the kernel size [2]",
                badArgument(() -> Pooling.avgPool1d(Tensor.zeros(1, 1, 6), Pooling.Options.of(2).withPadding(2))));
    }

    @Test
    void maxPoolingWithAWindowWhollyInThePaddingNamesTheWindowInsteadOfReadingOutsideTheInput() {
        // kernel 2 with dilation 3 and padding 1 on a size of 2: the only window's taps are at -1 and 2
        var options = Pooling.Options.of(2).withDilation(3).withPadding(1);
        assertEquals("maxPool2d: window 0 along the height of the input [2, 1, 2, 2] covers only padding (kernel=2,"
                        + " stride=2, padding=1, dilation=3), so it has no maximum; use less padding or dilation",
                badArgument(() -> Pooling.maxPool2d(Tensor.ones(2, 1, 2, 2), options)));
        assertContainsAll(badArgument(() -> Pooling.maxPool1d(Tensor.ones(1, 2, 2), options)),
                "maxPool1d: window 0 along the width of the input [1, 2, 2] covers only padding");
    }

    @Test
    void averagePoolingWithDilationSaysItHasNone() {
        assertEquals("avgPool2d: average pooling has no dilation (PyTorch's has none either), got [2, 2]",
                badArgument(() -> Pooling.avgPool2d(Tensor.zeros(1, 1, 6, 6), Pooling.Options.of(2).withDilation(2))));
    }

    @Test
    void adaptivePoolingOfAnEmptySpatialDimensionSaysItsBinsAverageNothing() {
        assertEquals("adaptiveAvgPool2d: the input [1, 1, 0, 3] has an empty spatial dimension 2, so its bins"
                + " average nothing", badArgument(() -> Pooling.adaptiveAvgPool2d(Tensor.zeros(1, 1, 0, 3), 2)));
        assertEquals("adaptiveAvgPool1d: the input [2, 1, 0] has an empty spatial dimension 2, so its bins"
                + " average nothing", badArgument(() -> Pooling.adaptiveAvgPool1d(Tensor.zeros(2, 1, 0), 1)));
    }

    // ---------------------------------------------------------------- permute, pad, maskedFill

    @Test
    void permuteWithARepeatedAxisNamesTheAxisAndTheDims() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertEquals("permute: axis 1 appears twice in [1, 1, 0]", badArgument(() -> x.permute(1, 1, 0)));
        assertEquals("permute: axis -1 appears twice in [2, 0, -1]", badArgument(() -> x.permute(2, 0, -1)));
    }

    @Test
    void permuteWithMissingOrExtraAxesNamesTheDimsAndTheShape() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertEquals("permute: [1, 0] has 2 axes but the tensor of shape [2, 3, 4] has 3",
                badArgument(() -> x.permute(1, 0)));
        assertEquals("permute: [0, 1, 2, 3] has 4 axes but the tensor of shape [2, 3, 4] has 3",
                badArgument(() -> x.permute(0, 1, 2, 3)));
        assertEquals("permute: axis 3 is out of range for a 3-d tensor; valid axes: [-3, 2]",
                badArgument(() -> x.permute(0, 3, 1)));
    }

    @Test
    void padWithAnOddLengthOrTooManyPairsNamesThePadAndTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("pad: needs (before, after) pairs for at most 2 dimensions of shape [2, 3], got [1, 2, 3]",
                badArgument(() -> x.pad(1, 2, 3)));
        assertEquals("pad: needs (before, after) pairs for at most 2 dimensions of shape [2, 3], got [1, 1, 1, 1, 1, 1]",
                badArgument(() -> x.pad(new int[] {1, 1, 1, 1, 1, 1}, 0.5)));
    }

    @Test
    void padWithANegativeEntryNamesThePadAndTheFix() {
        assertEquals("pad: padding must be non-negative, got [1, -1]; use slice to crop",
                badArgument(() -> Tensor.zeros(2, 3).pad(1, -1)));
    }

    @Test
    void trilAndTriuOfFewerThanTwoDimensionsAndFlipOfAMissingAxisAreRefused() {
        assertEquals("tril: needs at least 2 dimensions, got shape [3]", badArgument(() -> Tensor.zeros(3).tril()));
        assertEquals("triu: needs at least 2 dimensions, got shape []", badArgument(() -> Tensor.scalar(1).triu(1)));
        assertTrue(badArgument(() -> Tensor.zeros(2, 3).flip(2)).startsWith("flip: axis 2 is out of range"));
    }

    @Test
    void splitAndChunkOfNonPositiveSizesAreRefused() {
        assertEquals("split: splitSize must be positive, got 0", badArgument(() -> Tensor.zeros(4).split(0, 0)));
        assertEquals("chunk: chunks must be positive, got -1", badArgument(() -> Tensor.zeros(4).chunk(-1, 0)));
        assertTrue(badArgument(() -> Tensor.zeros(4).chunk(2, 1)).startsWith("chunk: axis 1 is out of range"));
    }

    @Test
    void maximumAndMinimumOfShapesThatDoNotBroadcastNameBothShapes() {
        assertEquals("maximum: shapes [2, 3] and [2] cannot be broadcast: dimension -1 is 3 and 2",
                badArgument(() -> Tensor.zeros(2, 3).maximum(Tensor.ones(2))));
        assertEquals("minimum: shapes [4] and [3] cannot be broadcast: dimension -1 is 4 and 3",
                badArgument(() -> Tensor.zeros(4).minimum(Tensor.ones(3))));
    }

    @Test
    void softmaxWithAMaskThatDoesNotBroadcastNamesBothShapes() {
        assertEquals("softmax: mask of shape [4] does not broadcast to the tensor's shape [2, 3]",
                badArgument(() -> Tensor.zeros(2, 3).softmax(1, Tensor.ones(4))));
    }

    @Test
    void maskedFillWithAMaskThatDoesNotBroadcastNamesBothShapes() {
        assertEquals("maskedFill: mask of shape [2] does not broadcast to the tensor's shape [2, 3]",
                badArgument(() -> Tensor.zeros(2, 3).maskedFill(Tensor.ones(2), 1)));
        assertEquals("maskedFill: mask of shape [2, 3] does not broadcast to the tensor's shape [3]",
                badArgument(() -> Tensor.zeros(3).maskedFill(Tensor.ones(2, 3), 1)));
    }

    // ---------------------------------------------------------------- var, std, logsumexp

    @Test
    void unbiasedVarianceAlongAnAxisOfOneValueNamesTheAxisTheShapeAndTheMinimum() {
        assertEquals("var: axis 0 of shape [1, 3] has 1 value; the unbiased variance needs at least 2",
                badArgument(() -> Tensor.zeros(1, 3).var(0)));
        assertEquals("std: axis -2 of shape [1, 3] has 1 value; the unbiased variance needs at least 2",
                badArgument(() -> Tensor.zeros(1, 3).std(-2, true, true)));
        assertEquals("var: axis 0 of shape [1] has 1 value; the unbiased variance needs at least 2",
                badArgument(() -> Tensor.scalar(4).var()));
        assertEquals("std: axis 0 of shape [1] has 1 value; the unbiased variance needs at least 2",
                badArgument(() -> Tensor.zeros(1).std()));
    }

    @Test
    void varianceAlongAnEmptyAxisSaysItNeedsAValue() {
        assertEquals("var: axis 1 of shape [2, 0] has 0 values; the variance needs at least 1",
                badArgument(() -> Tensor.zeros(2, 0).var(1, false, false)));
        assertEquals("var: axis 2 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> Tensor.zeros(2, 3).var(2)));
    }

    @Test
    void logsumexpAlongAnEmptyAxisNamesTheAxisAndTheShape() {
        assertEquals("logsumexp: axis 1 of shape [2, 0] is empty", badArgument(() -> Tensor.zeros(2, 0).logsumexp(1)));
        assertEquals("logsumexp: axis 0 is out of range for a 0-d tensor; valid axes: none: the tensor is 0-d",
                badArgument(() -> Tensor.scalar(1).logsumexp(0)));
    }

    @Test
    void cumsumAlongAnAxisOutOfRangeNamesTheValidRange() {
        assertEquals("cumsum: axis -3 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> Tensor.zeros(2, 3).cumsum(-3)));
    }
}
