package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** norm, repeat and scatterAdd by hand (values PyTorch gives), their gradients at the kinks, and their errors. */
class NormRepeatScatterAddTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] gradient(Tensor y, Tensor x) {
        return Autograd.grad(List.of(y), List.of(x), List.of(Tensor.ones(y.shape())), false, false).get(0).toArray();
    }

    private static String badArgument(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    // ---------------------------------------------------------------- norm

    @Test
    void normsOfThreeFourAreSevenFiveFourAndTheCubeRootOf91() {
        Tensor x = Tensor.of(new double[] {3, -4});
        assertEquals(7, x.norm(1).item(), 1e-15);
        assertEquals(5, x.norm().item(), 1e-15);
        assertEquals(4, x.norm(INF).item(), 1e-15);
        assertEquals(Math.cbrt(91), x.norm(3).item(), 1e-14);
    }

    @Test
    void normAlongAnAxisKeepsItWhenAsked() {
        Tensor x = Tensor.of(new double[][] {{3, 4}, {6, 8}});
        assertArrayEquals(new double[] {5, 10}, x.norm(2, 1, false).toArray(), 1e-15);
        assertArrayEquals(new int[] {2, 1}, x.norm(2, 1, true).shape());
        assertArrayEquals(new double[] {7, 14}, x.norm(1, -1, false).toArray(), 1e-15);
    }

    @Test
    void normGradientsAreSignXOverYAndTheSignAtTheMaximum() {
        Tensor x = Tensor.of(new double[] {3, -4}).requiresGrad(true);
        assertArrayEquals(new double[] {0.6, -0.8}, gradient(x.norm(), x), 1e-15);
        assertArrayEquals(new double[] {1, -1}, gradient(x.norm(1), x), 1e-15);
        assertArrayEquals(new double[] {0, -1}, gradient(x.norm(INF), x), 1e-15);
    }

    @Test
    void normGradientAtZeroIsZeroAsPyTorchs() {
        Tensor zeros = Tensor.zeros(3).requiresGrad(true);
        for (double p : new double[] {1, 1.5, 2, 3, INF}) {
            assertArrayEquals(new double[] {0, 0, 0}, gradient(zeros.norm(p), zeros), "p = " + p);
        }
    }

    @Test
    void theInfinityNormSharesItsGradientEvenlyAmongTiedMaxima() {
        Tensor x = Tensor.of(new double[] {4, -4, 1}).requiresGrad(true);
        assertArrayEquals(new double[] {0.5, -0.5, 0}, gradient(x.norm(INF), x), 1e-15);
    }

    @Test
    void normSecondDerivativeAtZeroIsFinite() {
        Tensor x = Tensor.of(new double[] {0, 0}).requiresGrad(true);
        Tensor g = Autograd.grad(List.of(x.norm()), List.of(x), null, false, true).get(0);
        for (double v : gradient(g.sum(), x)) assertEquals(true, Double.isFinite(v));
    }

    @Test
    void normRefusesAPBelowOneNamingIt() {
        Tensor x = Tensor.zeros(2);
        assertEquals("norm: p must be at least 1 (or Double.POSITIVE_INFINITY), got 0.5",
                badArgument(() -> x.norm(0.5)));
        assertEquals("norm: p must be at least 1 (or Double.POSITIVE_INFINITY), got NaN",
                badArgument(() -> x.norm(Double.NaN, 0, false)));
        assertEquals("norm: axis 1 is out of range for a 1-d tensor; valid axes: [-1, 0]",
                badArgument(() -> x.norm(2, 1, false)));
    }

    // ---------------------------------------------------------------- repeat

    @Test
    void repeatTilesEachDimensionAsTorchRepeat() {
        Tensor row = Tensor.of(new double[] {1, 2}, 1, 2);
        Tensor tiled = row.repeat(2, 2);
        assertArrayEquals(new int[] {2, 4}, tiled.shape());
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 1, 2}, tiled.toArray());
        Tensor matrix = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2, 3, 4}, matrix.repeat(2, 1).toArray());
    }

    @Test
    void repeatWithMoreCountsThanDimensionsAddsLeadingDimensions() {
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        Tensor y = x.repeat(2, 2);
        assertArrayEquals(new int[] {2, 6}, y.shape());
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}, y.toArray());
        assertArrayEquals(new int[] {0, 3}, x.repeat(0, 1).shape());
    }

    @Test
    void repeatGradientIsTheSumOverTheCopies() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.repeat(3);
        Tensor gy = Tensor.of(new double[] {1, 10, 100, 1000, 10000, 100000});
        double[] g = Autograd.grad(List.of(y), List.of(x), List.of(gy), false, false).get(0).toArray();
        assertArrayEquals(new double[] {10101, 101010}, g);
    }

    @Test
    void repeatNamesTheCountsAndTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("repeat: counts [2] for a tensor of shape [2, 3]; needs at least one count per dimension (2)",
                badArgument(() -> x.repeat(2)));
        assertEquals("repeat: counts must be non-negative, got [-1, 2]", badArgument(() -> x.repeat(-1, 2)));
    }

    // ---------------------------------------------------------------- scatterAdd

    @Test
    void scatterAddAddsEachSourceEntryAtItsIndexAsTorchScatterAdd() {
        Tensor self = Tensor.zeros(3, 5);
        Tensor index = Tensor.of(new double[] {0, 1, 2, 0, 0}, 1, 5);
        Tensor y = self.scatterAdd(0, index, Tensor.ones(1, 5));
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0}, y.toArray());
        Tensor repeated = Tensor.of(new double[] {10, 20, 30}).scatterAdd(0, Tensor.of(new double[] {0, 2, 0, 0}),
                Tensor.of(new double[] {1, 2, 3, 4}));
        assertArrayEquals(new double[] {18, 20, 32}, repeated.toArray());
    }

    @Test
    void scatterAddPassesTheGradientToSelfAndGathersItForTheSource() {
        Tensor self = Tensor.zeros(3).requiresGrad(true);
        Tensor source = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor index = Tensor.of(new double[] {0, 2, 0, 1});
        Tensor y = self.scatterAdd(0, index, source);
        Tensor gy = Tensor.of(new double[] {5, 6, 7});
        List<Tensor> g = Autograd.grad(List.of(y), List.of(self, source), List.of(gy), false, false);
        assertArrayEquals(new double[] {5, 6, 7}, g.get(0).toArray());
        assertArrayEquals(new double[] {5, 7, 5, 6}, g.get(1).toArray());
    }

    @Test
    void scatterAddNamesBadShapesAndIndices() {
        Tensor self = Tensor.zeros(2, 3);
        assertEquals("scatterAdd: index of shape [2, 2] must match the tensor's shape [2, 3] on every axis but 0",
                badArgument(() -> self.scatterAdd(0, Tensor.zeros(2, 2), Tensor.zeros(2, 2))));
        assertEquals("scatterAdd: source of shape [1, 2] must have the index's shape [1, 3]",
                badArgument(() -> self.scatterAdd(0, Tensor.zeros(1, 3), Tensor.zeros(1, 2))));
        assertEquals("scatterAdd: index 2 at position [0, 1] is out of range [0, 2) for axis 0 of shape [2, 3]",
                badArgument(() -> self.scatterAdd(0, Tensor.of(new double[] {0, 2, 1}, 1, 3), Tensor.zeros(1, 3))));
        assertEquals("scatterAdd: index 0.5 at position [0, 0] is not a whole number; indices are whole numbers in "
                + "[0, 3) for axis 1 of shape [2, 3]",
                badArgument(() -> self.scatterAdd(1, Tensor.of(new double[] {0.5, 1}, 2, 1), Tensor.zeros(2, 1))));
    }
}
