package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sort and topk by hand: PyTorch's order (stable ties in both directions, NaN above every number), indices in the
 * {@link Indices} form, gradients that go back to where each value came from, and errors that name the op.
 */
class SortingTest {

    private static final double NAN = Double.NaN;

    private static double[] gradient(Tensor y, Tensor x, Tensor gy) {
        return Autograd.grad(List.of(y), List.of(x), List.of(gy), false, false).get(0).toArray();
    }

    private static String badArgument(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void sortReturnsTheValuesInOrderAndThePositionsTheyCameFrom() {
        Tensor.ValuesAndIndices sorted = Tensor.of(new double[] {3, 1, 2}).sort();
        assertArrayEquals(new double[] {1, 2, 3}, sorted.values().toArray());
        assertArrayEquals(new double[] {1, 2, 0}, sorted.indices().toArray());
    }

    @Test
    void sortAlongTheFirstAxisSortsEachColumn() {
        Tensor x = Tensor.of(new double[][] {{5, 0}, {1, 7}, {3, 4}});
        Tensor.ValuesAndIndices sorted = x.sort(0, true);
        assertArrayEquals(new double[] {5, 7, 3, 4, 1, 0}, sorted.values().toArray());
        assertArrayEquals(new double[] {0, 1, 2, 2, 1, 0}, sorted.indices().toArray());
        assertArrayEquals(new int[] {3, 2}, sorted.indices().shape());
    }

    @Test
    void tiesKeepTheirOriginalOrderInBothDirections() {
        Tensor x = Tensor.of(new double[] {2, 1, 2, 1, -0.0, 0.0});
        assertArrayEquals(new double[] {4, 5, 1, 3, 0, 2}, x.sort(0, false).indices().toArray());
        assertArrayEquals(new double[] {0, 2, 1, 3, 4, 5}, x.sort(0, true).indices().toArray());
    }

    @Test
    void nanSortsAboveEveryNumberAsInPyTorch() {
        Tensor x = Tensor.of(new double[] {1, NAN, Double.POSITIVE_INFINITY, 0});
        Tensor.ValuesAndIndices ascending = x.sort();
        assertArrayEquals(new double[] {0, 1, Double.POSITIVE_INFINITY, NAN}, ascending.values().toArray());
        assertArrayEquals(new double[] {3, 0, 2, 1}, ascending.indices().toArray());
        assertArrayEquals(new double[] {1, 2, 0, 3}, x.sort(0, true).indices().toArray());
        assertArrayEquals(new double[] {NAN, Double.POSITIVE_INFINITY}, x.topk(2).values().toArray());
    }

    @Test
    void aLongLineSortsLikeTheLibrarySort() {
        java.util.Random random = new java.util.Random(5);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) values[i] = random.nextInt(50);   // many ties
        double[] expected = values.clone();
        java.util.Arrays.sort(expected);
        Tensor.ValuesAndIndices sorted = Tensor.of(values).sort();
        assertArrayEquals(expected, sorted.values().toArray());
        double[] indices = sorted.indices().toArray();
        for (int k = 1; k < indices.length; k++) {
            if (expected[k] == expected[k - 1]) assertEquals(true, indices[k] > indices[k - 1], "stable at " + k);
        }
    }

    @Test
    void sortSendsEachValuesGradientBackToItsPosition() {
        Tensor x = Tensor.of(new double[] {3, 1, 2}).requiresGrad(true);
        Tensor values = x.sort().values();
        assertArrayEquals(new double[] {30, 10, 20}, gradient(values, x, Tensor.of(new double[] {10, 20, 30})));
    }

    @Test
    void topkPicksTheLargestOrSmallestWithEarlierPositionsWinningTies() {
        Tensor x = Tensor.of(new double[] {1, 5, 3, 5});
        Tensor.ValuesAndIndices largest = x.topk(2);
        assertArrayEquals(new double[] {5, 5}, largest.values().toArray());
        assertArrayEquals(new double[] {1, 3}, largest.indices().toArray());
        Tensor.ValuesAndIndices smallest = x.topk(3, 0, false);
        assertArrayEquals(new double[] {1, 3, 5}, smallest.values().toArray());
        assertArrayEquals(new double[] {0, 2, 1}, smallest.indices().toArray());
        assertArrayEquals(new int[] {0}, x.topk(0).values().shape());
    }

    @Test
    void topkSendsGradientOnlyToTheSelectedValues() {
        Tensor x = Tensor.of(new double[][] {{1, 4, 2}, {6, 5, 0}}).requiresGrad(true);
        Tensor values = x.topk(2, 1, true).values();
        assertArrayEquals(new double[] {4, 2, 6, 5}, values.toArray());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 0},
                gradient(values, x, Tensor.of(new double[][] {{1, 2}, {3, 4}})));
    }

    @Test
    void topkNamesKTheAxisAndTheShapeWhenKIsOutOfRange() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("topk: k 4 is out of range [0, 3] for axis -1 of shape [2, 3]", badArgument(() -> x.topk(4)));
        assertEquals("topk: k -1 is out of range [0, 2] for axis 0 of shape [2, 3]",
                badArgument(() -> x.topk(-1, 0, true)));
    }

    @Test
    void sortAndTopkNameTheAxisThatIsOutOfRange() {
        assertEquals("sort: axis 2 is out of range for a 2-d tensor; valid axes: [-2, 1]",
                badArgument(() -> Tensor.zeros(2, 3).sort(2, false)));
        assertEquals("topk: axis -1 is out of range for a 0-d tensor; valid axes: none: the tensor is 0-d",
                badArgument(() -> Tensor.scalar(1).topk(1)));
    }

    @Test
    void sortIndicesAreValidIndicesForGather() {
        Tensor x = Tensor.of(new double[][] {{2, 9, 4}, {7, 1, 3}});
        Tensor.ValuesAndIndices sorted = x.sort(1, false);
        assertArrayEquals(sorted.values().toArray(), x.gather(1, sorted.indices()).toArray());
    }
}
