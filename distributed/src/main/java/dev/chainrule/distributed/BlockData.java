package dev.chainrule.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A data set split into a fixed number of blocks, held on the executors: a cached {@code JavaRDD<Block>} with one
 * partition per block. The loaders read the rows where Spark runs them (from files, from a DataFrame's own
 * partitions, or generated per block); only settings are shipped, never the rows. Row {@code i} of the input goes
 * to block {@code i mod B} (Note [Blocks by row number] in {@code Rows}), so the blocks, and therefore the training,
 * depend on the input and the number of blocks, not on how the input was partitioned or how many executors run it.
 *
 * <p>Every loader checks every row while loading (the number of features, finite values, a whole-number label in
 * {@code [0, classes)}) and fails with a {@link BadRowException} naming the block, the row and the value. The data
 * is loaded and cached when the loader returns; an empty block is fine.
 *
 * <pre>{@code
 * BlockData fromFile = BlockData.fromCsv(sc, "hdfs:///data/digits.csv.gz", DigitsData.FORMAT, 8);
 * BlockData fromTable = BlockData.fromColumns(spark.read().parquet(path).orderBy("id"),
 *         List.of("x0", "x1", "x2"), "label", 3, 8);
 * }</pre>
 *
 * <p>Note [Blocks after an executor change]: Spark runs a task where its block is cached, waiting up to {@code
 * spark.locality.wait} (3 s) for that executor's core before running it elsewhere. A step's tasks take milliseconds,
 * so they never wait that long: the blocks stay on the executors that first cached them. When an executor is lost,
 * its blocks are computed again on the survivors and cached there, and an executor that joins later (the replacement
 * Spark starts at once, or one that registered after the first step) gets no task of this run: step time stays at
 * the survivors' pace for the rest of the run (on a 2-Worker cluster, one executor then does the work of two). So
 * before each step {@code SparkRunner} compares the executors with those alive when the blocks were cached; when one
 * has joined, it drops the cached blocks and caches them again in one job, which spreads them over every executor
 * alive. That costs one pass over the source data, once per change, and changes no result: a block is the same block
 * wherever it is computed (Note [Summing in block order] in {@code StepMath}). Lowering {@code spark.locality.wait}
 * instead would send tasks to executors without the block, which then read it over the network every step.
 */
public final class BlockData {
    private final JavaSparkContext context;
    private final JavaRDD<Block> rdd;
    private final String name;
    /** The executors (host:port, and the driver) alive when the blocks were last cached. */
    private Set<String> cachedAmong;
    private final int numFeatures;
    private final int classes;
    private final int[] rowsPerBlock;

    private BlockData(JavaSparkContext context, JavaRDD<Block> rdd, int numBlocks, int numFeatures, int classes,
                      String name) {
        this.context = context;
        this.numFeatures = numFeatures;
        this.classes = classes;
        this.name = name;
        this.rdd = rdd.setName(name).persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> rows;
        try {
            context.setJobDescription("chainrule load " + name);
            rows = this.rdd.map(Block::rows).collect();
        } catch (Exception e) {
            this.rdd.unpersist(false);
            throw SparkErrors.unwrap(e);
        }
        if (rows.size() != numBlocks) {
            throw new IllegalStateException("BlockData: expected " + numBlocks + " blocks, got " + rows.size());
        }
        this.rowsPerBlock = rows.stream().mapToInt(Integer::intValue).toArray();
        this.cachedAmong = executors();
    }

    /**
     * Blocks from a CSV file (or a directory or glob of them, as Spark's {@code textFile} reads it; gzip when the
     * name ends in {@code .gz}), read on the executors. Lines are numbered in the order Spark reads them.
     *
     * @param path any path the executors can read: a local file on every node, {@code hdfs://}, {@code s3a://}
     * @throws BadRowException naming the block, the row, the line and the value
     */
    public static BlockData fromCsv(JavaSparkContext context, String path, CsvFormat format, int numBlocks) {
        Rows.checkBlockCount("BlockData.fromCsv", numBlocks);
        JavaPairRDD<Tuple2<String, Long>, Long> rows = context.textFile(path).zipWithIndex()
                .filter(line -> !Blocks.isSkipped(line._1(), line._2(), format))
                .zipWithIndex();
        JavaPairRDD<Integer, LabeledRow> parsed = rows.mapToPair(row -> {
            long inputRow = row._2();
            LabeledRow checked = format.parse(row._1()._1(), inputRow, numBlocks, Blocks.lineName(row._1()._2(), path));
            return new Tuple2<>(Rows.blockOf(inputRow, numBlocks), checked);
        });
        return assemble(context, parsed, numBlocks, format.numFeatures(), format.classes(), "csv " + path);
    }

    /**
     * Blocks from numeric columns of a DataFrame, read in the DataFrame's own partitions on the executors.
     *
     * <p>The row order must be reproducible: a file read in place is, the output of a shuffle (a join, a
     * {@code groupBy}, a {@code repartition}) is not; sort such a DataFrame by a key first ({@code orderBy("id")}).
     *
     * @param featureColumns the feature columns, each numeric (integer, floating point or decimal)
     * @param labelColumn    a numeric column of class indices in {@code [0, classes)}
     * @throws IllegalArgumentException naming a missing or non-numeric column
     * @throws BadRowException          naming the block, the row, the column and the value of a null, NaN or
     *                                  infinite feature or a bad label
     */
    public static BlockData fromColumns(Dataset<Row> frame, List<String> featureColumns, String labelColumn,
                                        int classes, int numBlocks) {
        String method = "BlockData.fromColumns";
        Rows.checkBlockCount(method, numBlocks);
        Rows.checkShape(method, featureColumns.size(), classes);
        for (String column : featureColumns) requireType(method, frame.schema(), column, false);
        requireType(method, frame.schema(), labelColumn, false);
        String[] names = featureColumns.toArray(String[]::new);
        String[] rest = Arrays.copyOfRange(names, 1, names.length + 1);
        rest[rest.length - 1] = labelColumn;
        int numFeatures = names.length;
        JavaPairRDD<Integer, LabeledRow> parsed = frame.select(names[0], rest).javaRDD().zipWithIndex().mapToPair(pair -> {
            Row row = pair._1();
            long inputRow = pair._2();
            double[] features = new double[numFeatures];
            for (int j = 0; j < numFeatures; j++) {
                if (row.isNullAt(j)) throw Rows.bad(inputRow, numBlocks, "", "feature column " + names[j] + " is null");
                features[j] = ((Number) row.get(j)).doubleValue();
            }
            double label = label(row, numFeatures, labelColumn, inputRow, numBlocks);
            return new Tuple2<>(Rows.blockOf(inputRow, numBlocks),
                    Rows.check(inputRow, numBlocks, "", features, numFeatures, label, classes, names));
        });
        return assemble(frame.sparkSession().sparkContext(), parsed, numBlocks, numFeatures, classes,
                "columns " + featureColumns + " -> " + labelColumn);
    }

    /**
     * Blocks from a DataFrame with the features in one numeric array column, which must hold {@code numFeatures}
     * values in every row. Row order as for {@link #fromColumns}.
     *
     * @throws IllegalArgumentException naming a missing column or one of the wrong type
     * @throws BadRowException          naming the block, the row and the value of a row with the wrong number of
     *                                  features, a null, NaN or infinite value or a bad label
     */
    public static BlockData fromArrayColumn(Dataset<Row> frame, String featuresColumn, int numFeatures,
                                            String labelColumn, int classes, int numBlocks) {
        String method = "BlockData.fromArrayColumn";
        Rows.checkBlockCount(method, numBlocks);
        Rows.checkShape(method, numFeatures, classes);
        requireType(method, frame.schema(), featuresColumn, true);
        requireType(method, frame.schema(), labelColumn, false);
        JavaPairRDD<Integer, LabeledRow> parsed = frame.select(featuresColumn, labelColumn).javaRDD().zipWithIndex()
                .mapToPair(pair -> {
                    Row row = pair._1();
                    long inputRow = pair._2();
                    if (row.isNullAt(0)) throw Rows.bad(inputRow, numBlocks, "", "column " + featuresColumn + " is null");
                    List<Object> values = row.getList(0);
                    double[] features = new double[values.size()];
                    for (int j = 0; j < features.length; j++) {
                        Object value = values.get(j);
                        if (value == null) throw Rows.bad(inputRow, numBlocks, "", "feature " + j + " is null");
                        features[j] = ((Number) value).doubleValue();
                    }
                    double label = label(row, 1, labelColumn, inputRow, numBlocks);
                    return new Tuple2<>(Rows.blockOf(inputRow, numBlocks),
                            Rows.check(inputRow, numBlocks, "", features, numFeatures, label, classes));
                });
        return assemble(frame.sparkSession().sparkContext(), parsed, numBlocks, numFeatures, classes,
                "array column " + featuresColumn + " -> " + labelColumn);
    }

    /**
     * Blocks made on the executors by {@code generator}, one task per block; only the generator is shipped.
     *
     * @throws BadRowException when a generated row has the wrong number of features, a non-finite value or a bad
     *                         label
     */
    public static BlockData generate(JavaSparkContext context, int numBlocks, int numFeatures, int classes,
                                     BlockGenerator generator) {
        Rows.checkBlockCount("BlockData.generate", numBlocks);
        Rows.checkShape("BlockData.generate", numFeatures, classes);
        List<Integer> indices = new ArrayList<>();
        for (int b = 0; b < numBlocks; b++) indices.add(b);
        JavaRDD<Block> blocks = context.parallelize(indices, numBlocks)
                .map(block -> Blocks.generated(block, numBlocks, numFeatures, classes, generator));
        return new BlockData(context, blocks, numBlocks, numFeatures, classes, "generated");
    }

    private static BlockData assemble(org.apache.spark.SparkContext sparkContext, JavaPairRDD<Integer, LabeledRow> parsed,
                                      int numBlocks, int numFeatures, int classes, String name) {
        return assemble(JavaSparkContext.fromSparkContext(sparkContext), parsed, numBlocks, numFeatures, classes, name);
    }

    // Key b lands in partition b (an Integer's hash is its value); each partition's rows are then put in input order.
    private static BlockData assemble(JavaSparkContext context, JavaPairRDD<Integer, LabeledRow> parsed, int numBlocks,
                                      int numFeatures, int classes, String name) {
        JavaRDD<Block> blocks = parsed.partitionBy(new HashPartitioner(numBlocks)).values()
                .mapPartitionsWithIndex((Integer block, Iterator<LabeledRow> rows) -> {
                    List<LabeledRow> list = new ArrayList<>();
                    rows.forEachRemaining(list::add);
                    list.sort(Comparator.comparingLong(LabeledRow::inputRow));
                    return List.of(Block.of(block, numFeatures, list)).iterator();
                }, true);
        return new BlockData(context, blocks, numBlocks, numFeatures, classes, name);
    }

    private static double label(Row row, int column, String name, long inputRow, int numBlocks) {
        if (row.isNullAt(column)) throw Rows.bad(inputRow, numBlocks, "", "label column " + name + " is null");
        return ((Number) row.get(column)).doubleValue();
    }

    private static void requireType(String method, StructType schema, String column, boolean array) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(column)) {
            throw new IllegalArgumentException(method + ": no column '" + column + "'; the columns are " + names);
        }
        DataType type = schema.apply(column).dataType();
        boolean ok = array ? type instanceof ArrayType a && a.elementType() instanceof NumericType
                : type instanceof NumericType;
        if (!ok) {
            throw new IllegalArgumentException(method + ": column '" + column + "' has type " + type.simpleString()
                    + "; it must be " + (array ? "an array of numbers" : "numeric") + " (cast it first)");
        }
    }

    /**
     * When an executor has joined since the blocks were cached, drops them and caches them again in one job, spread
     * over the executors alive now (Note [Blocks after an executor change]). The blocks are computed again from
     * their source, so they are the same blocks.
     */
    void rebalanceIfAnExecutorJoined() {
        Set<String> now = executors();
        if (cachedAmong.containsAll(now)) return;
        rdd.unpersist(true);
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            context.setJobDescription("chainrule re-cache " + name);
            rdd.map(Block::rows).collect();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        cachedAmong = now;
    }

    private Set<String> executors() {
        Set<String> executors = new TreeSet<>();
        for (SparkExecutorInfo executor : context.sc().statusTracker().getExecutorInfos()) {
            executors.add(executor.host() + ":" + executor.port());
        }
        return executors;
    }

    /** The Spark context the blocks live in. */
    public JavaSparkContext context() {
        return context;
    }

    /** The cached blocks, one partition per block, partition {@code b} holding block {@code b}. */
    public JavaRDD<Block> rdd() {
        return rdd;
    }

    /** The number of blocks. */
    public int numBlocks() {
        return rowsPerBlock.length;
    }

    /** The number of features per row. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Labels are in {@code [0, classes)}. */
    public int classes() {
        return classes;
    }

    /** The number of rows of each block. */
    public int[] rowsPerBlock() {
        return rowsPerBlock.clone();
    }

    /** The total number of rows. */
    public long rows() {
        long total = 0;
        for (int r : rowsPerBlock) total += r;
        return total;
    }

    /** All blocks on the driver, in index order: for {@link DataParallelTrainer#fitLocal} on small data and tests. */
    public List<Block> collect() {
        List<Block> blocks = new ArrayList<>(rdd.collect());
        blocks.sort(Comparator.comparingInt(Block::index));
        return blocks;
    }

    /** Drops the cached blocks from the executors. */
    public void unpersist() {
        rdd.unpersist(false);
    }

    @Override
    public String toString() {
        return "BlockData(" + rdd.name() + ", blocks=" + numBlocks() + ", rows=" + rows() + ", features=" + numFeatures
                + ", classes=" + classes + ")";
    }
}
