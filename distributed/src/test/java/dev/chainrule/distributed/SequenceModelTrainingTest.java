package dev.chainrule.distributed;

import static dev.chainrule.distributed.TestData.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.recurrent.LSTM;
import dev.chainrule.nn.transformer.MultiheadAttention;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sequence layers (attention, a transformer block, an LSTM), whose own calls take several inputs and outputs, train data-parallel unchanged through their one-tensor form:
 * each row's 6 features are read as a sequence of 3 two-dimensional tokens, and Spark's run equals the local
 * reference bit for bit.
 */
class SequenceModelTrainingTest {
    private static BlockData data;
    private static List<Block> local;

    @BeforeAll
    static void load() {
        data = BlockData.generate(LocalSpark.context(), 4, TestData.FEATURES, TestData.CLASSES, TestData.blobs(24, 9));
        local = data.collect();
    }

    @AfterAll
    static void drop() {
        data.unpersist();
    }

    private static Lambda asTokens() {
        return new Lambda("AsTokens", x -> x.reshape(x.size(0), 3, 2));
    }

    @Test
    void selfAttentionTrainsOnSparkAsLocally() {
        ModelFactory model = () -> new Sequential(asTokens(), new MultiheadAttention(2, 2,
                MultiheadAttention.Options.of().withBatchFirst(true), new Random(3)), new Flatten(),
                new Linear(6, TestData.CLASSES, new Random(4)));
        assertTrainsAsLocally(model);
    }

    @Test
    void aTransformerBlockTrainsOnSparkAsLocally() {
        ModelFactory model = () -> new Sequential(asTokens(), new TransformerEncoderLayer(2, 1,
                TransformerEncoderLayer.Options.of().withDimFeedforward(8).withDropout(0).withBatchFirst(true)
                        .withNormFirst(true), new Random(5)), new Flatten(), new Linear(6, TestData.CLASSES,
                new Random(6)));
        assertTrainsAsLocally(model);
    }

    @Test
    void anLstmTrainsOnSparkAsLocally() {
        ModelFactory model = () -> new Sequential(asTokens(), new LSTM(2, 4, LSTM.Options.of().withBatchFirst(true),
                new Random(8)), new Flatten(), new Linear(12, TestData.CLASSES, new Random(9)));
        assertTrainsAsLocally(model);
    }

    private static void assertTrainsAsLocally(ModelFactory model) {
        DataParallelTrainer trainer = DataParallelTrainer.of(model, Loss.crossEntropy(), OptimizerFactory.adam(0.05))
                .batchSize(6).seed(7);
        TrainingResult spark = trainer.fit(data, 8);
        assertSameResult(trainer.fitLocal(local, 8), spark);
        assertTrue(spark.finalLoss() < spark.losses()[0], "the loss goes down: " + spark);
    }
}
