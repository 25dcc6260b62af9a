package dev.chainrule.distributed;

import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The handwritten digits that ship in nn's jar ({@value #RESOURCE}, read by {@code Datasets.digits()}: 1,797 images
 * of 8×8 pixels with counts 0..16 and their labels; UCI, CC BY 4.0, see DATA_LICENSES.md), read here as blocks, so a
 * job can read them on its executors from the job's own jar.
 */
public final class DigitsData {
    /** The bundled resource: gzip CSV, 64 pixels row-major then the label, no header. */
    public static final String RESOURCE = "/dev/chainrule/nn/data/digits.csv.gz";
    /** Its layout: 64 features scaled to [0, 1] by dividing by 16, 10 classes. */
    public static final CsvFormat FORMAT = CsvFormat.of(64, 10).divideBy(16);
    /** The seed of the fixed 80/20 split, the digits example's: 1,438 rows train, 359 validate. */
    public static final long SPLIT_SEED = 2024;

    private DigitsData() {}

    /** All bundled rows, in file order: features {@code [1797, 64]} in [0, 1], labels 0..9. */
    public static Dataset bundled() {
        List<Block> all = read(1);
        return toDataset(all.get(0));
    }

    /**
     * The fixed split of {@link #bundled()}, the digits example's: {@code randomSplit(0.8, SPLIT_SEED)}, 1,438 rows
     * to train (in the permutation's order) and 359 to validate.
     */
    public static Dataset.Split split() {
        return bundled().randomSplit(0.8, SPLIT_SEED);
    }

    /**
     * A generator of the blocks of {@link #split()}'s training rows that reads the bundled resource where it runs (on
     * an executor, from the job's jar): block b gets training rows b, b + B, … (Note [Blocks by row number]).
     */
    public static BlockGenerator trainingBlocks() {
        return (block, numBlocks) -> {
            Dataset train = split().train();
            int count = train.size() <= block ? 0 : (train.size() - block + numBlocks - 1) / numBlocks;
            int[] rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = block + i * numBlocks;
            return train.subset(rows);
        };
    }

    /** The bundled rows split into {@code numBlocks} blocks, as {@link BlockData#fromCsv} splits the file. */
    public static List<Block> read(int numBlocks) {
        Rows.checkBlockCount("DigitsData.read", numBlocks);
        try (InputStream raw = DigitsData.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("DigitsData: the resource " + RESOURCE + " is missing from the jar");
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
                return Blocks.readCsv(reader, RESOURCE, FORMAT, numBlocks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("DigitsData: cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static Dataset toDataset(Block block) {
        Batch rows = block.batch();
        return Dataset.ofLabels(rows.features(), rows.labels());
    }
}
