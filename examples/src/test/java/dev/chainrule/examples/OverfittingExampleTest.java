package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverfittingExampleTest {
    @Test
    void thePlainNetworkMemorisesAndEarlyStoppingStops(@TempDir Path folder) throws Exception {
        OverfittingExample.Result result = OverfittingExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream())
                .withEpochs(80));
        assertEquals(OverfittingExample.SLICE, result.trainSize());
        assertEquals(4, result.runs().size());
        OverfittingExample.Run plain = result.runs().get(0);
        assertEquals(1.0, plain.finalTrainAccuracy(), "the plain network memorises its training images");
        assertTrue(plain.finalTrainAccuracy() - plain.finalValidationAccuracy() > 0.05, plain.toString());
        OverfittingExample.Run early = result.runs().get(3);
        assertTrue(early.stoppedEarly() && early.epochsRun() < 80, early.toString());
        assertTrue(plain.finalValidationLoss() > plain.lowestValidationLoss(),
                "the plain network's validation loss rises after its minimum: " + plain);
        TestSupport.assertPng(folder.resolve("overfitting.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(folder.resolve("overfitting-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
    }
}
