package dev.chainrule.distributed;

import static dev.chainrule.distributed.TestData.assertSameBits;
import static dev.chainrule.distributed.TestData.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Tanh;
import dev.chainrule.nn.io.SafeTensors;
import dev.chainrule.nn.norm.BatchNorm1d;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models with buffers (running statistics, updated in place by the forward pass): the buffers travel with the
 * parameters, the driver keeps the first non-empty block's (Note [Buffers across blocks] in StepMath), and Spark,
 * the local reference and a resumed run agree bit for bit on them.
 */
class BufferTrainingTest {
    private static BlockData data;
    private static List<Block> local;

    /**
     * A test stand-in for BatchNorm: in training mode it updates a running mean of its input (momentum 0.1) and a
     * count of batches in place, then feeds the input centred on the running mean to a Linear layer, so that the
     * parameters depend on the buffers too.
     */
    static final class Centred extends Module {
        private final Linear linear;
        private final Tensor runningMean;
        private final Tensor numBatchesTracked;

        Centred(int in, int out, long seed) {
            linear = registerModule("linear", new Linear(in, out, new Random(seed)));
            runningMean = registerBuffer("running_mean", Tensor.zeros(in));
            numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0), true);
        }

        @Override
        public Tensor forward(Tensor input) {
            if (isTraining()) {
                try (var off = Autograd.noGrad()) {
                    runningMean.mulInPlace(0.9).addInPlace(input.mean(0), 0.1);
                    numBatchesTracked.addInPlace(Tensor.scalar(1));
                }
            }
            return linear.forward(input.sub(runningMean));
        }
    }

    /** 6-8-3: Centred, tanh, Linear. */
    static ModelFactory model() {
        return () -> new Sequential(new Centred(TestData.FEATURES, 8, 1), new Tanh(),
                new Linear(8, TestData.CLASSES, new Random(2)));
    }

    @BeforeAll
    static void load() {
        data = BlockData.generate(LocalSpark.context(), 8, TestData.FEATURES, TestData.CLASSES, TestData.blobs(30, 5));
        local = data.collect();
    }

    @AfterAll
    static void drop() {
        data.unpersist();
    }

    private static DataParallelTrainer adam() {
        return DataParallelTrainer.of(model(), Loss.crossEntropy(), OptimizerFactory.adam(0.02)).batchSize(8).seed(5);
    }

    /** Block {@code block}'s running mean after {@code steps} synchronous steps, computed as the layer computes it. */
    private static double[] runningMeanOf(Block block, long seed, int batchSize, int steps) {
        Tensor mean = Tensor.zeros(TestData.FEATURES);
        for (int step = 1; step <= steps; step++) {
            int[] positions = Sampling.positions(seed, step, block.index(), block.rows(), batchSize);
            mean.mulInPlace(0.9).addInPlace(block.batch(positions).features().mean(0), 0.1);
        }
        return mean.toArray();
    }

    @Test
    void sparkEqualsTheReferenceBitForBitAndKeepsBlockZerosBuffers() {
        TrainingResult spark = adam().fit(data, 6);
        assertSameResult(adam().fitLocal(local, 6), spark);
        assertEquals(List.of("0.running_mean", "0.num_batches_tracked"), List.copyOf(spark.namedBuffers().keySet()));
        assertSameBits(runningMeanOf(local.get(0), 5, 8, 6), spark.namedBuffers().get("0.running_mean").toArray(),
                "block 0's running mean");
        assertEquals(6.0, spark.namedBuffers().get("0.num_batches_tracked").item());
        Module model = spark.model();
        assertSameBits(spark.buffers(), TensorLayout.of(model.namedBuffers()).flatten(model.namedBuffers()),
                "the model holds the buffers");
        assertTrue(spark.finalLoss() < spark.losses()[0], "the loss goes down: " + spark);
    }

    @Test
    void withBlockZeroEmptyTheDriverKeepsBlockOnesBuffers() {
        List<Block> blocks = Blocks.generate(4, TestData.FEATURES, TestData.CLASSES, TestData.blobs(20, 0));
        TrainingResult result = adam().fitLocal(blocks, 4);
        assertSameBits(runningMeanOf(blocks.get(1), 5, 8, 4), result.namedBuffers().get("0.running_mean").toArray(),
                "block 1's running mean");
        assertEquals(4.0, result.namedBuffers().get("0.num_batches_tracked").item());
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedRunsBuffers(@TempDir Path dir) throws Exception {
        TrainingResult uninterrupted = adam().fit(data, 6);
        adam().checkpointEvery(2, dir).fit(data, 4);
        Path four = TrainingCheckpoint.fileFor(dir, 4);
        assertTrue(SafeTensors.readContents(four).integerNames().contains("model.0.num_batches_tracked"),
                "the count is stored as I64");
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(four);
        assertEquals(4.0, checkpoint.modelState().get("0.num_batches_tracked").item());
        assertTrue(checkpoint.modelState().containsKey("0.linear.weight"));
        TrainingResult resumed = adam().resumeFrom(four).fit(data, 6);
        assertEquals(4, resumed.resumedFrom());
        assertSameResult(uninterrupted, resumed);
    }

    @Test
    void parameterAveragingAveragesFloatBuffersKeepsCountsWholeAndResumesExactly(@TempDir Path dir) {
        DataParallelTrainer trainer = DataParallelTrainer.of(model(), Loss.crossEntropy(), OptimizerFactory.sgd(0.05, 0.9))
                .averageParameters(2).batchSize(5).seed(11);
        TrainingResult spark = trainer.fit(data, 3);
        assertSameResult(trainer.fitLocal(local, 3), spark);
        assertEquals(6.0, spark.namedBuffers().get("0.num_batches_tracked").item(), "3 rounds of 2 local steps");
        trainer.checkpointEvery(1, dir).fit(data, 2);
        assertSameResult(spark, trainer.resumeFrom(TrainingCheckpoint.fileFor(dir, 2)).fit(data, 3));
    }

    @Test
    void aNetworkWithBatchNormTrainsOnSparkBitForBitAsTheReference() {
        ModelFactory withBatchNorm = () -> new Sequential(new Linear(TestData.FEATURES, 8, new Random(1)),
                new BatchNorm1d(8), new Tanh(), new Linear(8, TestData.CLASSES, new Random(2)));
        DataParallelTrainer trainer = DataParallelTrainer.of(withBatchNorm, Loss.crossEntropy(),
                OptimizerFactory.adam(0.02)).batchSize(8).seed(5);
        TrainingResult spark = trainer.fit(data, 5);
        assertSameResult(trainer.fitLocal(local, 5), spark);
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(spark.namedBuffers().keySet()));
        assertEquals(5.0, spark.namedBuffers().get("1.num_batches_tracked").item());
        assertTrue(spark.finalLoss() < spark.losses()[0], "the loss goes down: " + spark);
    }
}
