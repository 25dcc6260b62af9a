package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthExampleTest {
    @Test
    void deepSigmoidGradientsVanishTowardsTheInputAndTheOthersDoNot(@TempDir Path folder) throws Exception {
        var sink = new ByteArrayOutputStream();
        DepthExample.Result result = DepthExample.run(TestSupport.quiet(folder, sink).withEpochs(1));
        assertEquals(12, result.runs().size());
        for (DepthExample.Run run : result.runs()) {
            assertEquals(run.depth(), run.gradientNorms().length, run.activation() + " x" + run.depth());
        }
        // Each sigmoid layer multiplies the error by σ' <= 1/4 (and by weights of about unit gain): the first
        // layer's share falls geometrically with depth. Measured at init: 0.44, 3.8e-6, 1.0e-18.
        double sigmoid2 = result.run("sigmoid", 2).firstToLast();
        double sigmoid10 = result.run("sigmoid", 10).firstToLast();
        double sigmoid30 = result.run("sigmoid", 30).firstToLast();
        assertTrue(sigmoid2 > sigmoid10 && sigmoid10 > sigmoid30, sigmoid2 + " " + sigmoid10 + " " + sigmoid30);
        assertTrue(sigmoid10 < 1e-3, "10 sigmoid layers: " + sigmoid10);
        assertTrue(sigmoid30 < 1e-12, "30 sigmoid layers: " + sigmoid30);
        for (String activation : new String[] {"tanh", "relu", "gelu"}) {
            double ratio = result.run(activation, 30).firstToLast();
            assertTrue(ratio > 1e-2 && ratio < 1e2, activation + " keeps first and last layer within 100x: " + ratio);
        }
        assertTrue(result.run("relu", 30).saturatedBefore() > 0.3, "about half of the ReLU units are dead at init");
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("sigmoid        30"), printed);
        TestSupport.assertPng(folder.resolve("depth-gradients.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
    }
}
