package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsExampleTest {
    @Test
    void shortRunWithAFixedSeedPassesNinetyPercent(@TempDir Path folder) throws Exception {
        var sink = new ByteArrayOutputStream();
        ImageClassifier.Result result = DigitsExample.run(TestSupport.quiet(folder, sink).withEpochs(8));
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
        assertTrue(printed.contains("Rule of thumb: at least 10 training samples per parameter, so 375,100 wanted for "
                + "37,510 parameters; 1,438 available (one per 26.1 parameters)."), printed);
        assertTrue(printed.contains("images/s"), printed);
        assertTrue(result.imagesPerSecond() > 0, result.toString());
        TestSupport.assertClassifierPictures(folder, "digits", result, DigitData.SIDE);
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
        ExampleOptions options = new ExampleOptions(10, 1, 0.01, List.of(16), 20, null, out, data, true,
                new java.io.PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ImageClassifier.Result result = DigitsExample.run(options);
        assertEquals(200, result.trainSize());
        assertEquals(50, result.testSize());
        assertEquals(36, result.inputs());
        assertEquals(36 * 16 + 16 * 10, result.weights());
        assertTrue(result.testAccuracy() >= 0.9, "bars are easy; got " + result.testAccuracy());
    }
}
