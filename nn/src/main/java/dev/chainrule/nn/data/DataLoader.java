package dev.chainrule.nn.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Cuts a {@link Dataset} into batches. Each call of {@link #iterator()} is one epoch: with shuffling it draws a new
 * permutation of the rows from the loader's {@link Random}, so successive epochs differ while two loaders made with
 * the same seed give the same batches, epoch after epoch. Without shuffling, rows come in order. The last, smaller
 * batch is kept unless {@link #dropLast(boolean) dropLast} is on.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.of(train, 32).shuffle(42).dropLast(true);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : loader) { ... }
 * }
 * }</pre>
 *
 * <p>Configuration methods return a new loader; a shuffling loader owns a {@link Random} whose state advances with
 * every epoch, so it is not thread-safe.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final Random random;
    private final boolean dropLast;

    private DataLoader(Dataset dataset, int batchSize, Random random, boolean dropLast) {
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.random = random;
        this.dropLast = dropLast;
    }

    /**
     * A loader of {@code dataset} in batches of {@code batchSize} rows, in order, keeping the last short batch.
     *
     * @throws IllegalArgumentException when the dataset is null or {@code batchSize < 1}
     */
    public static DataLoader of(Dataset dataset, int batchSize) {
        if (dataset == null) throw new IllegalArgumentException("DataLoader.of: dataset must not be null");
        if (batchSize < 1) throw new IllegalArgumentException("DataLoader.of: batchSize must be at least 1, got " + batchSize);
        return new DataLoader(dataset, batchSize, null, false);
    }

    /** This loader, shuffling each epoch with permutations drawn from {@code new Random(seed)}. */
    public DataLoader shuffle(long seed) {
        return shuffle(new Random(seed));
    }

    /** This loader, shuffling each epoch with permutations drawn from {@code random} (which the loader advances). */
    public DataLoader shuffle(Random random) {
        if (random == null) throw new IllegalArgumentException("DataLoader.shuffle: random must not be null");
        return new DataLoader(dataset, batchSize, random, dropLast);
    }

    /** This loader without shuffling: rows in dataset order. */
    public DataLoader inOrder() {
        return new DataLoader(dataset, batchSize, null, dropLast);
    }

    /** This loader, dropping ({@code true}) or keeping the last batch when it has fewer than batchSize rows. */
    public DataLoader dropLast(boolean dropLast) {
        return new DataLoader(dataset, batchSize, random, dropLast);
    }

    /** The dataset this loader reads. */
    public Dataset dataset() {
        return dataset;
    }

    /** The number of rows per batch (the last batch may have fewer unless dropLast). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether each epoch shuffles the rows. */
    public boolean isShuffled() {
        return random != null;
    }

    /** Whether a last batch with fewer than batchSize rows is dropped. */
    public boolean isDropLast() {
        return dropLast;
    }

    /** The number of batches in one epoch. */
    public int numBatches() {
        int full = dataset.size() / batchSize;
        return dropLast || dataset.size() % batchSize == 0 ? full : full + 1;
    }

    /** The batches of the next epoch (a fresh permutation when shuffling). */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = random == null ? Permutations.identity(dataset.size()) : Permutations.random(dataset.size(), random);
        return new EpochIterator(order, numBatches());
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private final int batches;
        private int next;

        EpochIterator(int[] order, int batches) {
            this.order = order;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has no more batches");
            int start = next++ * batchSize;
            return dataset.batch(Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length)));
        }
    }

    /** For example {@code DataLoader(size=150, batchSize=32, shuffle=true, dropLast=false)}. */
    @Override
    public String toString() {
        return "DataLoader(size=" + dataset.size() + ", batchSize=" + batchSize + ", shuffle=" + isShuffled()
                + ", dropLast=" + dropLast + ")";
    }
}
