package dev.chainrule.distributed;

import dev.chainrule.nn.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The same blocks as {@link BlockData} builds on a cluster, built in this process without Spark: the input of
 * {@link DataParallelTrainer#fitLocal}, the reference a Spark run must equal bit for bit. Rows are assigned and
 * checked by the same code (Note [Blocks by row number] in {@code Rows}).
 *
 * <pre>{@code
 * List<Block> blocks = Blocks.readCsv(Path.of("digits.csv.gz"), DigitsData.FORMAT, 8);
 * TrainingResult reference = trainer.fitLocal(blocks, 100);
 * }</pre>
 */
public final class Blocks {
    private Blocks() {}

    /**
     * The rows of {@code data} (features {@code [N, F]} and class labels) split into {@code numBlocks} blocks.
     *
     * @throws BadRowException          for a non-finite feature or a label outside {@code [0, classes)}
     * @throws IllegalArgumentException when the data has no labels or its features are not 2-D
     */
    public static List<Block> split(Dataset data, int classes, int numBlocks) {
        Rows.checkBlockCount("Blocks.split", numBlocks);
        if (!data.hasLabels() || data.features().dim() != 2) {
            throw new IllegalArgumentException("Blocks.split: needs features [N, F] with class labels, got " + data);
        }
        int numFeatures = data.features().size(1);
        Rows.checkShape("Blocks.split", numFeatures, classes);
        double[] values = data.features().toArray();
        int[] labels = data.labels();
        List<List<LabeledRow>> rows = emptyLists(numBlocks);
        for (int i = 0; i < labels.length; i++) {
            double[] features = Arrays.copyOfRange(values, i * numFeatures, (i + 1) * numFeatures);
            rows.get(Rows.blockOf(i, numBlocks)).add(Rows.check(i, numBlocks, "", features, numFeatures, labels[i], classes));
        }
        return pack(rows, numFeatures);
    }

    /**
     * The rows of a CSV file (gzip-compressed when its name ends in {@code .gz}) in {@code format}, split into
     * {@code numBlocks} blocks.
     *
     * @throws BadRowException naming the block, the row, the line and the bad value
     * @throws IOException     when the file cannot be read
     */
    public static List<Block> readCsv(Path file, CsvFormat format, int numBlocks) throws IOException {
        Rows.checkBlockCount("Blocks.readCsv", numBlocks);
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return readCsv(reader, file.toString(), format, numBlocks);
            }
        }
    }

    /** {@link #readCsv(Path, CsvFormat, int)} from a reader; {@code source} names it in messages. */
    static List<Block> readCsv(BufferedReader reader, String source, CsvFormat format, int numBlocks) throws IOException {
        List<List<LabeledRow>> rows = emptyLists(numBlocks);
        long inputRow = 0;
        long lineIndex = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine(), lineIndex++) {
            if (isSkipped(line, lineIndex, format)) continue;
            rows.get(Rows.blockOf(inputRow, numBlocks))
                    .add(format.parse(line, inputRow, numBlocks, lineName(lineIndex, source)));
            inputRow++;
        }
        return pack(rows, format.numFeatures());
    }

    /**
     * The blocks {@code generator} makes, checked as the Spark loader checks them.
     *
     * @throws BadRowException for a row with the wrong number of features, a non-finite value or a bad label
     */
    public static List<Block> generate(int numBlocks, int numFeatures, int classes, BlockGenerator generator) {
        Rows.checkBlockCount("Blocks.generate", numBlocks);
        Rows.checkShape("Blocks.generate", numFeatures, classes);
        List<Block> blocks = new ArrayList<>();
        for (int b = 0; b < numBlocks; b++) blocks.add(generated(b, numBlocks, numFeatures, classes, generator));
        return blocks;
    }

    /** Block {@code block} from {@code generator}, checked; what a Spark task runs. */
    static Block generated(int block, int numBlocks, int numFeatures, int classes, BlockGenerator generator) {
        Dataset data = generator.rows(block, numBlocks);
        if (data == null || !data.hasLabels()) {
            throw new IllegalArgumentException("BlockGenerator: block " + block + " has no rows with labels; return a "
                    + "Dataset.ofLabels (it may have 0 rows)");
        }
        int rowCount = data.size();
        int width = data.features().dim() == 2 ? data.features().size(1) : -1;
        double[] values = data.features().toArray();
        int[] labels = data.labels();
        List<LabeledRow> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            long inputRow = Rows.inputRowOf(block, r, numBlocks);
            if (width != numFeatures) {
                throw Rows.bad(inputRow, numBlocks, "from the generator", "has features of shape "
                        + Arrays.toString(data.features().shape()) + ", expected " + numFeatures + " per row");
            }
            double[] features = Arrays.copyOfRange(values, r * numFeatures, (r + 1) * numFeatures);
            rows.add(Rows.check(inputRow, numBlocks, "from the generator", features, numFeatures, labels[r], classes));
        }
        return Block.of(block, numFeatures, rows);
    }

    static boolean isSkipped(String line, long lineIndex, CsvFormat format) {
        return (format.header() && lineIndex == 0) || line.isBlank();
    }

    static String lineName(long lineIndex, String source) {
        return "line " + (lineIndex + 1) + " of " + source;
    }

    private static List<List<LabeledRow>> emptyLists(int numBlocks) {
        List<List<LabeledRow>> rows = new ArrayList<>();
        for (int b = 0; b < numBlocks; b++) rows.add(new ArrayList<>());
        return rows;
    }

    private static List<Block> pack(List<List<LabeledRow>> rows, int numFeatures) {
        List<Block> blocks = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) blocks.add(Block.of(b, numFeatures, rows.get(b)));
        return blocks;
    }
}
