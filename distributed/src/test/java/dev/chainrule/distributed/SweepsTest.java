package dev.chainrule.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.data.Dataset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** A grid of experiments on local[2] returns, row by row, exactly what training each configuration here gives. */
class SweepsTest {
    /** 300 digits, 200 to train and 100 to validate: enough to tell activations apart in a few epochs. */
    static Dataset.Split smallDigits() {
        Dataset digits = DigitsData.bundled();
        int[] train = new int[200];
        int[] validation = new int[100];
        for (int i = 0; i < 200; i++) train[i] = i;
        for (int i = 0; i < 100; i++) validation[i] = 1000 + i;
        return new Dataset.Split(digits.subset(train), digits.subset(validation));
    }

    private static MlpExperiment experiment() {
        return MlpExperiment.of(SweepsTest::smallDigits, 64, 10).withEpochs(3).withBatchSize(20)
                .withActivation("bent", () -> new Lambda("BentIdentity", x -> x.mul(x).add(1).sqrt().sub(1).div(2).add(x)));
    }

    @Test
    void aGridOfFourOnLocalTwoEqualsEachConfigurationTrainedLocally() {
        List<SweepConfig> grid = SweepGrid.of().activations("tanh", "gelu", "bent", "relu").learningRates(0.1)
                .widths(16).seeds(5).configs();
        org.apache.spark.sql.Dataset<Row> results = Sweeps.run(LocalSpark.session(), grid, experiment());
        assertEquals(List.of("index", "activation", "learning_rate", "width", "depth", "seed", "final_loss",
                "validation_loss", "validation_accuracy", "loss_curve"), List.of(results.columns()));
        List<SweepResult> spark = Sweeps.results(results);
        List<SweepResult> local = Sweeps.runLocal(grid, experiment());
        assertEquals(4, spark.size());
        for (int i = 0; i < 4; i++) {
            SweepResult expected = local.get(i);
            SweepResult actual = spark.get(i);
            assertEquals(expected.config(), actual.config());
            TestData.assertSameBits(new double[] {expected.finalLoss(), expected.validationLoss(), expected.validationAccuracy()},
                    new double[] {actual.finalLoss(), actual.validationLoss(), actual.validationAccuracy()}, "row " + i);
            TestData.assertSameBits(expected.lossCurve(), actual.lossCurve(), "curve of row " + i);
            assertEquals(3, actual.lossCurve().length);
            assertTrue(actual.validationAccuracy() > 0.3, "every configuration learns something: " + actual);
        }
        // a Spark Dataset: sort, filter, select
        Row best = results.orderBy(functions.desc("validation_accuracy")).first();
        double bestAccuracy = local.stream().mapToDouble(SweepResult::validationAccuracy).max().orElseThrow();
        assertEquals(bestAccuracy, best.getDouble(best.fieldIndex("validation_accuracy")), 0.0);
        assertEquals(1, results.filter(functions.col("activation").equalTo("gelu")).count());
    }

    @Test
    void aDivergingConfigurationIsReportedNotFatalAndUnknownActivationsAreNamed() {
        SweepResult diverged = experiment().run(new SweepConfig(0, "tanh", 1e308, 16, 0, 5));
        assertTrue(Double.isNaN(diverged.finalLoss()) || Double.isInfinite(diverged.finalLoss()), diverged.toString());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Sweeps.run(
                LocalSpark.session(), List.of(new SweepConfig(0, "nope", 0.1, 4, 1, 1)), experiment()));
        assertTrue(unknown.getMessage().startsWith("MlpExperiment: unknown activation 'nope': neither added with "
                + "withActivation [bent] nor known to nn (Activations.byName: unknown activation 'nope'; known: sigmoid, "
                + "tanh, relu, "), unknown.getMessage());
    }

    @Test
    void experimentSettingsAreCheckedNamingTheValue() {
        assertEquals("MlpExperiment.withMomentum: must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> experiment().withMomentum(1.0)).getMessage());
        assertEquals("MlpExperiment.withEpochs: must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> experiment().withEpochs(0)).getMessage());
        assertEquals("MlpExperiment.of: numFeatures must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> MlpExperiment.of(SweepsTest::smallDigits, 0, 10))
                        .getMessage());
    }

    @Test
    void handBuiltConfigurationsAreCheckedNamingTheValue() {
        assertEquals("SweepConfig: width must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(0, "tanh", 0.1, 0, 1, 7)).getMessage());
        assertEquals("SweepConfig: depth must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(0, "tanh", 0.1, 4, -1, 7)).getMessage());
        assertEquals("SweepConfig: learningRate must be finite and >= 0, got NaN", assertThrows(
                IllegalArgumentException.class, () -> new SweepConfig(0, "tanh", Double.NaN, 4, 1, 7)).getMessage());
        assertEquals("SweepConfig: activation must be a name, got ' '", assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(0, " ", 0.1, 4, 1, 7)).getMessage());
        assertEquals("SweepConfig: index must be >= 0, got -2", assertThrows(IllegalArgumentException.class,
                () -> new SweepConfig(-2, "tanh", 0.1, 4, 1, 7)).getMessage());
    }

    @Test
    void gridsAreCartesianProductsInAFixedOrder() {
        List<SweepConfig> grid = SweepGrid.of().activations("a", "b").learningRates(0.1, 0.2).widths(8).depths(1, 2)
                .seeds(1).configs();
        assertEquals(8, grid.size());
        assertEquals(new SweepConfig(0, "a", 0.1, 8, 1, 1), grid.get(0));
        assertEquals(new SweepConfig(3, "a", 0.2, 8, 2, 1), grid.get(3));
        assertEquals(new SweepConfig(7, "b", 0.2, 8, 2, 1), grid.get(7));
        assertEquals("SweepGrid.widths: each must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> SweepGrid.of().widths(0)).getMessage());
    }
}
