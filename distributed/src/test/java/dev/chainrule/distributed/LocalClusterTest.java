package dev.chainrule.distributed;

import static dev.chainrule.distributed.TestData.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.norm.BatchNorm2d;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on a real multi-process cluster ({@code local-cluster[2,1,1024]}: a Master, two Workers
 * and two executor JVMs; see {@link LocalCluster}) equals the Spark-free reference bit for bit: an MLP, a model
 * with the new layers (convolution, BatchNorm's running statistics, a transformer block), and a run whose executor
 * JVM is killed with SIGKILL while its task runs (last, so that the others run on the two first executors).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledForJreRange(min = JRE.JAVA_23, disabledReason = LocalCluster.EXECUTORS_ON_JAVA_23)
class LocalClusterTest {
    private static JavaSparkContext context;
    private static BlockData data;
    private static List<Block> local;

    @BeforeAll
    static void start() {
        context = LocalCluster.start("chainrule-local-cluster-tests", 2);
        data = BlockData.generate(context, 6, TestData.FEATURES, TestData.CLASSES, TestData.blobs(20, 4));
        local = data.collect();
    }

    @AfterAll
    static void stop() {
        if (context != null) context.stop();
    }

    @Test
    void tasksRunInTwoExecutorJvmsOtherThanTheDriverWithTheDriversKernel() {
        List<String> reports = context.parallelize(Arrays.asList(0, 1, 2, 3, 4, 5, 6, 7), 8)
                .map(i -> ProcessHandle.current().pid() + " " + MatrixKernel.THIS_JVM.description())
                .collect();
        long driver = ProcessHandle.current().pid();
        List<String> pids = reports.stream().map(r -> r.substring(0, r.indexOf(' '))).distinct().toList();
        assertFalse(pids.contains(Long.toString(driver)), "no task ran in the driver: " + reports);
        assertTrue(pids.size() >= 1 && pids.size() <= 2, "at most two executor JVMs: " + reports);
        for (String report : reports) {
            assertEquals(MatrixKernel.THIS_JVM.description(), report.substring(report.indexOf(' ') + 1));
        }
    }

    @Test
    void dataParallelTrainingOnTheClusterEqualsTheLocalReferenceBitForBit() {
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.sgd(0.1, 0.9)).batchSize(8).seed(7);
        TrainingResult cluster = trainer.fit(data, 10);
        assertSameResult(trainer.fitLocal(local, 10), cluster);
        assertTrue(cluster.finalLoss() < cluster.losses()[0], "the loss goes down: " + cluster);
    }

    /** Rows of 6 features as 1×2×3 images: convolution, BatchNorm2d (running statistics), ReLU, a linear head. */
    private static ModelFactory convNet() {
        return () -> new Sequential(new Lambda("AsImages", x -> x.reshape(x.size(0), 1, 2, 3)),
                new Conv2d(1, 4, 2, new Random(11)), new BatchNorm2d(4), new ReLU(), new Flatten(),
                new Linear(8, TestData.CLASSES, new Random(12)));
    }

    @Test
    void aConvNetWithBatchNormTrainsOnTheClusterAsLocally() {
        DataParallelTrainer trainer = DataParallelTrainer.of(convNet(), Loss.crossEntropy(),
                OptimizerFactory.adam(0.02)).batchSize(6).seed(5);
        TrainingResult cluster = trainer.fit(data, 8);
        assertSameResult(trainer.fitLocal(local, 8), cluster);
        assertTrue(Arrays.stream(cluster.buffers()).anyMatch(v -> v != 0 && v != 1), "running statistics moved");
    }

    @Test
    void aTransformerBlockTrainsOnTheClusterAsLocally() {
        ModelFactory model = () -> new Sequential(new Lambda("AsTokens", x -> x.reshape(x.size(0), 3, 2)),
                new TransformerEncoderLayer(2, 1, TransformerEncoderLayer.Options.of().withDimFeedforward(8)
                        .withDropout(0).withBatchFirst(true).withNormFirst(true), new Random(5)),
                new Flatten(), new Linear(6, TestData.CLASSES, new Random(6)));
        DataParallelTrainer trainer = DataParallelTrainer.of(model, Loss.crossEntropy(), OptimizerFactory.adam(0.05))
                .batchSize(6).seed(7);
        assertSameResult(trainer.fitLocal(local, 6), trainer.fit(data, 6));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void killingAnExecutorJvmWhileItsTaskRunsLeavesTheResultBitForBitUnchanged(@TempDir Path dir)
            throws Exception {
        Path victimFile = dir.resolve("victim-pid");
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(),
                new PidReportingLoss(UUID.randomUUID().toString(), 4, dir.toString()),
                OptimizerFactory.sgd(0.1, 0.9)).batchSize(8).seed(7);
        Thread killer = new Thread(() -> killWhenReported(victimFile), "executor-killer");
        killer.start();
        TrainingResult cluster = trainer.fit(data, 10);
        killer.join(TimeUnit.SECONDS.toMillis(30));
        long victim = Long.parseLong(Files.readString(victimFile).trim());
        assertNotEquals(ProcessHandle.current().pid(), victim);
        assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false), "executor " + victim + " was killed");
        DataParallelTrainer reference = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.sgd(0.1, 0.9)).batchSize(8).seed(7);
        assertSameResult(reference.fitLocal(local, 10), cluster);
    }

    /** Waits for a task to report its executor's PID, then kills that JVM (SIGKILL) while the task sleeps. */
    private static void killWhenReported(Path victimFile) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.notExists(victimFile) && System.nanoTime() < deadline) Thread.sleep(20);
            if (Files.notExists(victimFile)) return;
            long pid = Long.parseLong(Files.readString(victimFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("LocalClusterTest: killing the executor failed", e);
        }
    }

    /**
     * Cross-entropy that, in the first attempt of block 0's {@code callOfKill}-th task in an executor JVM, writes
     * that JVM's PID to {@code dir/victim-pid} (once per run) and sleeps (10 s), so that the test kills the JVM while the
     * task runs. On the driver ({@code fitLocal}) it is plain cross-entropy.
     */
    private record PidReportingLoss(String run, int callOfKill, String dir) implements Loss {
        private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

        @Override
        public Tensor compute(Tensor logits, Batch batch) {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 0 && task.attemptNumber() == 0
                    && CALLS.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet() == callOfKill) {
                reportAndWait();
            }
            return Loss.crossEntropy().compute(logits, batch);
        }

        private void reportAndWait() {
            Path target = Path.of(dir, "victim-pid");
            if (Files.exists(target)) return;
            try {
                Path temporary = Files.createTempFile(Path.of(dir), "pid", ".tmp");
                Files.writeString(temporary, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(10_000);
            } catch (IOException e) {
                throw new IllegalStateException("PidReportingLoss: cannot report the PID", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
