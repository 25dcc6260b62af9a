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
    void customActivationsPassGradCheckAndAllSixTrain(@TempDir Path folder) throws Exception {
        ActivationsExample.Result result = ActivationsExample.run(TestSupport.quiet(folder, new ByteArrayOutputStream())
                .withEpochs(4));
        assertTrue(result.swishCheckPassed());
        assertTrue(result.softsignCheckPassed());
        assertEquals(List.of("sigmoid", "tanh", "relu", "gelu", "swish", "softsign"),
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

    @Test
    void activationsNamedOnTheCommandLineAreComparedWithTheCustomOnes(@TempDir Path folder) throws Exception {
        ExampleOptions options = TestSupport.quiet(folder, new ByteArrayOutputStream()).withEpochs(2);
        options = new ExampleOptions(options.epochs(), options.seed(), null, null, null,
                List.of("elu(0.5)", "hardTanh(-2,2)"), options.out(), null, true, options.console());
        ActivationsExample.Result result = ActivationsExample.run(options);
        assertEquals(List.of("elu(0.5)", "hardTanh(-2,2)", "swish", "softsign"),
                result.rows().stream().map(ActivationsExample.Row::name).toList());
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheKnownOnes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"activations", "--activations", "gelu,gleu"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err));
        assertEquals(Main.USAGE_ERROR, code);
        assertTrue(err.toString().contains("activations: Activations.byName: unknown activation 'gleu'; known: sigmoid,"),
                err.toString());
        assertEquals("", out.toString());
    }
}
