package dev.chainrule.nn.data;

import static dev.chainrule.nn.data.DatasetTest.rowIds;
import static dev.chainrule.nn.data.DatasetTest.tenRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    private static List<int[]> epoch(DataLoader loader) {
        List<int[]> batches = new ArrayList<>();
        for (Batch batch : loader) batches.add(rowIds(batch.features()));
        return batches;
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void inOrderLoaderKeepsTheLastShortBatch() {
        DataLoader loader = DataLoader.of(tenRows(), 4);
        List<int[]> batches = epoch(loader);
        assertEquals(3, loader.numBatches());
        assertArrayEquals(new int[] {0, 1, 2, 3}, batches.get(0));
        assertArrayEquals(new int[] {8, 9}, batches.get(2));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        DataLoader loader = DataLoader.of(tenRows(), 4).dropLast(true);
        assertEquals(2, loader.numBatches());
        assertEquals(2, epoch(loader).size());
        assertEquals(5, DataLoader.of(tenRows(), 2).dropLast(true).numBatches());
    }

    @Test
    void batchesCarryLabelsAndTargetsOfTheirRows() {
        Batch first = DataLoader.of(tenRows(), 3).shuffle(1).iterator().next();
        int[] rows = rowIds(first.features());
        assertArrayEquals(Arrays.stream(rows).map(i -> i % 3).toArray(), first.labels());
        assertArrayEquals(Arrays.stream(rows).mapToDouble(i -> -i).toArray(), first.targets().toArray());
        assertEquals(3, first.size());
    }

    @Test
    void shuffledEpochsArePermutationsThatDifferFromEachOther() {
        DataLoader loader = DataLoader.of(tenRows(), 3).shuffle(7);
        int[] first = flatten(epoch(loader));
        int[] second = flatten(epoch(loader));
        assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(first).sorted().toArray());
        assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(second).sorted().toArray());
        assertFalse(Arrays.equals(first, second), "each epoch draws a new permutation");
    }

    @Test
    void sameSeedGivesTheSameBatchesEpochAfterEpoch() {
        DataLoader a = DataLoader.of(tenRows(), 3).shuffle(7);
        DataLoader b = DataLoader.of(tenRows(), 3).shuffle(new Random(7));
        for (int epoch = 0; epoch < 3; epoch++) assertArrayEquals(flatten(epoch(a)), flatten(epoch(b)));
    }

    @Test
    void iteratorSignalsTheEndOfTheEpoch() {
        Iterator<Batch> batches = DataLoader.of(tenRows(), 10).iterator();
        batches.next();
        assertFalse(batches.hasNext());
        assertThrows(NoSuchElementException.class, batches::next);
    }

    @Test
    void rejectsBadBatchSizes() {
        var error = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(tenRows(), 0));
        assertEquals("DataLoader.of: batchSize must be at least 1, got 0", error.getMessage());
    }
}
