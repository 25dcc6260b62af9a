package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionExampleTest {
    @Test
    void theDefaultRunFitsSineBelowTheStatedBound(@TempDir Path folder) throws Exception {
        RegressionExample.Result result = RegressionExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream()));
        assertEquals(1e-3, RegressionExample.BOUND, "the bound stated in the Javadoc and README");
        assertTrue(result.meanSquaredError() < RegressionExample.BOUND, "mean squared error " + result.meanSquaredError());
        assertEquals(List.of(16), result.hidden());
        assertEquals(List.of(0, 50, 200, 500, 2000), result.snapshotEpochs());
        TestSupport.assertPng(folder.resolve("regression-fit.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(folder.resolve("regression-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
    }

    @Test
    void hiddenListStacksTanhLayers(@TempDir Path folder) throws Exception {
        RegressionExample.Result result = RegressionExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream())
                .withHidden(8, 8).withEpochs(30));
        assertEquals(List.of(8, 8), result.hidden());
        assertEquals(List.of(0, 30), result.snapshotEpochs());
        assertTrue(result.summary().startsWith("A 1-8-8-1 tanh network"), result.summary());
    }
}
