package dev.chainrule.distributed;

import static dev.chainrule.distributed.TestData.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.loss.Reduction;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on local[2] against the Spark-free reference {@code fitLocal}, always with exact
 * equality (raw bits): repeated runs, a retried task, a resumed run, parameter averaging, empty blocks, the input's
 * partitioning. And the errors: a NaN loss, a checkpoint from other settings.
 */
class DataParallelTrainerTest {
    private static BlockData data;
    private static List<Block> local;

    /** Fails the first attempt of block 3's task once per JVM; see the retry test. */
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @BeforeAll
    static void load() {
        data = BlockData.generate(LocalSpark.context(), 8, TestData.FEATURES, TestData.CLASSES, TestData.blobs(30, 5));
        local = data.collect();
    }

    @AfterAll
    static void drop() {
        data.unpersist();
    }

    private static DataParallelTrainer sgd() {
        return DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(), OptimizerFactory.sgd(0.1, 0.9))
                .batchSize(8).seed(7);
    }

    @Test
    void sparkTrainingEqualsTheLocalReferenceBitForBitAndRepeatsExactly() {
        DataParallelTrainer trainer = sgd();
        TrainingResult first = trainer.fit(data, 12);
        TrainingResult second = trainer.fit(data, 12);
        TrainingResult reference = trainer.fitLocal(local, 12);
        assertSameResult(reference, first);
        assertSameResult(reference, second);
        // the blocks built on the executors are the blocks built here
        assertEquals(Blocks.generate(8, TestData.FEATURES, TestData.CLASSES, TestData.blobs(30, 5)), local);
        assertEquals(0, local.get(5).rows(), "block 5 is empty, and that is fine");
        assertEquals(12, first.steps());
        assertTrue(first.finalLoss() < first.losses()[0], "the loss goes down: " + first);
    }

    @Test
    void wholeBlocksWithAdamEqualTheReference() {
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.adam(0.01));
        TrainingResult spark = trainer.fit(data, 5);
        assertSameResult(trainer.fitLocal(local, 5), spark);
        assertEquals(List.of("0.step", "0.exp_avg", "0.exp_avg_sq"), spark.optimizerState().keySet().stream().limit(3).toList());
        assertEquals(5.0, spark.optimizerState().get("0.step").item());
    }

    /** Block 3's first attempt throws; Spark runs it again; the result is the undisturbed run's, bit for bit. */
    private static Loss failingOnce() {
        return (logits, batch) -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 3 && task.attemptNumber() == 0 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure of block 3, attempt 0");
            }
            return Losses.crossEntropy(logits, batch.labels(), Reduction.NONE);
        };
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        TrainingResult undisturbed = sgd().fit(data, 6);
        FAILED_ONCE.set(false);
        DataParallelTrainer disturbed = DataParallelTrainer.of(TestData.model(), failingOnce(), OptimizerFactory.sgd(0.1, 0.9))
                .batchSize(8).seed(7);
        TrainingResult retried = disturbed.fit(data, 6);
        assertTrue(FAILED_ONCE.get(), "the injected failure happened");
        assertSameResult(undisturbed, retried);
    }

    @Test
    void aRunKilledAndResumedFromItsLastCheckpointEndsBitForBitWhereAnUninterruptedRunEnds(@TempDir Path dir)
            throws Exception {
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.adam(0.02)).batchSize(6).seed(3);
        TrainingResult uninterrupted = trainer.fit(data, 10);
        Path checkpoints = dir.resolve("checkpoints");
        RuntimeException killed = assertThrows(RuntimeException.class, () -> trainer.checkpointEvery(3, checkpoints)
                .listener(report -> {
                    if (report.step() == 8) throw new RuntimeException("killed at step 8");
                })
                .fit(data, 10));
        assertEquals("killed at step 8", killed.getMessage());
        Path last = TrainingCheckpoint.latest(checkpoints).orElseThrow();
        assertEquals(TrainingCheckpoint.fileFor(checkpoints, 6), last);
        TrainingResult resumed = trainer.checkpointEvery(3, checkpoints).resumeFrom(last).fit(data, 10);
        assertEquals(6, resumed.resumedFrom());
        assertSameResult(uninterrupted, resumed);
        assertTrue(TrainingCheckpoint.latest(checkpoints).orElseThrow().endsWith("step-000009.safetensors"));
        TrainingCheckpoint nine = TrainingCheckpoint.read(TrainingCheckpoint.latest(checkpoints).orElseThrow());
        assertEquals(9, nine.step());
        assertEquals(List.of("mode", "local_steps", "seed", "batch_size", "blocks"), List.copyOf(nine.settings().keySet()));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> trainer.seed(4).resumeFrom(last).fit(data, 10));
        assertEquals("DataParallelTrainer.resumeFrom: " + last + " was written with seed = 3, this run has 4; resume "
                + "with the same settings", other.getMessage());
    }

    @Test
    void parameterAveragingEqualsItsReferenceAndResumesExactly(@TempDir Path dir) throws Exception {
        DataParallelTrainer trainer = DataParallelTrainer.of(TestData.model(), Loss.crossEntropy(),
                OptimizerFactory.sgd(0.05, 0.9)).averageParameters(3).batchSize(5).seed(11);
        TrainingResult spark = trainer.fit(data, 4);
        assertSameResult(trainer.fitLocal(local, 4), spark);
        assertTrue(spark.optimizerState().containsKey("0.momentum_buffer"), "the averaged momentum comes back");
        assertTrue(spark.finalLoss() < spark.losses()[0], "the loss goes down: " + spark);

        trainer.checkpointEvery(2, dir).fit(data, 2);
        TrainingResult resumed = trainer.resumeFrom(TrainingCheckpoint.fileFor(dir, 2)).fit(data, 4);
        assertSameResult(spark, resumed);
    }

    @Test
    void theBlocksDecideTheResultNotHowTheInputIsPartitioned() {
        TrainingResult fromTwo = sgd().fit(rangeData(2), 5);
        TrainingResult fromSeven = sgd().fit(rangeData(7), 5);
        assertSameResult(fromTwo, fromSeven);
    }

    /** 300 rows whose values depend on the row's id only, read in {@code partitions} partitions. */
    private static BlockData rangeData(int partitions) {
        Dataset<Row> frame = LocalSpark.session().range(0, 300, 1, partitions)
                .withColumn("label", functions.col("id").mod(3).cast("int"));
        for (int j = 0; j < TestData.FEATURES; j++) {
            frame = frame.withColumn("x" + j, functions.sin(functions.col("id").multiply(j + 1)).plus(
                    functions.when(functions.col("label").equalTo(j % 3), 1.5).otherwise(0.0)));
        }
        return BlockData.fromColumns(frame, List.of("x0", "x1", "x2", "x3", "x4", "x5"), "label", 3, 8);
    }

    /** Cross-entropy plus 0·log(x₀): NaN exactly for a row whose first feature is negative. */
    private static Loss nanWhereFirstFeatureIsNegative() {
        return (logits, batch) -> {
            int n = batch.size();
            Tensor barrier = batch.features().slice(1, 0, 1).reshape(n).log().mul(0.0);
            return Losses.crossEntropy(logits, batch.labels(), Reduction.NONE).add(barrier);
        };
    }

    @Test
    void aNaNLossStopsTrainingNamingTheStepTheBlockAndTheRow() {
        BlockGenerator oneBadRow = (block, numBlocks) -> {
            dev.chainrule.nn.data.Dataset rows = TestData.blobs(10, -1).rows(block, numBlocks);
            double[] x = rows.features().toArray();
            for (int i = 0; i < rows.size(); i++) x[i * TestData.FEATURES] = Math.abs(x[i * TestData.FEATURES]) + 0.1;
            if (block == 2) x[4 * TestData.FEATURES] = -1.0;
            return dev.chainrule.nn.data.Dataset.ofLabels(Tensor.of(x, rows.size(), TestData.FEATURES), rows.labels());
        };
        BlockData bad = BlockData.generate(LocalSpark.context(), 4, TestData.FEATURES, TestData.CLASSES, oneBadRow);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> DataParallelTrainer.of(
                TestData.model(), nanWhereFirstFeatureIsNegative(), OptimizerFactory.sgd(0.1)).fit(bad, 3));
        assertEquals("DataParallelTrainer: the loss of block 2 is NaN at step 1 (first at row 4 of the block, row 18 of "
                + "the input); training stopped before applying it, so the parameters are those after step 0. Lower the "
                + "learning rate, or check that row", e.getMessage());
        assertEquals(2, e.block());
        assertEquals(18, e.inputRow());
        assertEquals(1, e.step());
        bad.unpersist();
    }

    @Test
    void divergingTrainingStopsAtTheFirstInfiniteLossInsteadOfSpreadingIt() {
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> DataParallelTrainer.of(
                TestData.model(), Loss.crossEntropy(), OptimizerFactory.sgd(1e308)).fitLocal(local, 20));
        assertEquals("DataParallelTrainer: the loss of block 0 is Infinity at step 2 (first at row 4 of the block, row 32 "
                + "of the input); training stopped before applying it, so the parameters are those after step 1. Lower "
                + "the learning rate, or check that row", e.getMessage());
    }

    @Test
    void anOverflowingUpdateStopsTrainingNamingTheParameter() {
        double[] parameters = {1.0, Double.POSITIVE_INFINITY};
        TensorLayout layout = TensorLayout.of(new java.util.LinkedHashMap<>(java.util.Map.of("w", Tensor.zeros(2))));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> StepMath.checkFinite(parameters, layout, "the parameters after the update", 4));
        assertEquals("DataParallelTrainer: the parameters after the update at step 4 hold Infinity at w[1]; training "
                + "stopped. Lower the learning rate", e.getMessage());
    }

    @Test
    void stepsAndSettingsAreChecked() {
        assertEquals("DataParallelTrainer.batchSize: must be >= 0 (0 for whole blocks), got -1",
                assertThrows(IllegalArgumentException.class, () -> sgd().batchSize(-1)).getMessage());
        assertEquals("DataParallelTrainer.fit: steps must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> sgd().fitLocal(local, -1)).getMessage());
        assertEquals(0, sgd().fitLocal(local, 0).steps());
        assertFalse(Double.isNaN(sgd().fitLocal(local, 1).finalLoss()));
        assertEquals("DataParallelTrainer.fitLocal: block 0 of the list has index 1; pass the blocks in index order, "
                + "0 to 6", assertThrows(IllegalArgumentException.class, () -> sgd().fitLocal(local.subList(1, 8), 1))
                .getMessage());
        assertEquals("DataParallelTrainer.resumeFrom: checkpoint",
                assertThrows(NullPointerException.class, () -> sgd().resumeFrom(null)).getMessage());
    }
}
