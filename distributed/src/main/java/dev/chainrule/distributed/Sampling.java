package dev.chainrule.distributed;

import java.util.Arrays;
import java.util.Random;

/**
 * Note [Mini-batches from (seed, step, block)]: a step's mini-batch inside a block is drawn from a
 * {@link Random} seeded by mixing the run's seed, the step and the block index, never from a generator that a task
 * carries from step to step. So the batch depends on nothing a cluster decides (which executor ran the block,
 * whether the task was retried, how many tasks ran before it), and a retried task or a resumed run draws the
 * same rows.
 */
final class Sampling {
    private Sampling() {}

    /** The seed of block {@code block}'s batch at {@code step}: SplitMix64's finaliser over the three values. */
    static long seed(long runSeed, long step, int block) {
        long h = mix(runSeed);
        h = mix(h + 0x9E3779B97F4A7C15L * (step + 1));
        return mix(h + 0xC2B2AE3D27D4EB4FL * (block + 1L));
    }

    /**
     * The positions of the rows in block {@code block}'s batch at {@code step}: {@code batchSize} distinct positions
     * of {@code [0, rows)} drawn uniformly (a partial Fisher–Yates shuffle), in ascending order; all rows when
     * {@code batchSize} is 0 or at least {@code rows}.
     */
    static int[] positions(long runSeed, long step, int block, int rows, int batchSize) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) all[i] = i;
        if (batchSize == 0 || batchSize >= rows) return all;
        Random random = new Random(seed(runSeed, step, block));
        for (int i = 0; i < batchSize; i++) {
            int j = i + random.nextInt(rows - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, batchSize);
        Arrays.sort(chosen);
        return chosen;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
