package dev.chainrule.nn.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LayerNorm and GroupNorm: per-sample statistics with the biased variance (worked by hand), the same result in
 * training and evaluation, no buffers, initial weights 1 and biases 0, gradients through the layers, and errors.
 */
class LayerAndGroupNormTest {
    private static final double EPS = 1e-5;

    @Test
    void layerNormNormalisesEachSampleOverItsTrailingAxesWithTheBiasedVariance() {
        LayerNorm norm = new LayerNorm(3);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 0, 0, 6}, 2, 3);
        double s0 = Math.sqrt(2.0 / 3 + EPS);            // mean 2, variance (1 + 0 + 1)/3
        double s1 = Math.sqrt(8 + EPS);                  // mean 2, variance (4 + 4 + 16)/3
        double[] expected = {-1 / s0, 0, 1 / s0, -2 / s1, -2 / s1, 4 / s1};
        assertArrayEquals(expected, norm.forward(x).toArray(), 1e-15);
        Tensor twoAxes = new LayerNorm(2, 3).forward(x.reshape(1, 2, 3));
        double s = Math.sqrt(26.0 / 6 + EPS);            // over all six: mean 2, variance (1+0+1+4+4+16)/6
        assertArrayEquals(new double[] {-1 / s, 0, 1 / s, -2 / s, -2 / s, 4 / s}, twoAxes.toArray(), 1e-15);
    }

    @Test
    void groupNormNormalisesEachGroupOfChannelsPerSample() {
        GroupNorm norm = new GroupNorm(2, 4);
        Tensor x = Tensor.of(new double[] {1, 3, 10, 14}, 1, 4, 1);   // groups {1, 3}: mean 2, var 1; {10, 14}: 12, 4
        double s0 = Math.sqrt(1 + EPS);
        double s1 = Math.sqrt(4 + EPS);
        assertArrayEquals(new double[] {-1 / s0, 1 / s0, -2 / s1, 2 / s1}, norm.forward(x).toArray(), 1e-15);
    }

    @Test
    void trainingAndEvaluationGiveTheSameResultAndThereAreNoBuffers() {
        Tensor x = Tensor.randn(new Random(0), 2, 4, 3);
        for (Module norm : List.of(new LayerNorm(3), new GroupNorm(2, 4))) {
            assertTrue(norm.namedBuffers().isEmpty());
            assertEquals(List.of("weight", "bias"), List.copyOf(norm.stateDict().keySet()));
            double[] training = norm.train().forward(x).toArray();
            assertArrayEquals(training, norm.eval().forward(x).toArray(), 0.0);
        }
    }

    @Test
    void weightsStartAtOneAndBiasesAtZeroOfTheNormalisedShape() {
        LayerNorm layer = new LayerNorm(2, 3);
        assertArrayEquals(new int[] {2, 3}, layer.weight().shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, layer.weight().toArray(), 0.0);
        assertArrayEquals(new double[6], layer.bias().toArray(), 0.0);
        GroupNorm group = new GroupNorm(2, 6);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, group.weight().toArray(), 0.0);
        assertArrayEquals(new double[6], group.bias().toArray(), 0.0);
        var plain = LayerNorm.Options.of().withElementwiseAffine(false);
        assertTrue(new LayerNorm(new int[] {4}, plain).parameters().isEmpty());
        assertTrue(new GroupNorm(1, 4, GroupNorm.Options.of().withAffine(false)).parameters().isEmpty());
    }

    @Test
    void gradientsThroughTheLayersMatchFiniteDifferences() {
        GradCheckThroughLayer.assertPasses(() -> withAffine(new LayerNorm(4)), Tensor.randn(new Random(1), 2, 3, 4));
        GradCheckThroughLayer.assertPasses(() -> withAffine(new LayerNorm(2, 3)), Tensor.randn(new Random(2), 2, 2, 3));
        GradCheckThroughLayer.assertPasses(() -> withAffine(new GroupNorm(2, 4)), Tensor.randn(new Random(3), 2, 4, 3));
        GradCheckThroughLayer.assertPasses(() -> withAffine(new GroupNorm(3, 3)), Tensor.randn(new Random(4), 2, 3, 2, 2));
    }

    @Test
    void secondDerivativesWithRespectToTheInputMatchFiniteDifferences() {
        LayerNorm layer = withAffine(new LayerNorm(3));
        GradCheck.assertSecondOrderPasses(xs -> layer.forward(xs[0]), Tensor.randn(new Random(5), 2, 3).requiresGrad(true));
        GroupNorm group = withAffine(new GroupNorm(2, 4));
        GradCheck.assertSecondOrderPasses(xs -> group.forward(xs[0]), Tensor.randn(new Random(6), 1, 4, 2).requiresGrad(true));
    }

    @Test
    void layerNormShapeThatIsNotTheInputsTrailingAxesIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(6).forward(Tensor.zeros(3, 4, 5)));
        assertEquals("LayerNorm([6], eps=1.0E-5, elementwiseAffine=true): layerNorm: normalized shape [6] does not"
                + " match the trailing axes of the input [3, 4, 5]", e.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(2, 3).forward(Tensor.zeros(3)));
        assertTrue(tooLong.getMessage().contains("normalized shape [2, 3] does not match the trailing axes of the"
                + " input [3]"), tooLong.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4, 0));
        assertEquals("LayerNorm: the normalized shape needs positive sizes, got [4, 0]", empty.getMessage());
    }

    @Test
    void groupNormWithGroupsThatDoNotDivideTheChannelsOrAnInputThatDoesNotFitIsRejected() {
        var groups = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));
        assertEquals("GroupNorm: 3 groups must be positive and divide the 4 channels", groups.getMessage());
        var input = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(2, 4).forward(Tensor.zeros(2, 6)));
        assertEquals("GroupNorm(2, 4, eps=1.0E-5, affine=true): input of shape [2, 6] does not fit; expected"
                + " [N, 4, *]", input.getMessage());
    }

    /** Gives the layer a weight and bias other than 1 and 0, so that their gradients are not special. */
    private static <T extends Module> T withAffine(T norm) {
        try (var off = Autograd.noGrad()) {
            int seed = 20;
            for (Tensor p : norm.parameters()) p.copyFrom(Tensor.randn(new Random(seed++), p.shape()).mul(0.5).add(1));
        }
        return norm;
    }
}
