package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsExampleTest {
    @Test
    void shortRunWithAFixedSeedPassesNinetyPercent(@TempDir Path folder) throws Exception {
        var sink = new ByteArrayOutputStream();
        DigitsExample.Result result = DigitsExample.run(TestSupport.quiet(folder, sink).withEpochs(8));
        assertEquals(37_000, result.weights());
        assertEquals(37_510, result.parameters());
        assertEquals(1438, result.trainSize());
        assertEquals(359, result.testSize());
        assertTrue(result.testAccuracy() >= 0.90, "test accuracy " + result.testAccuracy());
        assertEquals(359, result.confusion().total());
        assertEquals(result.testAccuracy(), result.confusion().accuracy(), 1e-12);
        assertEquals(Math.round((1 - result.testAccuracy()) * 359), result.misclassified());
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("64*500 + 500*10 = 37,000 weights, plus 500 + 10 biases = 37,510 parameters"), printed);
        assertTrue(printed.contains("actual\\predicted"), printed);
        TestSupport.assertPng(folder.resolve("digits-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(folder.resolve("digits-accuracy.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        // 8 columns of (6·8 + 8)-pixel cells; one row of 6·8 + 16 + 8 pixels per 8 mistakes.
        int rows = Math.max(1, (Math.min(48, result.misclassified()) + 7) / 8);
        TestSupport.assertPng(folder.resolve("digits-misclassified.png"), 8 * 56, rows * 72);
    }

    @Test
    void sameSeedGivesTheSameRun(@TempDir Path a, @TempDir Path b) throws Exception {
        var first = DigitsExample.run(TestSupport.quiet(a, new ByteArrayOutputStream()).withEpochs(1));
        var second = DigitsExample.run(TestSupport.quiet(b, new ByteArrayOutputStream()).withEpochs(1));
        assertEquals(first.history(), second.history());
    }

    @Test
    void readsIdxFilesWithData(@TempDir Path data, @TempDir Path out) throws Exception {
        IdxTest.writeBars(data, 200, 50, 6, 7);
        ExampleOptions options = new ExampleOptions(10, 1, 0.01, 16, 20, out, data, true,
                new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        DigitsExample.Result result = DigitsExample.run(options);
        assertEquals(200, result.trainSize());
        assertEquals(50, result.testSize());
        assertEquals(36, result.inputs());
        assertEquals(36 * 16 + 16 * 10, result.weights());
        assertTrue(result.testAccuracy() >= 0.9, "bars are easy; got " + result.testAccuracy());
    }
}
