package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Extreme values, invariants and the kink conventions (PyTorch's) that finite differences cannot check:
 * relu'(0) = 0, abs'(0) = 0, max and min send the gradient to the first arg-extreme on ties, clamp passes it
 * on the closed range.
 */
class OpInvariantsTest {

    private static final double TOLERANCE = 1e-12;

    /** The gradient of {@code y} with respect to {@code x} for the upstream gradient {@code gy}. */
    private static double[] gradient(Tensor y, Tensor x, Tensor gy) {
        return Autograd.grad(List.of(y), List.of(x), List.of(gy), false, false).get(0).toArray();
    }

    private static double[] gradient(Tensor y, Tensor x) {
        return gradient(y, x, Tensor.ones(y.shape()));
    }

    private static void assertAllFinite(Tensor t) {
        for (double v : t.toArray()) assertTrue(Double.isFinite(v), t.toString());
    }

    // ---------------------------------------------------------------- softmax and logSoftmax

    @Test
    void softmaxSumsToOneAlongItsAxis() {
        Tensor x = Tensor.randn(new Random(11), 3, 4, 5).mul(10);
        for (int axis = -3; axis < 3; axis++) {
            Tensor sums = x.softmax(axis).sum(axis);
            for (double s : sums.toArray()) assertEquals(1, s, 1e-12, "axis " + axis);
        }
    }

    @Test
    void maximumAndMinimumPickElementWiseSplitTiesAndPropagateNaN() {
        Tensor a = Tensor.of(new double[] {1, 5, 3, Double.NaN}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 4, 3, 0}).requiresGrad(true);
        assertArrayEquals(new double[] {2, 5, 3, Double.NaN}, a.maximum(b).toArray(), 0);
        assertArrayEquals(new double[] {1, 4, 3, Double.NaN}, a.minimum(b).toArray(), 0);
        a.maximum(b).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0.5, 0}, a.grad().toArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0.5, 0}, b.grad().toArray(), 0);
        Tensor row = Tensor.of(new double[] {0, 10});
        assertArrayEquals(new double[] {1, 10, 4, 10}, Tensor.of(new double[][] {{1, 2}, {4, 3}}).maximum(row)
                .minimum(Tensor.scalar(10)).toArray(), 0);
    }

    @Test
    void trilTriuAndFlipMatchPyTorchsDefinitions() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {1, 0, 0, 4, 5, 0}, x.tril().toArray(), 0);
        assertArrayEquals(new double[] {1, 2, 0, 4, 5, 6}, x.tril(1).toArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 0, 5, 6}, x.triu().toArray(), 0);
        assertArrayEquals(new double[] {0, 0, 3, 0, 0, 0}, x.triu(2).toArray(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 4, 0, 0}, x.tril(-1).toArray(), 0);
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4}, x.flip(1).toArray(), 0);
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3}, x.flip(-2).toArray(), 0);
        Tensor stacked = Tensor.stack(0, x, x.mul(2));
        assertArrayEquals(new double[] {0, 0, 0, 8, 0, 0}, stacked.tril(-1).slice(0, 1, 2).toArray(), 0);
    }

    @Test
    void splitAndChunkCutAsPyTorchAndTheirGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.arange(10).reshape(2, 5);
        List<Tensor> pieces = x.split(2, 1);
        assertEquals(3, pieces.size());
        assertArrayEquals(new double[] {4, 9}, pieces.get(2).toArray(), 0);
        assertEquals(List.of(3, 2), x.chunk(2, -1).stream().map(t -> t.size(1)).toList());
        assertEquals(5, x.chunk(7, 1).size(), "PyTorch gives fewer chunks than asked when they would be empty");
        Tensor y = Tensor.randn(new java.util.Random(3), 3, 4, 3).requiresGrad(true);
        GradCheck.assertPasses(xs -> {
            List<Tensor> parts = xs[0].chunk(3, 0);
            return Tensor.concat(1, parts.get(0).mul(2), parts.get(1).exp(), parts.get(2).neg());
        }, y);
    }

    @Test
    void maskedSoftmaxGivesExactZerosWhereMaskedAndZeroRowsWhenEverythingIsMasked() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor mask = Tensor.of(new double[][] {{0, 1, 0}, {1, 1, 1}});
        Tensor p = x.softmax(1, mask);
        double e = Math.exp(2);
        assertArrayEquals(new double[] {1 / (1 + e), 0, e / (1 + e), 0, 0, 0}, p.toArray(), TOLERANCE);
        p.mul(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}})).sum().backward();
        for (double g : x.grad().toArray()) assertTrue(Double.isFinite(g), "gradient " + g);
        assertEquals(0, x.grad().get(0, 1));
        assertArrayEquals(new double[] {0, 0, 0}, Arrays.copyOfRange(x.grad().toArray(), 3, 6), 0);
    }

    @Test
    void maskedSoftmaxEqualsSoftmaxOfTheUnmaskedEntries() {
        Tensor x = Tensor.randn(new Random(5), 3, 4, 6).mul(30);        // seed 5
        Tensor mask = Tensor.of(new double[] {0, 1, 0, 0, 1, 0}, 6);
        Tensor expected = Tensor.concat(2, x.slice(2, 0, 1), x.slice(2, 2, 4), x.slice(2, 5, 6)).softmax(2);
        Tensor actual = x.softmax(2, mask);
        Tensor kept = Tensor.concat(2, actual.slice(2, 0, 1), actual.slice(2, 2, 4), actual.slice(2, 5, 6));
        assertArrayEquals(expected.toArray(), kept.toArray(), TOLERANCE);
        assertEquals(0, actual.slice(2, 1, 2).abs().sum().item() + actual.slice(2, 4, 5).abs().sum().item());
    }

    @Test
    void softmaxOfLogitsOfPlusMinusAThousandIsFiniteAndOneHot() {
        Tensor p = Tensor.of(new double[] {1000, -1000, 0}).softmax(0);
        assertArrayEquals(new double[] {1, 0, 0}, p.toArray(), TOLERANCE);
    }

    @Test
    void softmaxIsUnchangedByAddingAConstantAlongTheAxis() {
        Tensor x = Tensor.randn(new Random(5), 2, 3);
        assertArrayEquals(x.softmax(1).toArray(), x.add(500).softmax(1).toArray(), 1e-12);
    }

    @Test
    void logSoftmaxOfLogitsOfPlusMinusAThousandIsFiniteAndExact() {
        Tensor y = Tensor.of(new double[][] {{1000, -1000, 0}, {-1000, -1000, -1000}}).logSoftmax(1);
        assertAllFinite(y);
        assertArrayEquals(new double[] {0, -2000, -1000, -Math.log(3), -Math.log(3), -Math.log(3)}, y.toArray(),
                1e-9);
    }

    @Test
    void logSoftmaxGradientAtExtremeLogitsIsFinite() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {0.5, -2, 1});
        double[] g = gradient(x.logSoftmax(0), x, w);
        // d/dx Σ wᵢ·logSoftmax(x)ᵢ = w − softmax(x)·Σw = w − [1, 0, 0]·(−0.5)
        assertArrayEquals(new double[] {1, -2, 1}, g, 1e-12);
    }

    @Test
    void logSoftmaxGradientSumsToZeroAlongItsAxis() {
        Tensor x = Tensor.randn(new Random(3), 4, 5).requiresGrad(true);
        Tensor w = Tensor.randn(new Random(4), 4, 5);
        for (int axis : new int[] {0, 1, -1}) {
            Tensor g = Tensor.of(gradient(x.logSoftmax(axis), x, w), 4, 5);
            for (double s : g.sum(axis).toArray()) assertEquals(0, s, 1e-12, "axis " + axis);
        }
    }

    @Test
    void logSoftmaxIsTheLogOfSoftmax() {
        Tensor x = Tensor.randn(new Random(6), 3, 4);
        assertArrayEquals(x.softmax(-1).log().toArray(), x.logSoftmax(-1).toArray(), 1e-12);
    }

    // ---------------------------------------------------------------- sigmoid, tanh, exp and log at the edges

    @Test
    void sigmoidAtPlusMinusFourHundredIsFiniteWithoutNaN() {
        Tensor x = Tensor.of(new double[] {400, -400}).requiresGrad(true);
        Tensor y = x.sigmoid();
        assertEquals(1.0, y.get(0));
        assertEquals(Math.exp(-400), y.get(1), Math.exp(-400) * 1e-12);
        double[] g = gradient(y, x);
        assertEquals(0.0, g[0]);
        assertEquals(Math.exp(-400), g[1], Math.exp(-400) * 1e-12);
    }

    @Test
    void sigmoidReachesExactlyZeroAndOneFarOut() {
        Tensor x = Tensor.of(new double[] {-1000, 1000, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
                .requiresGrad(true);
        Tensor y = x.sigmoid();
        assertArrayEquals(new double[] {0, 1, 0, 1}, y.toArray());
        assertArrayEquals(new double[] {0, 0, 0, 0}, gradient(y, x));
    }

    @Test
    void sigmoidAtZeroIsOneHalfWithSlopeOneQuarter() {
        Tensor x = Tensor.scalar(0).requiresGrad(true);
        Tensor y = x.sigmoid();
        assertEquals(0.5, y.item());
        assertEquals(0.25, gradient(y, x)[0]);
    }

    @Test
    void tanhSaturatesToPlusMinusOneWithZeroSlope() {
        Tensor x = Tensor.of(new double[] {-400, 400}).requiresGrad(true);
        Tensor y = x.tanh();
        assertArrayEquals(new double[] {-1, 1}, y.toArray());
        assertArrayEquals(new double[] {0, 0}, gradient(y, x));
    }

    @Test
    void logOfZeroIsMinusInfinityAndExpOfMinusInfinityIsZero() {
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.scalar(0).log().item());
        assertEquals(0.0, Tensor.scalar(Double.NEGATIVE_INFINITY).exp().item());
    }

    // ---------------------------------------------------------------- kinks

    @Test
    void reluGradientIsZeroAtZeroOneAboveAndZeroBelow() {
        Tensor x = Tensor.of(new double[] {-1, 0, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 0, 1}, gradient(x.relu(), x));
        assertArrayEquals(new double[] {0, 0, 2}, x.relu().toArray());
    }

    @Test
    void absGradientIsZeroAtZeroAndTheSignElsewhere() {
        Tensor x = Tensor.of(new double[] {-3, 0, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {-1, 0, 1}, gradient(x.abs(), x));
    }

    @Test
    void absGradientAtMinusZeroIsZero() {
        Tensor x = Tensor.scalar(-0.0).requiresGrad(true);
        assertEquals(0.0, Math.abs(gradient(x.abs(), x)[0]));
    }

    @Test
    void clampGradientIsOneInsideTheClosedRangeAndZeroOutside() {
        Tensor x = Tensor.of(new double[] {-2, -1, 0, 1, 2}).requiresGrad(true);
        Tensor y = x.clamp(-1, 1);
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, y.toArray());
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, gradient(y, x, Tensor.ones(5)));
    }

    @Test
    void clampToASinglePointPassesTheGradientOnlyAtThatPoint() {
        Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 1, 0}, gradient(x.clamp(0.5, 0.5), x));
    }

    @Test
    void maxAlongAnAxisSendsTheGradientToTheFirstArgMaxOnTies() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3, 2}, {5, 5, 5, 5}}).requiresGrad(true);
        Tensor y = x.max(1);
        assertArrayEquals(new double[] {3, 5}, y.toArray());
        assertArrayEquals(new double[] {0, 7, 0, 0, 9, 0, 0, 0}, gradient(y, x, Tensor.of(new double[] {7, 9})));
    }

    @Test
    void maxAlongTheFirstAxisSendsTheGradientToTheFirstArgMaxOnTies() {
        Tensor x = Tensor.of(new double[][] {{4, 1}, {4, 2}, {0, 2}}).requiresGrad(true);
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, gradient(x.max(0, true), x));
    }

    @Test
    void maxGradientGoesToTheIndexArgmaxReturns() {
        Tensor x = Tensor.of(new double[][] {{2, 7, 7}, {1, 1, 0}}).requiresGrad(true);
        double[] argmax = x.argmax(1).toArray();
        double[] g = gradient(x.max(1), x);
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 3; col++) {
                assertEquals(col == argmax[row] ? 1 : 0, g[row * 3 + col], "row " + row + " col " + col);
            }
        }
    }

    @Test
    void minAlongAnAxisSendsTheGradientToTheFirstArgMinOnTies() {
        Tensor x = Tensor.of(new double[] {2, -1, 4, -1}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 1, 0, 0}, gradient(x.min(0), x));
    }

    @Test
    void fullMaxAndMinSendTheGradientToTheFirstExtremeInRowMajorOrder() {
        Tensor x = Tensor.of(new double[][] {{0, 6}, {6, -2}, {-2, 1}}).requiresGrad(true);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, gradient(x.max(), x));
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0}, gradient(x.min(), x));
    }

    @Test
    void maxAndMinPropagateNaNAndSendTheGradientToIt() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3}).requiresGrad(true);
        assertTrue(Double.isNaN(x.max(0).item()));
        assertTrue(Double.isNaN(x.min(0).item()));
        assertArrayEquals(new double[] {0, 1, 0}, gradient(x.max(0), x));
    }

    @Test
    void softmaxOfAMinusInfinityLogitIsZeroWithFiniteGradients() {
        Tensor x = Tensor.of(new double[] {0, Double.NEGATIVE_INFINITY, 0}).requiresGrad(true);
        Tensor p = x.softmax(0);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, p.toArray(), TOLERANCE);
        double[] g = gradient(p, x, Tensor.of(new double[] {1, 2, 3}));
        assertArrayEquals(new double[] {-0.5, 0, 0.5}, g, TOLERANCE);
        Tensor logP = x.logSoftmax(0);
        assertArrayEquals(new double[] {-Math.log(2), Double.NEGATIVE_INFINITY, -Math.log(2)}, logP.toArray(), TOLERANCE);
        assertArrayEquals(new double[] {-1.5, 1, 0.5}, gradient(logP, x, Tensor.of(new double[] {0, 1, 2})), TOLERANCE);
    }

    @Test
    void powOfZeroExponentHasZeroGradientEvenAtZero() {
        Tensor x = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        Tensor y = x.pow(0);
        assertArrayEquals(new double[] {1, 1}, y.toArray());
        assertArrayEquals(new double[] {0, 0}, gradient(y, x));
    }

    @Test
    void powGradientOfTheExponentIsZeroWhereTheBaseIsZero() {
        Tensor a = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 2}).requiresGrad(true);
        Tensor y = a.pow(b);
        List<Tensor> g = Autograd.grad(List.of(y), List.of(a, b), List.of(Tensor.ones(2)), false, false);
        assertArrayEquals(new double[] {0, 4}, g.get(0).toArray(), TOLERANCE);
        assertArrayEquals(new double[] {0, 4 * Math.log(2)}, g.get(1).toArray(), TOLERANCE);
    }

    @Test
    void whereSendsTheGradientToTheChosenBranchOnly() {
        Tensor condition = Tensor.of(new double[] {1, 0, 1});
        Tensor a = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.scalar(10).requiresGrad(true);
        Tensor y = Tensor.where(condition, a, b);
        assertArrayEquals(new double[] {1, 10, 3}, y.toArray());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(a, b), List.of(Tensor.of(new double[] {4, 5, 6})),
                false, false);
        assertArrayEquals(new double[] {4, 0, 6}, g.get(0).toArray());
        assertEquals(5, g.get(1).item());
    }

    // ---------------------------------------------------------------- accumulation and broadcasting

    @Test
    void indexSelectWithRepeatedIndicesAccumulatesTheirGradients() {
        Tensor table = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).requiresGrad(true);
        Tensor rows = table.indexSelect(0, 1, 1, 0, 1);
        assertArrayEquals(new double[] {3, 4, 3, 4, 1, 2, 3, 4}, rows.toArray());
        Tensor gy = Tensor.of(new double[][] {{1, 10}, {2, 20}, {4, 40}, {8, 80}});
        assertArrayEquals(new double[] {4, 40, 11, 110, 0, 0}, gradient(rows, table, gy));
    }

    @Test
    void gatherWithRepeatedIndicesAccumulatesTheirGradients() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor indices = Tensor.of(new double[][] {{2, 2}, {0, 2}});
        Tensor y = x.gather(1, indices);
        assertArrayEquals(new double[] {3, 3, 4, 6}, y.toArray());
        assertArrayEquals(new double[] {0, 0, 3, 3, 0, 4},
                gradient(y, x, Tensor.of(new double[][] {{1, 2}, {3, 4}})));
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothGradients() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        assertArrayEquals(new double[] {5, 7}, gradient(x.mul(3).add(x.mul(x)), x));
    }

    @Test
    void broadcastInputGetsItsGradientSummedBackToItsShape() {
        Tensor a = Tensor.ones(3, 1).requiresGrad(true);
        Tensor b = Tensor.ones(4).requiresGrad(true);
        Tensor y = a.mul(b.mul(2));
        assertArrayEquals(new int[] {3, 4}, y.shape());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(a, b), List.of(Tensor.ones(3, 4)), false, false);
        assertArrayEquals(new int[] {3, 1}, g.get(0).shape());
        assertArrayEquals(new double[] {8, 8, 8}, g.get(0).toArray());
        assertArrayEquals(new int[] {4}, g.get(1).shape());
        assertArrayEquals(new double[] {6, 6, 6, 6}, g.get(1).toArray());
    }

    @Test
    void matmulGradientsOfBroadcastBatchDimensionsHaveTheOperandsShapes() {
        Tensor a = Tensor.randn(new Random(1), 2, 1, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(new Random(2), 5, 4, 2).requiresGrad(true);
        Tensor y = a.matmul(b);
        assertArrayEquals(new int[] {2, 5, 3, 2}, y.shape());
        Tensor gy = Tensor.randn(new Random(3), 2, 5, 3, 2);
        List<Tensor> g = Autograd.grad(List.of(y), List.of(a, b), List.of(gy), false, false);
        assertArrayEquals(new int[] {2, 1, 3, 4}, g.get(0).shape());
        assertArrayEquals(new int[] {5, 4, 2}, g.get(1).shape());
        // the same products with the batch dimensions expanded by hand
        Tensor ae = a.detach().expand(2, 5, 3, 4);
        Tensor be = b.detach().expand(2, 5, 4, 2);
        assertArrayEquals(gy.matmul(be.transpose(-1, -2)).sum(1, true).toArray(), g.get(0).toArray(), 1e-12);
        assertArrayEquals(ae.transpose(-1, -2).matmul(gy).sum(0).toArray(), g.get(1).toArray(), 1e-12);
    }

    @Test
    void matmulOfVectorsIsTheirDotProductAndAScalar() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {4, 5, 6});
        Tensor y = a.matmul(b);
        assertEquals(0, y.dim());
        assertEquals(32, y.item());
        assertArrayEquals(new double[] {4, 5, 6}, gradient(y, a));
    }

    @Test
    void sumToIsTheAdjointOfExpand() {
        Tensor x = Tensor.randn(new Random(8), 3, 1);
        Tensor g = Tensor.randn(new Random(9), 2, 3, 4);
        double lhs = x.expand(2, 3, 4).mul(g).sum().item();
        double rhs = x.mul(g.sumTo(3, 1)).sum().item();
        assertEquals(lhs, rhs, 1e-12);
    }

    @Test
    void meanGradientIsOneOverTheCountAlongTheAxis() {
        Tensor x = Tensor.ones(2, 4).requiresGrad(true);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25}, gradient(x.mean(1), x));
        assertArrayEquals(new double[] {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125},
                gradient(x.mean(), x));
    }

    @Test
    void sliceGradientIsZeroOutsideTheSlice() {
        Tensor x = Tensor.arange(5).requiresGrad(true);
        assertArrayEquals(new double[] {0, 7, 8, 0, 0}, gradient(x.slice(0, 1, 3), x, Tensor.of(new double[] {7, 8})));
    }

    @Test
    void reshapeGradientIsReshapedBackToTheInputShape() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor r = x.reshape(2, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, r.toArray());
        r.mul(Tensor.of(new double[][] {{1, 2}, {3, 4}})).sum().backward();
        assertArrayEquals(new double[] {1, 2, 3, 4}, x.grad().toArray());
        assertArrayEquals(new int[] {4}, x.grad().shape());
    }

    @Test
    void powGradientOfTheBaseIsZeroWhereTheExponentIsZeroEvenAtZero() {
        Tensor a = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0, 0}).requiresGrad(true);
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 0}, a.grad().toArray(), 0.0);           // 0·0^(−1) is 0, not NaN
        assertArrayEquals(new double[] {0, Math.log(2)}, b.grad().toArray(), 1e-15);
    }

    @Test
    void flattenMergesDimensionsOfAnEmptyTensor() {
        Tensor empty = Tensor.zeros(0, 3, 4);
        assertArrayEquals(new int[] {0, 12}, empty.flatten(1, 2).shape());
        assertArrayEquals(new int[] {0, 4}, empty.flatten(0, 1).shape());
    }

    @Test
    void linearWithNoRowsOrNoInputsGivesTheBiasAndItsGradients() {
        Tensor bias = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor noInputs = Tensor.zeros(4, 0).requiresGrad(true);
        Tensor emptyWeight = Tensor.zeros(2, 0).requiresGrad(true);
        Tensor y = noInputs.matmulTransposed(emptyWeight, bias);              // k = 0: every row is the bias
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 1, 2}, y.toArray(), 0.0);
        y.sum().backward();
        assertArrayEquals(new int[] {2, 0}, emptyWeight.grad().shape());
        assertArrayEquals(new double[] {4, 4}, bias.grad().toArray(), 0.0);
        Tensor weight = Tensor.ones(2, 3).requiresGrad(true);
        Tensor noRows = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor none = noRows.matmulTransposed(weight, bias);
        assertArrayEquals(new int[] {0, 2}, none.shape());
        none.sum().backward();
        assertArrayEquals(new double[6], weight.grad().toArray(), 0.0);
    }

    @Test
    void accumulatingIntoAGradientBumpsItsVersion() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        x.mul(2).sum().backward();
        Tensor first = x.grad();
        Tensor recorded = first.detach().requiresGrad(true).mul(first);   // saves first, version 0
        x.mul(2).sum().backward();                                       // adds into first in place
        assertArrayEquals(new double[] {4, 4}, first.toArray(), 0.0);
        IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> recorded.sum().backward());
        assertTrue(error.getMessage().contains("version 0 when saved, 1 now"), error.getMessage());
    }

    @Test
    void largeTensorsPrintOnlyTheirEdges() {
        String text = Tensor.arange(1_000_000).reshape(1000, 1000).toString();
        assertTrue(text.contains("..."), text);
        assertTrue(text.length() < 2000, "printed " + text.length() + " characters");
        assertTrue(text.contains("999999.0000"), text);
    }
}
