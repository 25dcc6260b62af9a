package dev.chainrule.distributed.bench;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.distributed.Block;
import dev.chainrule.distributed.BlockData;
import dev.chainrule.distributed.BlockGenerator;
import dev.chainrule.distributed.Blocks;
import dev.chainrule.distributed.DataParallelTrainer;
import dev.chainrule.distributed.DigitsData;
import dev.chainrule.distributed.Loss;
import dev.chainrule.distributed.ModelFactory;
import dev.chainrule.distributed.OptimizerFactory;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.Dataset;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Times data-parallel training against single-process training and Spark's fixed costs, one line per result,
 * {@code name value unit}, like {@code chainrule-bench} (lines starting with {@code #} are comments):
 * <ul>
 *   <li>{@code spark_empty_job_b{2,8}_ms}: a job of 2 or 8 tasks that do nothing, on cached partitions;</li>
 *   <li>{@code spark_broadcast_p{37510,517510}_b8_ms}: broadcast a vector of P doubles, a job of 8 tasks that read
 *       it, destroy it (the parameters' way out);</li>
 *   <li>{@code spark_collect_p{37510,517510}_b8_ms}: a job of 8 tasks each returning P doubles to the driver (the
 *       gradients' way back);</li>
 *   <li>{@code digits_{local,spark}_b{1,2,8}_step_ms}: one full-batch step of 64-500-10 (sigmoid, SGD) on the 1,438
 *       training digits, in this process without Spark ({@code local}, {@code fitLocal}) or on Spark, split into
 *       1, 2 or 8 blocks;</li>
 *   <li>{@code mlp1024_{local,spark}_b{1,2,8}_step_ms}: the same for 1024-500-10 on 1,024 random rows;</li>
 *   <li>{@code recovery_steps_{first}_{last}_ms}: the steps of a long run of 1024-100-10 on the 1,024 random rows
 *       in 8 blocks (300 steps; 60 with {@code --quick}), as the median of each window of 20 steps, with the
 *       executors alive at its end and the tasks each one ran in it ({@code # executors 2, tasks per executor
 *       {0=80, 1=80}}); kill an executor during the run to see how soon step time comes back.</li>
 * </ul>
 * Each step time is the median of the driver's per-step wall times after a warm-up.
 *
 * <pre>{@code
 * distributed/bin/run bench                       # local[2]
 * distributed/bin/run bench --workloads overhead --master spark://host:7077
 * distributed/bin/run bench --workloads recovery --master spark://127.0.0.1:7077   # then kill -9 an executor
 * }</pre>
 */
public final class DistributedBench {
    private static final String USAGE = "usage: DistributedBench [--master URL] "
            + "[--workloads overhead,digits,mlp1024,recovery] [--quick] [--smoke]";
    private static final int RECOVERY_WINDOW = 20;

    private final JavaSparkContext context;
    private final PrintStream out;
    private final int warmup;
    private final int measured;

    private DistributedBench(JavaSparkContext context, PrintStream out, int warmup, int measured) {
        this.context = context;
        this.out = out;
        this.warmup = warmup;
        this.measured = measured;
    }

    /**
     * Runs the benchmark on the master spark-submit sets, else on {@code --master} ({@code local[2]} by default), and
     * prints the results to standard output.
     *
     * @param args {@code --master URL}, {@code --workloads} (a comma-separated subset of {@code overhead, digits,
     *             mlp1024}), {@code --quick} (fewer repetitions), {@code --smoke} (a check of the output, no timing)
     */
    public static void main(String[] args) {
        String master = "local[2]";
        List<String> workloads = List.of("overhead", "digits", "mlp1024");
        boolean quick = false;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = valueOf(args, i++);
                case "--workloads" -> workloads = List.of(valueOf(args, i++).split(","));
                case "--quick" -> quick = true;
                case "--smoke" -> smoke = true;
                default -> exitWithUsage("unknown option " + args[i]);
            }
        }
        SparkConf conf = new SparkConf().setAppName("chainrule-distributed-bench").set("spark.ui.enabled", "false");
        if (!conf.contains("spark.master")) conf.setMaster(master);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            run(JavaSparkContext.fromSparkContext(spark.sparkContext()), System.out, workloads, quick, smoke);
        } finally {
            spark.stop();
        }
    }

    /** The value after option {@code args[i]}; exits with the usage when there is none. */
    private static String valueOf(String[] args, int i) {
        if (i + 1 >= args.length) exitWithUsage(args[i] + ": needs a value");
        return args[i + 1];
    }

    private static void exitWithUsage(String problem) {
        System.err.println("DistributedBench: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** Runs the named workloads on {@code context}. */
    static void run(JavaSparkContext context, PrintStream out, List<String> workloads, boolean quick, boolean smoke) {
        out.printf("# java %s, spark %s, master %s, %d cores, kernel threads %s%n", System.getProperty("java.version"),
                context.version(), context.master(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("chainrule.threads", "= cores"));
        DistributedBench bench = new DistributedBench(context, out, smoke ? 1 : quick ? 5 : 10, smoke ? 2 : quick ? 10 : 30);
        for (String workload : workloads) {
            switch (workload) {
                case "overhead" -> bench.overhead(smoke ? 2 : quick ? 20 : 60);
                case "digits" -> bench.training("digits", DistributedBench::digitsModel, 64, digitsRows());
                case "mlp1024" -> bench.training("mlp1024", DistributedBench::mlp1024Model, 1024,
                        randomRows(1024, smoke ? 64 : 1024, 10));
                case "recovery" -> bench.recovery(smoke ? 2 * RECOVERY_WINDOW : quick ? 60 : 300);
                default -> throw new IllegalArgumentException("unknown workload " + workload
                        + "; known: overhead, digits, mlp1024, recovery");
            }
        }
    }

    private void overhead(int repeats) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < 8; i++) indices.add(i);
        JavaRDD<Integer> two = context.parallelize(indices.subList(0, 2), 2).cache();
        JavaRDD<Integer> eight = context.parallelize(indices, 8).cache();
        two.count();
        eight.count();
        line("spark_empty_job_b2_ms", median(repeats, () -> two.map(x -> x).collect()));
        line("spark_empty_job_b8_ms", median(repeats, () -> eight.map(x -> x).collect()));
        for (int p : new int[] {37_510, 517_510}) {
            line("spark_broadcast_p" + p + "_b8_ms", median(repeats, () -> {
                Broadcast<double[]> vector = context.broadcast(new double[p]);
                List<Integer> lengths = eight.map(x -> vector.value().length).collect();
                vector.destroy();
                return lengths;
            }));
            line("spark_collect_p" + p + "_b8_ms", median(repeats, () -> eight.map(x -> new double[p]).collect()));
        }
        two.unpersist();
        eight.unpersist();
    }

    private void training(String name, ModelFactory model, int features, BlockGenerator rows) {
        DataParallelTrainer trainer = DataParallelTrainer.of(model, Loss.crossEntropy(), OptimizerFactory.sgd(0.1));
        List<Block> one = Blocks.generate(1, features, 10, rows);
        line(name + "_local_b1_step_ms", stepMillis(trainer, t -> t.fitLocal(one, warmup + measured)));
        for (int blocks : new int[] {1, 2, 8}) {
            BlockData data = BlockData.generate(context, blocks, features, 10, rows);
            line(name + "_spark_b" + blocks + "_step_ms", stepMillis(trainer, t -> t.fit(data, warmup + measured)));
            data.unpersist();
        }
    }

    /**
     * A long run of full-batch digits steps on 8 blocks, reported as the median step time of each window of
     * {@link #RECOVERY_WINDOW} steps and the number of executors at the window's end, as the windows end (so that
     * someone watching can kill an executor and see the effect).
     */
    private void recovery(int steps) {
        DataParallelTrainer trainer = DataParallelTrainer.of(() -> new Sequential(new Linear(1024, 100, new Random(1)),
                new Sigmoid(), new Linear(100, 10, new Random(2))), Loss.crossEntropy(), OptimizerFactory.sgd(0.1));
        BlockData data = BlockData.generate(context, 8, 1024, 10, randomRows(1024, 1024, 10));
        List<Double> window = new ArrayList<>();
        Map<String, Integer> tasks = new ConcurrentSkipListMap<>();
        SparkListener counter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                tasks.merge(taskEnd.taskInfo().executorId(), 1, Integer::sum);
            }
        };
        context.sc().addSparkListener(counter);
        trainer.listener(report -> {
            window.add(report.seconds());
            if (window.size() == RECOVERY_WINDOW) {
                out.println("# executors " + (context.sc().statusTracker().getExecutorInfos().length - 1)
                        + " at step " + report.step() + ", tasks per executor " + tasks);
                tasks.clear();
                line(String.format(java.util.Locale.ROOT, "recovery_steps_%03d_%03d_ms",
                        report.step() - RECOVERY_WINDOW + 1, report.step()), 1000 * median(window));
                out.flush();
                window.clear();
            }
        }).fit(data, steps);
        context.sc().removeSparkListener(counter);
        data.unpersist();
    }

    /** The median step time after the warm-up, in milliseconds. */
    private double stepMillis(DataParallelTrainer trainer, Consumer<DataParallelTrainer> fit) {
        List<Double> seconds = new ArrayList<>();
        fit.accept(trainer.listener(report -> {
            if (report.step() > warmup) seconds.add(report.seconds());
        }));
        return 1000 * median(seconds);
    }

    private static double median(int repeats, Supplier<?> action) {
        for (int i = 0; i < Math.max(1, repeats / 3); i++) action.get();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long began = System.nanoTime();
            action.get();
            seconds.add((System.nanoTime() - began) / 1e9);
        }
        return 1000 * median(seconds);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void line(String name, double value) {
        out.println(name + " " + new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString() + " "
                + name.substring(name.lastIndexOf('_') + 1));
    }

    /** 64-500-10 with a sigmoid hidden layer: the digits example's network (37,510 parameters). */
    static Module digitsModel() {
        return new Sequential(new Linear(64, 500, new Random(1)), new Sigmoid(), new Linear(500, 10, new Random(2)));
    }

    /** 1024-500-10 with a sigmoid hidden layer (517,510 parameters). */
    static Module mlp1024Model() {
        return new Sequential(new Linear(1024, 500, new Random(1)), new Sigmoid(), new Linear(500, 10, new Random(2)));
    }

    /** The 1,438 training digits, read per block from the jar. */
    static BlockGenerator digitsRows() {
        return DigitsData.trainingBlocks();
    }

    /**
     * {@code count} rows of {@code features} standard normal values and a label in [0, classes), row i drawn from
     * seed i: the same rows whatever the number of blocks.
     */
    static BlockGenerator randomRows(int features, int count, int classes) {
        return (block, numBlocks) -> {
            int n = count <= block ? 0 : (count - block + numBlocks - 1) / numBlocks;
            double[] x = new double[n * features];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                Random random = new Random(block + (long) i * numBlocks);
                for (int j = 0; j < features; j++) x[i * features + j] = random.nextGaussian();
                labels[i] = random.nextInt(classes);
            }
            return Dataset.ofLabels(Tensor.of(x, n, features), labels);
        };
    }
}
