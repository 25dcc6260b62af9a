package dev.chainrule.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The loaders build on the executors the blocks that {@link Blocks} builds here, and name bad rows exactly. */
class BlockDataTest {
    /** Why Spark's file reading is not tested on Java 23+. */
    static final String HADOOP_ON_JAVA_23 = "Spark 4.1's Hadoop 3.4 file system calls Subject.getSubject, which throws "
            + "on Java 23+ (HADOOP-19212); Spark without files works there";

    @TempDir
    Path dir;

    private Path bundledDigits() throws IOException {
        Path file = dir.resolve("digits.csv.gz");
        try (InputStream in = DigitsData.class.getResourceAsStream(DigitsData.RESOURCE)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    @DisabledForJreRange(min = JRE.JAVA_23, disabledReason = HADOOP_ON_JAVA_23)
    void theDigitsCsvLoadsIntoTheSameBlocksOnTheExecutorsAsHere() throws IOException {
        Path file = bundledDigits();
        BlockData data = BlockData.fromCsv(LocalSpark.context(), file.toString(), DigitsData.FORMAT, 5);
        List<Block> local = Blocks.readCsv(file, DigitsData.FORMAT, 5);
        assertEquals(local, data.collect());
        assertEquals(local, DigitsData.read(5));
        assertEquals(local, Blocks.split(DigitsData.bundled(), 10, 5));
        assertArrayEquals(new int[] {360, 360, 359, 359, 359}, data.rowsPerBlock());
        assertEquals(1797, data.rows());
        assertEquals(64, data.numFeatures());
        // row 7 of the file is row 1 of block 2; pixels are divided by 16
        assertEquals(7, local.get(2).inputRow(1));
        assertEquals(DigitsData.bundled().labels()[7], local.get(2).label(1));
        data.unpersist();
    }

    @Test
    @DisabledForJreRange(min = JRE.JAVA_23, disabledReason = HADOOP_ON_JAVA_23)
    void aBadCsvLineFailsTheLoadNamingTheBlockTheRowTheLineAndTheValue() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, String.join("\n", "a,b,c,label", "1,2,3,0", "", "4,5,6,1", "7,x,9,2", "1,2,3,0", "") + "\n");
        CsvFormat format = CsvFormat.of(3, 3).withHeader(true);
        String expected = "BlockData: block 0, row 1 (row 2 of the input, line 5 of " + file + "): feature 1 \"x\" is not "
                + "a number";
        assertEquals(expected, refused(() -> BlockData.fromCsv(LocalSpark.context(), file.toString(), format, 2)));
        assertEquals(expected, refused(() -> Blocks.readCsv(file, format, 2)));

        Files.writeString(file, "1,2,3,0\n4,5,6,1\n7,8,2\n");
        assertEquals("BlockData: block 2, row 0 (row 2 of the input, line 3 of " + file + "): has 2 features and a label, "
                + "expected 3 features and a label", refused(() -> Blocks.readCsv(file, CsvFormat.of(3, 3), 4)));
        Files.writeString(file, "1,2,3,0\n4,5,6,3\n");
        assertEquals("BlockData: block 1, row 0 (row 1 of the input, line 2 of " + file + "): label 3 is outside [0, 3)",
                refused(() -> BlockData.fromCsv(LocalSpark.context(), file.toString(), CsvFormat.of(3, 3), 4)));
        Files.writeString(file, "1,2,3,0\n4,Infinity,6,1\n");
        assertEquals("BlockData: block 1, row 0 (row 1 of the input, line 2 of " + file + "): feature 1 is Infinity",
                refused(() -> Blocks.readCsv(file, CsvFormat.of(3, 3), 4)));
    }

    private static final StructType COLUMNS = new StructType()
            .add("x0", DataTypes.DoubleType, true)
            .add("x1", DataTypes.IntegerType, true)
            .add("label", DataTypes.DoubleType, true)
            .add("name", DataTypes.StringType, true);

    private static Dataset<Row> frame(Object[]... rows) {
        return LocalSpark.session().createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), COLUMNS);
    }

    private static BlockData columns(Dataset<Row> frame, int blocks) {
        return BlockData.fromColumns(frame, List.of("x0", "x1"), "label", 3, blocks);
    }

    @Test
    void dataFrameColumnsLoadIntoBlocksByRowNumberAndEmptyBlocksAreFine() {
        BlockData data = columns(frame(new Object[] {0.5, 1, 2.0, "a"}, new Object[] {1.5, 2, 0.0, "b"},
                new Object[] {2.5, 3, 1.0, "c"}), 5);
        assertArrayEquals(new int[] {1, 1, 1, 0, 0}, data.rowsPerBlock());
        List<Block> blocks = data.collect();
        assertEquals(Blocks.split(dev.chainrule.nn.data.Dataset.ofLabels(
                Tensor.of(new double[][] {{0.5, 1}, {1.5, 2}, {2.5, 3}}), new int[] {2, 0, 1}), 3, 5), blocks);
        assertEquals(0, blocks.get(4).rows());
        data.unpersist();
    }

    @Test
    void badDataFrameRowsFailTheLoadNamingTheBlockTheRowTheColumnAndTheValue() {
        Object[] good = {0.5, 1, 2.0, "a"};
        assertEquals("BlockData: block 1, row 1 (row 4 of the input): feature column x0 is NaN",
                refused(() -> columns(frame(good, good, good, good, new Object[] {Double.NaN, 1, 0.0, "x"}), 3)));
        assertEquals("BlockData: block 0, row 0 (row 0 of the input): feature column x1 is null",
                refused(() -> columns(frame(new Object[] {0.5, null, 0.0, "x"}), 3)));
        assertEquals("BlockData: block 1, row 0 (row 1 of the input): label 1.5 is not a whole number",
                refused(() -> columns(frame(good, new Object[] {0.5, 1, 1.5, "x"}), 3)));
        assertEquals("BlockData: block 0, row 1 (row 2 of the input): label 7 is outside [0, 3)",
                refused(() -> columns(frame(good, good, new Object[] {0.5, 1, 7.0, "x"}), 2)));
        assertEquals("BlockData: block 0, row 0 (row 0 of the input): label column label is null",
                refused(() -> columns(frame(new Object[] {0.5, 1, null, "x"}), 2)));
        assertEquals("BlockData.fromColumns: no column 'x9'; the columns are [x0, x1, label, name]",
                assertThrows(IllegalArgumentException.class, () -> BlockData.fromColumns(frame(good), List.of("x9"),
                        "label", 3, 2)).getMessage());
        assertEquals("BlockData.fromColumns: column 'name' has type string; it must be numeric (cast it first)",
                assertThrows(IllegalArgumentException.class, () -> BlockData.fromColumns(frame(good), List.of("x0", "name"),
                        "label", 3, 2)).getMessage());
    }

    @Test
    void anArrayColumnWithTheWrongNumberOfFeaturesIsNamed() {
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
                .add("label", DataTypes.IntegerType, true);
        List<Row> rows = List.of(RowFactory.create(new double[] {1, 2, 3}, 0), RowFactory.create(new double[] {1, 2, 3}, 1),
                RowFactory.create(new double[] {1, 2}, 2));
        Dataset<Row> frame = LocalSpark.session().createDataFrame(rows, schema);
        assertEquals("BlockData: block 0, row 1 (row 2 of the input): has 2 features, expected 3",
                refused(() -> BlockData.fromArrayColumn(frame, "features", 3, "label", 3, 2)));
        BlockData good = BlockData.fromArrayColumn(frame.limit(2), "features", 3, "label", 3, 2);
        assertArrayEquals(new int[] {1, 1}, good.rowsPerBlock());
        good.unpersist();
    }

    @Test
    void generatedRowsAreCheckedLikeLoadedOnes() {
        // only block 1 is bad: when several tasks fail, the job reports whichever failed first
        BlockGenerator narrow = (block, numBlocks) ->
                dev.chainrule.nn.data.Dataset.ofLabels(Tensor.zeros(2, block == 1 ? 5 : 6), new int[2]);
        assertEquals("BlockData: block 1, row 0 (row 1 of the input, from the generator): has features of shape [2, 5], "
                + "expected 6 per row", refused(() -> BlockData.generate(LocalSpark.context(), 2, 6, 3, narrow)));
        assertEquals("BlockData.generate: numBlocks must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> BlockData.generate(LocalSpark.context(), 0, 6, 3, narrow)).getMessage());
        assertEquals("DigitsData.read: numBlocks must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> DigitsData.read(0)).getMessage());
    }

    @Test
    void aDelimiterThatCanBePartOfANumberIsRefused() {
        for (char delimiter : new char[] {'.', '-', '+', '7', 'e'}) {
            assertEquals("CsvFormat: the delimiter '" + delimiter + "' can be part of a number; use a character such as"
                    + " ',', ';' or a tab", assertThrows(IllegalArgumentException.class,
                            () -> CsvFormat.of(3, 3).withDelimiter(delimiter)).getMessage());
        }
        assertEquals('\t', CsvFormat.of(3, 3).withDelimiter('\t').delimiter());
    }

    private static String refused(Executable load) {
        return assertThrows(BadRowException.class, load).getMessage();
    }
}
