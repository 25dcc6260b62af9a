package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistExampleTest {
    /**
     * Writes a tiny MNIST-shaped folder: 28×28 images whose digit d (0..9) is a bright bar in row 4 + 2d, on a
     * noisy background, raw files in MNIST's own spelling.
     */
    static void writeTinyMnist(Path folder, int trainCount, int testCount, long seed) throws IOException {
        Random random = new Random(seed);
        int side = 28;
        for (String prefix : new String[] {"train", "t10k"}) {
            int count = prefix.equals("train") ? trainCount : testCount;
            byte[] pixels = new byte[count * side * side];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                int digit = random.nextInt(10);
                labels[i] = (byte) digit;
                for (int k = 0; k < side * side; k++) pixels[i * side * side + k] = (byte) random.nextInt(40);
                for (int j = 4; j < 24; j++) pixels[i * side * side + (4 + 2 * digit) * side + j] = (byte) 250;
            }
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte"),
                    IdxTest.idx(Idx.IMAGES_MAGIC, new int[] {count, side, side}, pixels));
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), IdxTest.idx(Idx.LABELS_MAGIC, new int[] {count}, labels));
        }
    }

    private static ExampleOptions options(Path data, Path out, ByteArrayOutputStream sink, int epochs) {
        return new ExampleOptions(epochs, 42, null, null, 20, null, out, data,
                true, new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    @Test
    void padsTo32By32AndBuildsTheTutorialsNetwork(@TempDir Path data, @TempDir Path out) throws Exception {
        writeTinyMnist(data, 120, 40, 5);
        var sink = new ByteArrayOutputStream();
        ImageClassifier.Result result = MnistExample.run(options(data, out, sink, 3));
        assertEquals(1024, result.inputs());
        assertEquals(List.of(500), result.hidden());
        assertEquals(517_000, result.weights());
        assertEquals(517_510, result.parameters());
        assertEquals(120, result.trainSize());
        assertEquals(40, result.testSize());
        assertTrue(result.testAccuracy() >= 0.9, "ten bars are easy; got " + result.testAccuracy());
        assertTrue(result.imagesPerSecond() > 0 && result.trainingSeconds() > 0, result.toString());
        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("28 x 28 images, zero-padded by 2 pixels on each side to 32 x 32 = 1024 inputs"), printed);
        assertTrue(printed.contains("1024*500 + 500*10 = 517,000 weights, plus 500 + 10 biases = 517,510 parameters"), printed);
        assertTrue(printed.contains("Rule of thumb: at least 10 training samples per parameter, so about 5.2 million "
                + "wanted for 517,510 parameters; 120 available"), printed);
        assertTrue(printed.contains("images/s"), printed);
        TestSupport.assertClassifierPictures(out, "mnist", result, 32);
    }

    @Test
    void paddingPutsTheImageInTheMiddleOfAZeroFrame() {
        byte[] pixels = {(byte) 255, 0, 0, (byte) 51};                 // one 2×2 image: 1, 0 / 0, 0.2
        var dataset = DigitData.fromIdx(new Idx.Images(1, 2, 2, pixels), new int[] {3}, 2);
        double[] padded = dataset.features().toArray();
        assertEquals(36, padded.length);                                 // (2 + 4)²
        for (int i = 0; i < 36; i++) {
            double expected = i == 2 * 6 + 2 ? 1 : i == 3 * 6 + 3 ? 0.2 : 0;
            assertEquals(expected, padded[i], 1e-12, "pixel " + i);
        }
    }

    @Test
    void withoutDataItIsAUsageError(@TempDir Path out) {
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"mnist", "--quiet", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mnist: --data DIR is required"), err.toString());
    }
}
