package dev.chainrule.distributed.demo;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.distributed.BlockData;
import dev.chainrule.distributed.DataParallelTrainer;
import dev.chainrule.distributed.DigitsData;
import dev.chainrule.distributed.Loss;
import dev.chainrule.distributed.MlpExperiment;
import dev.chainrule.distributed.ModelFactory;
import dev.chainrule.distributed.OptimizerFactory;
import dev.chainrule.distributed.SweepConfig;
import dev.chainrule.distributed.SweepGrid;
import dev.chainrule.distributed.SweepResult;
import dev.chainrule.distributed.Sweeps;
import dev.chainrule.distributed.TrainingResult;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.metrics.Metrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The distributed demo, in two parts, on whatever Spark master it is given ({@code local[2]} by default):
 * <ol>
 *   <li>Data-parallel training of a 64-100-10 sigmoid network on the bundled digits: the training rows are read by
 *       the executors from the job's jar into 8 blocks, each step sums the blocks' gradients in block order, and the
 *       result is compared bit for bit with the same training in this process without Spark.</li>
 *   <li>An activation sweep: sigmoid, tanh, ReLU, GELU and a user-defined one (the bent identity, from f and f'),
 *       one Spark task each, the results as a Spark Dataset printed as a table and their loss curves drawn as a
 *       PNG.</li>
 * </ol>
 * Run it with {@code distributed/bin/run demo} or {@code spark-submit} (see distributed/README.md).
 */
public final class DistributedDemo {
    private DistributedDemo() {}

    /**
     * What the demo did, for its test: whether the Spark run equalled the local one bit for bit, the sweep's
     * results in grid order, and the pictures written.
     */
    record Summary(boolean bitwiseEqual, List<SweepResult> sweep, List<Path> files) {}

    /**
     * Runs both parts on the master spark-submit sets, else on {@code --master} ({@code local[2]} by default).
     *
     * @param args {@code --master}, {@code --out}, {@code --blocks}, {@code --steps}, {@code --batch}, {@code --epochs};
     *             {@code --help} lists them
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DistributedDemo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("chainrule-distributed-demo");
        if (!conf.contains("spark.master")) conf.setMaster(options.master());
        try {
            options.checkDeployMode(conf.get("spark.submit.deployMode", "client"));
        } catch (IllegalArgumentException e) {
            System.err.println("DistributedDemo: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(spark, options, System.out);
        } finally {
            spark.stop();
        }
    }

    /** The 64-100-10 sigmoid network of part 1, its weights from fixed seeds. */
    static ModelFactory digitsModel() {
        return () -> new Sequential(new Linear(64, 100, new Random(1)), new Sigmoid(), new Linear(100, 10, new Random(2)));
    }

    /**
     * A user-defined activation, given as f and f' (autograd uses the f' it is given): the bent identity,
     * {@code f(x) = (√(x² + 1) − 1)/2 + x}, {@code f'(x) = x / (2√(x² + 1)) + 1}.
     */
    static Lambda bentIdentity() {
        return new Lambda("BentIdentity", Activation.of("bentIdentity",
                x -> (Math.sqrt(x * x + 1) - 1) / 2 + x,
                x -> x / (2 * Math.sqrt(x * x + 1)) + 1));
    }

    /** Runs both parts on {@code spark}, printing to {@code out}. */
    static Summary run(SparkSession spark, DemoOptions options, PrintStream out) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        out.printf(Locale.ROOT, "Spark %s, master %s, %d executor cores%n%n", spark.version(), context.master(),
                context.defaultParallelism());
        List<Path> files = new ArrayList<>();
        boolean equal = trainDigits(context, options, out, files);
        List<SweepResult> sweep = sweepActivations(spark, options, out, files);
        out.printf(Locale.ROOT, "%nPictures: %s%n", files);
        return new Summary(equal, sweep, files);
    }

    /**
     * Part 1, data-parallel digits: rows read where they are used, gradients summed in block order. Returns whether
     * the Spark run equals the same training without Spark, bit for bit.
     */
    private static boolean trainDigits(JavaSparkContext context, DemoOptions options, PrintStream out, List<Path> files) {
        out.printf(Locale.ROOT, "1. Data-parallel training: 64-100-10 sigmoid, Adam lr 0.01, %d blocks x %d rows per step%n",
                options.blocks(), options.batch());
        BlockData data = BlockData.generate(context, options.blocks(), 64, 10, DigitsData.trainingBlocks());
        out.printf(Locale.ROOT, "   %s%n", data);
        DataParallelTrainer trainer = DataParallelTrainer.of(digitsModel(), Loss.crossEntropy(), OptimizerFactory.adam(0.01))
                .batchSize(options.batch()).seed(42);
        long began = System.nanoTime();
        TrainingResult onSpark = trainer.listener(report -> {
            if (report.step() % Math.max(1, options.steps() / 6) == 0 || report.step() == report.steps()) {
                out.printf(Locale.ROOT, "   step %4d  loss %.4f  %5.1f ms%n", report.step(), report.loss(),
                        1000 * report.seconds());
            }
        }).fit(data, options.steps());
        double millisPerStep = (System.nanoTime() - began) / 1e6 / options.steps();
        TrainingResult reference = trainer.fitLocal(data.collect(), options.steps());
        boolean equal = Arrays.equals(onSpark.parameters(), reference.parameters());
        data.unpersist();
        Dataset validation = DigitsData.split().validation();
        double accuracy;
        try (var off = Autograd.noGrad()) {
            accuracy = Metrics.accuracy(onSpark.model().forward(validation.features()), validation.labels());
        }
        out.printf(Locale.ROOT, "   %.1f ms per step on Spark; validation accuracy %.1f %% (%d digits)%n", millisPerStep,
                100 * accuracy, validation.size());
        out.printf(Locale.ROOT, "   parameters bit-for-bit equal to the same training without Spark: %s%n%n",
                equal ? "yes" : "NO");
        LinkedHashMap<String, double[]> lossCurve = new LinkedHashMap<>();
        lossCurve.put(options.blocks() + " blocks on " + context.master(), onSpark.losses());
        files.add(Charts.lines(options.out().resolve("distributed-digits-loss.png"), "Data-parallel training on the digits",
                "step", "mean cross-entropy of the step's rows", lossCurve));
        return equal;
    }

    /**
     * Part 2, an activation sweep: one task per configuration, results as a Spark Dataset, printed
     * {@linkplain #bestFirst best first}.
     */
    private static List<SweepResult> sweepActivations(SparkSession spark, DemoOptions options, PrintStream out,
                                                      List<Path> files) {
        List<SweepConfig> grid = SweepGrid.of().activations("sigmoid", "tanh", "relu", "gelu", "bent")
                .learningRates(0.1).widths(64).depths(1).seeds(42).configs();
        MlpExperiment experiment = MlpExperiment.of(DigitsData::split, 64, 10).withEpochs(options.epochs())
                .withBatchSize(32).withActivation("bent", DistributedDemo::bentIdentity);
        out.printf(Locale.ROOT, "2. Activation sweep: %d configurations of 64-64-10, SGD lr 0.1 momentum 0.9, %d epochs, "
                + "one Spark task each%n", grid.size(), options.epochs());
        org.apache.spark.sql.Dataset<Row> results = Sweeps.run(spark, grid, experiment);
        List<SweepResult> sweep = Sweeps.results(results);
        out.println(table(bestFirst(results).collectAsList()));
        Path saved = options.out().resolve("sweep-results");
        try {
            results.write().mode(SaveMode.Overwrite).json(saved.toString());
            out.printf(Locale.ROOT, "   results saved as JSON in %s%n", saved);
        } catch (UnsupportedOperationException e) {
            // Spark 4.1's Hadoop 3.4 calls Subject.getSubject, which Java 23+ refuses (HADOOP-19212).
            out.printf(Locale.ROOT, "   results not saved: Spark's Hadoop file system cannot run on Java %s (%s); "
                    + "use Java 17 or 21%n", Runtime.version().feature(), e.getMessage());
        }
        LinkedHashMap<String, double[]> curves = new LinkedHashMap<>();
        for (SweepResult result : sweep) curves.put(result.config().activation(), result.lossCurve());
        files.add(Charts.lines(options.out().resolve("sweep-loss.png"), "Activation sweep on the digits", "epoch",
                "mean training cross-entropy", curves));
        return sweep;
    }

    /**
     * A sweep's results best first: by validation accuracy, ties by validation loss, then activation name, then grid
     * position, so that the order is the same every run.
     */
    static org.apache.spark.sql.Dataset<Row> bestFirst(org.apache.spark.sql.Dataset<Row> results) {
        return results.orderBy(functions.desc("validation_accuracy"), functions.asc("validation_loss"),
                functions.asc("activation"), functions.asc("index"));
    }

    /** The sweep's rows as an aligned text table. */
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "   %-10s %10s %10s %10s%n", "activation",
                "train loss", "val loss", "val acc"));
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "   %-10s %10.4f %10.4f %9.1f%%%n",
                    row.getString(row.fieldIndex("activation")), row.getDouble(row.fieldIndex("final_loss")),
                    row.getDouble(row.fieldIndex("validation_loss")),
                    100 * row.getDouble(row.fieldIndex("validation_accuracy"))));
        }
        return table.toString();
    }
}
