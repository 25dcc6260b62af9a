package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * argmax and argmin, PyTorch's conventions: the index returned holds the extreme that max(axis) or min(axis)
 * returns, it is the first index that does (ties), NaN counts as the extreme, the axis is removed unless
 * keepDim, and nothing is recorded (the result is a constant).
 */
class ArgExtremeProperties {

    /** Values drawn from a few integers, so ties are common, and NaN now and then. */
    @Property(tries = 300, seed = "8675309")
    void theIndexHoldsTheExtremeAndIsTheFirstThatDoes(@ForAll Random random) {
        int[] shape = new int[1 + random.nextInt(3)];
        for (int d = 0; d < shape.length; d++) shape[d] = 1 + random.nextInt(4);
        double[] values = new double[OpCase.numel(shape)];
        boolean withNaN = random.nextInt(4) == 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = withNaN && random.nextInt(8) == 0 ? Double.NaN : random.nextInt(4) - 1;
        }
        Tensor x = Tensor.of(values, shape);
        int axis = random.nextInt(shape.length) - (random.nextBoolean() ? shape.length : 0);
        boolean keepDim = random.nextBoolean();
        String draw = Arrays.toString(shape) + " " + Arrays.toString(values) + ", axis " + axis
                + ", keepDim " + keepDim;
        int at = axis < 0 ? axis + shape.length : axis;
        int[] reduced = Shapes.reduce(shape, at, keepDim);
        assertArrayEquals(reduced, x.argmax(axis, keepDim).shape(), draw);
        assertArrayEquals(reduced, x.argmin(axis, keepDim).shape(), draw);
        assertFirstExtreme(x, at, x.argmax(axis, keepDim), x.max(axis, keepDim), 1, "argmax of " + draw);
        assertFirstExtreme(x, at, x.argmin(axis, keepDim), x.min(axis, keepDim), -1, "argmin of " + draw);
    }

    @Example
    void argmaxAndArgminOfAMatrixAlongEachAxisTakeTheFirstOnTies() {
        Tensor x = Tensor.of(new double[][] {{1, 5, 5}, {7, 2, 7}});
        assertArrayEquals(new double[] {1, 0}, x.argmax(1).toArray());
        assertArrayEquals(new double[] {1, 0, 1}, x.argmax(0).toArray());
        assertArrayEquals(new double[] {0, 1}, x.argmin(-1).toArray());
        assertArrayEquals(new double[] {0, 1, 0}, x.argmin(0).toArray());
        assertArrayEquals(new int[] {2}, x.argmax(1).shape());
        assertArrayEquals(new int[] {2, 1}, x.argmax(1, true).shape());
        assertArrayEquals(new int[] {1, 3}, x.argmin(0, true).shape());
    }

    @Example
    void withoutAnAxisTheyReturnTheFlatIndexAsAScalar() {
        Tensor x = Tensor.of(new double[][] {{0, 6}, {6, -2}, {-2, 1}});
        assertEquals(0, x.argmax().dim());
        assertEquals(1, x.argmax().item());
        assertEquals(3, x.argmin().item());
        assertEquals(0, Tensor.scalar(4).argmax().item());
        assertEquals(0, Tensor.scalar(4).argmin().item());
    }

    @Example
    void nanCountsAsBothTheMaximumAndTheMinimumAndTheFirstNaNWins() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, -3, Double.NaN});
        assertEquals(1, x.argmax(0).item());
        assertEquals(1, x.argmin(0).item());
        assertEquals(1, x.argmax().item());
    }

    @Example
    void theResultIsAConstantThatRecordsNothing() {
        Tensor x = Tensor.of(new double[] {1, 3, 2}).requiresGrad(true);
        Tensor index = x.argmax(0);
        assertFalse(index.requiresGrad());
        assertTrue(index.isLeaf());
        assertFalse(x.argmin().requiresGrad());
    }

    @Example
    void anEmptyDimensionOtherThanTheAxisGivesAnEmptyResult() {
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).argmax(1).shape());
        assertArrayEquals(new int[] {0, 1}, Tensor.zeros(0, 3).argmin(1, true).shape());
    }

    /** Checks each index against the values along the axis, seen as {@code [outer, n, inner]}. */
    private static void assertFirstExtreme(Tensor x, int at, Tensor index, Tensor extreme, int sign, String what) {
        int[] shape = x.shape();
        int n = shape[at];
        int inner = 1;
        for (int d = at + 1; d < shape.length; d++) inner *= shape[d];
        double[] v = x.toArray();
        double[] chosen = index.toArray();
        double[] extremes = extreme.toArray();
        for (int k = 0; k < chosen.length; k++) {
            int o = k / inner;
            int i = k % inner;
            int j = (int) chosen[k];
            assertEquals(chosen[k], j, what);
            assertTrue(j >= 0 && j < n, what + ": index " + j);
            double picked = v[(o * n + j) * inner + i];
            assertEquals(extremes[k], picked, 0.0, what + ": the value at the index is not the extreme");
            for (int earlier = 0; earlier < j; earlier++) {
                double e = v[(o * n + earlier) * inner + i];
                boolean alsoExtreme = Double.isNaN(e) || !Double.isNaN(picked) && sign * (e - picked) >= 0;
                assertFalse(alsoExtreme, what + ": index " + earlier + " comes first and holds the extreme too");
            }
        }
    }
}
