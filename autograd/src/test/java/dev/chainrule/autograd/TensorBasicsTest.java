package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Creation, read-back, printing and the autograd state of a tensor. */
class TensorBasicsTest {

    // ---------------------------------------------------------------- creation

    @Test
    void ofWithAShapeFillsItRowMajor() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6, t.get(1, 2));
        assertEquals(4, t.get(1, 0));
        assertEquals(3, t.get(0, 2));
    }

    @Test
    void ofWithoutAShapeIsOneDimensional() {
        assertArrayEquals(new int[] {3}, Tensor.of(new double[] {1, 2, 3}).shape());
    }

    @Test
    void ofCopiesItsData() {
        double[] data = {1, 2, 3};
        Tensor t = Tensor.of(data);
        data[0] = 100;
        assertEquals(1, t.get(0));
    }

    @Test
    void ofRowsMakesAMatrix() {
        Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
    }

    @Test
    void scalarIsZeroDimensionalWithOneElement() {
        Tensor s = Tensor.scalar(2.5);
        assertArrayEquals(new int[0], s.shape());
        assertEquals(0, s.dim());
        assertEquals(1, s.numel());
        assertEquals(2.5, s.item());
        assertEquals(2.5, s.get());
    }

    @Test
    void zerosOnesAndFullFillTheirShape() {
        assertArrayEquals(new double[6], Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(2, 2).toArray());
        assertArrayEquals(new double[] {-1.5, -1.5, -1.5}, Tensor.full(-1.5, 3).toArray());
        assertArrayEquals(new int[] {2, 3}, Tensor.full(7, 2, 3).shape());
    }

    @Test
    void zerosWithNoShapeIsAZeroDimensionalZero() {
        Tensor z = Tensor.zeros();
        assertEquals(0, z.dim());
        assertEquals(0.0, z.item());
    }

    @Test
    void aShapeWithAZeroDimensionHasNoElements() {
        Tensor e = Tensor.zeros(2, 0);
        assertEquals(0, e.numel());
        assertArrayEquals(new int[] {2, 0}, e.shape());
    }

    @Test
    void arangeCountsFromZeroBelowN() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, Tensor.arange(5).toArray());
        assertEquals(0, Tensor.arange(0).numel());
    }

    @Test
    void arangeWithAStepStopsBeforeTheEndInEitherDirection() {
        assertArrayEquals(new double[] {2, 2.5, 3, 3.5}, Tensor.arange(2, 4, 0.5).toArray());
        assertArrayEquals(new double[] {5, 3, 1}, Tensor.arange(5, 0, -2).toArray());
        assertEquals(0, Tensor.arange(3, 1, 1).numel());
    }

    @Test
    void eyeIsTheIdentityMatrix() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toArray());
        assertArrayEquals(new int[] {3, 3}, Tensor.eye(3).shape());
    }

    @Test
    void randWithTheSameSeedGivesTheSameValuesInZeroToOne() {
        Tensor a = Tensor.rand(new Random(42), 3, 4);
        Tensor b = Tensor.rand(new Random(42), 3, 4);
        assertArrayEquals(a.toArray(), b.toArray());
        assertArrayEquals(new int[] {3, 4}, a.shape());
        for (double v : a.toArray()) assertTrue(v >= 0 && v < 1, "value " + v);
        assertFalse(Arrays.equals(a.toArray(), Tensor.rand(new Random(43), 3, 4).toArray()));
    }

    @Test
    void randFromASeedEqualsRandFromARandomWithThatSeed() {
        assertArrayEquals(Tensor.rand(new Random(9), 5).toArray(), Tensor.rand(new Random(9), 5).toArray());
        Random random = new Random(9);
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) expected[i] = random.nextDouble();
        assertArrayEquals(expected, Tensor.rand(new Random(9), 5).toArray());
    }

    @Test
    void unseededFactoriesTakeEveryArgumentAsADimensionAndFollowManualSeed() {
        assertArrayEquals(new int[] {5, 4, 6}, Tensor.randn(5, 4, 6).shape());
        assertArrayEquals(new int[] {5, 4, 6}, Tensor.rand(5, 4, 6).shape());
        Tensor.manualSeed(11);
        double[] first = Tensor.randn(3, 2).toArray();
        Tensor.manualSeed(11);
        assertArrayEquals(first, Tensor.randn(3, 2).toArray());
        assertArrayEquals(Tensor.randn(new Random(11), 3, 2).toArray(), first);
    }

    @Test
    void randnWithTheSameSeedGivesTheSameStandardNormalValues() {
        assertArrayEquals(Tensor.randn(new Random(7), 2, 5).toArray(), Tensor.randn(new Random(7), 2, 5).toArray());
        Random random = new Random(7);
        double[] expected = new double[10];
        for (int i = 0; i < 10; i++) expected[i] = random.nextGaussian();
        assertArrayEquals(expected, Tensor.randn(new Random(7), 2, 5).toArray());
        assertArrayEquals(expected, Tensor.randn(new Random(7), 2, 5).toArray());
    }

    @Test
    void randFromASharedRandomContinuesItsSequence() {
        Random random = new Random(3);
        Tensor first = Tensor.rand(random, 4);
        Tensor second = Tensor.rand(random, 4);
        assertFalse(Arrays.equals(first.toArray(), second.toArray()));
        Random replay = new Random(3);
        Tensor.rand(replay, 4);
        assertArrayEquals(second.toArray(), Tensor.rand(replay, 4).toArray());
    }

    @Test
    void randnHasRoughlyZeroMeanAndUnitVariance() {
        double[] v = Tensor.randn(new Random(1), 10_000).toArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
        assertEquals(0, mean, 0.05);
        assertEquals(1, variance, 0.05);
    }

    // ---------------------------------------------------------------- reading

    @Test
    void shapeDimAndNumelDescribeTheTensor() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape());
        assertEquals(3, t.dim());
        assertEquals(24, t.numel());
    }

    @Test
    void shapeReturnsACopy() {
        Tensor t = Tensor.zeros(2, 3);
        t.shape()[0] = 10;
        assertArrayEquals(new int[] {2, 3}, t.shape());
    }

    @Test
    void sizeAcceptsNegativeAxesCountingFromTheEnd() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(2, t.size(0));
        assertEquals(4, t.size(2));
        assertEquals(4, t.size(-1));
        assertEquals(2, t.size(-3));
    }

    @Test
    void itemReadsTheOnlyElementOfAnyOneElementTensor() {
        assertEquals(7, Tensor.full(7, 1, 1, 1).item());
    }

    @Test
    void toArrayReturnsACopy() {
        Tensor t = Tensor.of(new double[] {1, 2, 3});
        double[] values = t.toArray();
        values[0] = 100;
        assertEquals(1, t.get(0));
        assertNotSame(t.toArray(), t.toArray());
    }

    @Test
    void getAcceptsNegativeIndicesCountingFromTheEnd() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6, t.get(-1, -1));
        assertEquals(4, t.get(-1, 0));
        assertEquals(2, t.get(0, -2));
    }

    // ---------------------------------------------------------------- printing

    @Test
    void toStringOfAMatrixPrintsAlignedRowsAndTheShape() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals("tensor([[1.0000, 2.0000, 3.0000],\n"
                + "        [4.0000, 5.0000, 6.0000]], shape=[2, 3])", t.toString());
    }

    @Test
    void toStringPadsNumbersToOneWidth() {
        assertEquals("tensor([  1.0000, -20.5000], shape=[2])", Tensor.of(new double[] {1, -20.5}).toString());
    }

    @Test
    void toStringOfAScalarPrintsTheValueAndAnEmptyShape() {
        assertEquals("tensor(3.5000, shape=[])", Tensor.scalar(3.5).toString());
    }

    @Test
    void toStringOfAThreeDimensionalTensorSeparatesBlocksWithABlankLine() {
        String s = Tensor.arange(8).reshape(2, 2, 2).toString();
        assertEquals("tensor([[[0.0000, 1.0000],\n"
                + "         [2.0000, 3.0000]],\n\n"
                + "        [[4.0000, 5.0000],\n"
                + "         [6.0000, 7.0000]]], shape=[2, 2, 2])", s);
    }

    @Test
    void toStringUsesScientificNotationForVeryLargeOrSmallValues() {
        assertEquals("tensor([1.0000e+10, 1.0000e+00], shape=[2])", Tensor.of(new double[] {1e10, 1}).toString());
        assertTrue(Tensor.of(new double[] {1e-6, 1}).toString().contains("1.0000e-06"));
    }

    @Test
    void toStringNamesNanAndInfinities() {
        Tensor t = Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertEquals("tensor([ nan,  inf, -inf], shape=[3])", t.toString());
    }

    @Test
    void toStringOfAnEmptyTensorPrintsEmptyBrackets() {
        assertEquals("tensor([], shape=[0])", Tensor.zeros(0).toString());
    }

    @Test
    void toStringPrintsEveryElementUpToAThousand() {
        String s = Tensor.arange(1000).toString();
        assertFalse(s.contains("..."), "1000 elements are printed in full");
        assertTrue(s.contains("500.0000"));
        assertTrue(s.endsWith("999.0000], shape=[1000])"), s.substring(s.length() - 40));
    }

    @Test
    void toStringAbbreviatesWithEllipsisAboveAThousandElements() {
        String s = Tensor.arange(1001).toString();
        assertTrue(s.contains("..."), s);
        assertFalse(s.contains("500.0000"), "middle values are left out");
        assertTrue(s.startsWith("tensor([   0.0000,    1.0000,    2.0000, ...,  998.0000,  999.0000, 1000.0000]"), s);
        assertTrue(s.endsWith(", shape=[1001])"), s);
    }

    @Test
    void toStringAbbreviatesRowsAndColumnsOfALargeMatrix() {
        String s = Tensor.zeros(40, 40).toString();
        assertTrue(s.length() < 600, "printed " + s.length() + " characters");
        assertEquals(7, s.split("\n").length, "three rows, an ellipsis line and three rows:\n" + s);
        assertTrue(s.contains("...,\n"), s);
        assertTrue(s.endsWith("shape=[40, 40])"), s);
    }

    @Test
    void toStringMarksALeafThatRequiresGradAndNamesTheOpOfAComputedTensor() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        assertEquals("tensor([1.0000, 2.0000], shape=[2], requiresGrad=true)", x.toString());
        assertTrue(x.tanh().toString().endsWith(", shape=[2], gradFn=tanh)"), x.tanh().toString());
    }

    // ---------------------------------------------------------------- autograd state

    @Test
    void aNewTensorRequiresNoGradAndIsALeaf() {
        Tensor t = Tensor.ones(2);
        assertFalse(t.requiresGrad());
        assertTrue(t.isLeaf());
    }

    @Test
    void requiresGradMarksTheLeafAndReturnsIt() {
        Tensor t = Tensor.ones(2);
        assertSame(t, t.requiresGrad(true));
        assertTrue(t.requiresGrad());
        t.requiresGrad(false);
        assertFalse(t.requiresGrad());
    }

    @Test
    void gradIsNullBeforeBackward() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        assertNull(x.grad());
        Tensor y = x.mul(2).sum();
        assertNull(x.grad(), "building the graph leaves grad alone");
        y.backward();
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toArray());
    }

    @Test
    void aResultOfAnOpOnATensorThatRequiresGradRequiresGradAndIsNotALeaf() {
        Tensor y = Tensor.ones(2).requiresGrad(true).exp();
        assertTrue(y.requiresGrad());
        assertFalse(y.isLeaf());
        Tensor z = Tensor.ones(2).exp();
        assertFalse(z.requiresGrad());
        assertTrue(z.isLeaf());
    }

    @Test
    void backwardTwiceAccumulatesGradientsUntilZeroGrad() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        x.mul(3).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, 4}, x.grad().toArray());
    }

    @Test
    void gradHasTheLeafsShape() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        x.sum().backward();
        assertArrayEquals(new int[] {2, 3}, x.grad().shape());
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        s.mul(Tensor.ones(4)).sum().backward();
        assertArrayEquals(new int[0], s.grad().shape());
        assertEquals(4, s.grad().item());
    }

    @Test
    void detachSharesValuesButIsALeafThatRequiresNoGrad() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2);
        Tensor d = y.detach();
        assertArrayEquals(y.toArray(), d.toArray());
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertArrayEquals(new double[] {1, 2}, x.detach().toArray());
        assertFalse(x.detach().requiresGrad());
    }

    @Test
    void aDetachedTensorCutsTheGradientPath() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        x.mul(x.detach()).sum().backward();
        assertArrayEquals(new double[] {1, 2}, x.grad().toArray(), "only the non-detached factor is differentiated");
    }

    @Test
    void opsUnderNoGradRecordNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = x.mul(2);
        }
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertTrue(x.mul(2).requiresGrad(), "recording resumes when the scope closes");
    }
}
