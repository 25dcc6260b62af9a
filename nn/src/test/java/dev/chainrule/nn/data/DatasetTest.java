package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Ten rows: features {@code [i, 10 i]}, label {@code i % 3}, target {@code -i}. */
    static Dataset tenRows() {
        double[] features = new double[20];
        double[] targets = new double[10];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = 10 * i;
            targets[i] = -i;
            labels[i] = i % 3;
        }
        return Dataset.of(Tensor.of(features, 10, 2), Tensor.of(targets, 10, 1), labels);
    }

    /** The row numbers of a dataset built by {@link #tenRows()} (its first feature). */
    static int[] rowIds(Tensor features) {
        return IntStream.range(0, features.size(0)).map(i -> (int) features.get(i, 0)).toArray();
    }

    @Test
    void nonFiniteFeaturesOrTargetsAreRefusedNamingRowAndColumn() {
        Tensor features = Tensor.of(new double[][] {{1, 2, 3}, {4, Double.NaN, 6}});
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.ofLabels(features, new int[] {0, 1}));
        assertEquals("Dataset.ofLabels: features hold NaN at row 1, column 1 (flat within the row); a dataset must be "
                + "finite", e.getMessage());
        Tensor targets = Tensor.of(new double[][] {{0}, {Double.POSITIVE_INFINITY}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.ofTargets(Tensor.zeros(2, 3), targets))
                .getMessage().startsWith("Dataset.ofTargets: targets hold Infinity at row 1, column 0"));
    }

    @Test
    void rejectsLabelsAndTargetsOfTheWrongLength() {
        var labels = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofLabels(Tensor.zeros(4, 2), new int[] {0, 1, 0}));
        assertEquals("Dataset.ofLabels: 3 labels for the 4 rows of features of shape [4, 2]", labels.getMessage());
        var targets = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofTargets(Tensor.zeros(4, 2), Tensor.zeros(5, 1)));
        assertEquals("Dataset.ofTargets: targets of shape [5, 1] do not have the 4 rows of features of shape [4, 2]",
                targets.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofTargets(Tensor.scalar(1), Tensor.scalar(1)));
    }

    @Test
    void subsetKeepsFeaturesLabelsAndTargetsTogether() {
        Dataset subset = tenRows().subset(7, 2, 2);
        assertEquals(3, subset.size());
        assertArrayEquals(new double[] {7, 70, 2, 20, 2, 20}, subset.features().toArray());
        assertArrayEquals(new int[] {1, 2, 2}, subset.labels());
        assertArrayEquals(new double[] {-7, -2, -2}, subset.targets().toArray());
    }

    @Test
    void subsetRejectsIndicesOutOfRange() {
        var error = assertThrows(IllegalArgumentException.class, () -> tenRows().subset(3, 10));
        assertEquals("Dataset.subset: index 10 at position 1 is outside [0, 10)", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tenRows().subset(-1));
    }

    @Test
    void batchNamesItselfWhenRejectingIndices() {
        var error = assertThrows(IllegalArgumentException.class, () -> tenRows().batch(0, -3));
        assertEquals("Dataset.batch: index -3 at position 1 is outside [0, 10)", error.getMessage());
    }

    @Test
    void emptySubsetHasNoRows() {
        Dataset empty = tenRows().subset();
        assertEquals(0, empty.size());
        assertArrayEquals(new int[] {0, 2}, empty.features().shape());
    }

    @Test
    void labelsAreCopiedAndAbsentPartsAreNull() {
        int[] labels = {0, 1};
        Dataset data = Dataset.ofLabels(Tensor.zeros(2, 1), labels);
        labels[0] = 5;
        data.labels()[1] = 7;
        assertArrayEquals(new int[] {0, 1}, data.labels());
        assertNull(data.targets());
        assertEquals("Dataset(size=2, features=[2, 1], labels=yes, targets=no)", data.toString());
    }

    @Test
    void splitAtIsAFixedPrefixSplit() {
        Dataset.Split split = tenRows().splitAt(7);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, rowIds(split.train().features()));
        assertArrayEquals(new int[] {7, 8, 9}, rowIds(split.validation().features()));
        assertThrows(IllegalArgumentException.class, () -> tenRows().splitAt(11));
    }

    @Test
    void randomSplitIsASeededPartition() {
        Dataset.Split split = tenRows().randomSplit(0.8, 42);
        Dataset.Split again = tenRows().randomSplit(0.8, 42);
        int[] train = rowIds(split.train().features());
        int[] validation = rowIds(split.validation().features());
        assertEquals(8, train.length);
        assertEquals(2, validation.length);
        assertArrayEquals(train, rowIds(again.train().features()));
        int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);
        assertTrue(!Arrays.equals(train, IntStream.range(0, 8).toArray()), "the split should shuffle");
        assertArrayEquals(split.train().labels(), Arrays.stream(train).map(i -> i % 3).toArray());
    }

    @Test
    void randomSplitRejectsFractionsOutsideTheUnitInterval() {
        var error = assertThrows(IllegalArgumentException.class, () -> tenRows().randomSplit(1.5, 0));
        assertEquals("Dataset.randomSplit: trainFraction must be in [0, 1], got 1.5", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tenRows().randomSplit(Double.NaN, 0));
    }
}
