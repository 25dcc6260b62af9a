package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsExampleTest {
    @Test
    void customActivationsPassGradCheckAndAllFiveTrain(@TempDir Path folder) throws Exception {
        ActivationsExample.Result result = ActivationsExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream())
                .withEpochs(4));
        assertTrue(result.swishCheckPassed());
        assertTrue(result.softsignCheckPassed());
        assertEquals(List.of("sigmoid", "tanh", "relu", "swish", "softsign"),
                result.rows().stream().map(ActivationsExample.Row::name).toList());
        for (ActivationsExample.Row row : result.rows()) {
            assertTrue(Double.isFinite(row.trainLoss()) && Double.isFinite(row.validationLoss()), row.toString());
        }
        ActivationsExample.Row tanh = result.rows().get(1);
        assertTrue(tanh.validationAccuracy() > 0.8, tanh.toString());
        assertNotEquals(1.0, result.learnedBetas()[0], "swish's beta is learned");
        TestSupport.assertPng(folder.resolve("activations-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(folder.resolve("activations-accuracy.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
    }
}
