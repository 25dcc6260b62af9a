package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.train.EpochResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnExampleTest {
    private static ExampleOptions options(Path data, Path out, ByteArrayOutputStream sink, int epochs) {
        return new ExampleOptions(epochs, 42, 3e-3, null, 20, null, out, data, true,
                new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    @Test
    void lenetLearnsTenBarsAndDrawsItsPictures(@TempDir Path data, @TempDir Path out) throws Exception {
        MnistExampleTest.writeTinyMnist(data, 300, 60, 5);
        var sink = new ByteArrayOutputStream();
        CnnExample.Result result = CnnExample.run(options(data, out, sink, 2));
        assertEquals(61_706, result.parameters());
        assertEquals(300, result.trainSize());
        assertEquals(60, result.testSize());
        assertEquals(2, result.history().epochs().size());
        for (EpochResult epoch : result.history().epochs()) {
            assertTrue(Double.isFinite(epoch.trainLoss()) && Double.isFinite(epoch.validationLoss()), epoch.toString());
        }
        assertTrue(result.testAccuracy() >= 0.9, "ten bars are easy, chance is 0.1; got " + result.testAccuracy());
        assertEquals(60, result.confusion().total());
        assertEquals(Math.round((1 - result.testAccuracy()) * 60), result.misclassified());
        assertEquals(2, result.epochSeconds().size());
        assertTrue(result.imagesPerSecond() > 0 && result.trainingSeconds() > 0, result.toString());

        String printed = sink.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("as [N, 1, 28, 28] tensors"), printed);
        assertTrue(printed.contains("Shapes of a batch of 20: [20, 1, 28, 28] -> Conv2d [20, 6, 28, 28] -> ReLU "
                + "[20, 6, 28, 28] -> MaxPool2d [20, 6, 14, 14] -> Conv2d [20, 16, 10, 10] -> ReLU [20, 16, 10, 10] -> "
                + "MaxPool2d [20, 16, 5, 5] -> Flatten [20, 400] -> Linear [20, 120]"), printed);
        assertTrue(printed.contains("Parameters: Conv2d 6*1*5*5 + 6 = 156, Conv2d 16*6*5*5 + 16 = 2,416, Linear "
                + "120*400 + 120 = 48,120, Linear 84*120 + 84 = 10,164, Linear 10*84 + 10 = 850; 61,706 in all."), printed);
        assertTrue(printed.contains("Training 2 epochs, batch 20, Adam lr 0.003, multiplied by 0.5 every 2 epochs."),
                printed);
        assertTrue(printed.contains("images/s"), printed);
        assertTrue(result.summary().startsWith("LeNet-5, a convolutional network of 61,706 parameters"),
                result.summary());

        assertEquals(out, result.files().get(0).getParent());
        TestSupport.assertPng(out.resolve("cnn-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(out.resolve("cnn-accuracy.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        TestSupport.assertPng(out.resolve("cnn-confusion.png"), Plots.confusionSize(10), Plots.confusionSize(10));
        int rows = Math.max(1, (Math.min(48, result.misclassified()) + 7) / 8);
        TestSupport.assertPng(out.resolve("cnn-misclassified.png"), 8 * (56 + 8), rows * (56 + 16 + 8));
        // Two panels of six 5x5 filters at 16 pixels a weight; the digit (28 at 3), 6 maps of 28 at 3, 16 of 10 at 8.
        int filterRow = Plots.HEADING_HEIGHT + 80 + Plots.CAPTION_HEIGHT + Plots.GAP;
        assertPicture(out.resolve("cnn-filters.png"), 6 * (80 + Plots.GAP) + Plots.GAP,
                Plots.TITLE_HEIGHT + 2 * filterRow);
        int mapRow = 84 + Plots.CAPTION_HEIGHT + Plots.GAP;
        int smallRow = 80 + Plots.CAPTION_HEIGHT + Plots.GAP;
        assertPicture(out.resolve("cnn-feature-maps.png"), 8 * (80 + Plots.GAP) + Plots.GAP,
                Plots.TITLE_HEIGHT + 3 * Plots.HEADING_HEIGHT + 2 * mapRow + 2 * smallRow);
        assertEquals(6, result.files().size());
    }

    /** Asserts a PNG of at least {@code minWidth} (a title may widen it) and exactly {@code height} pixels. */
    private static void assertPicture(Path file, int minWidth, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertTrue(image.getWidth() >= minWidth, file + " is " + image.getWidth() + " wide, expected >= " + minWidth);
        assertEquals(height, image.getHeight(), "height of " + file);
    }

    @Test
    void sameSeedGivesTheSameRun(@TempDir Path data, @TempDir Path a, @TempDir Path b) throws Exception {
        MnistExampleTest.writeTinyMnist(data, 60, 20, 3);
        var first = CnnExample.run(options(data, a, new ByteArrayOutputStream(), 1));
        var second = CnnExample.run(options(data, b, new ByteArrayOutputStream(), 1));
        assertEquals(first.history(), second.history());
    }

    @Test
    void lenetTakesOneChannelOf28By28AndHasPyTorchsParameterCount() {
        var model = CnnExample.lenet(new Random(0));
        assertEquals(61_706, model.numParameters());
        Tensor scores = model.forward(Tensor.zeros(3, 1, 28, 28));
        assertEquals(3, scores.size(0));
        assertEquals(10, scores.size(1));
    }

    @Test
    void idxImagesBecomeOneChannelImages() {
        byte[] pixels = {(byte) 255, 0, 0, (byte) 51, 0, 0, 0, 0};     // two 2×2 images
        var dataset = CnnExample.images(new Idx.Images(2, 2, 2, pixels), new int[] {3, 4});
        assertEquals(4, dataset.features().dim());
        assertEquals(2, dataset.features().size(0));
        assertEquals(1, dataset.features().size(1));
        assertEquals(0.2, dataset.features().toArray()[3], 1e-12);
    }

    @Test
    void imagesOfAnotherSizeAreRefusedWithTheSizeLeNetReads(@TempDir Path data, @TempDir Path out) throws Exception {
        IdxTest.writeBars(data, 20, 10, 6, 7);
        var error = assertThrows(IllegalArgumentException.class,
                () -> CnnExample.run(options(data, out, new ByteArrayOutputStream(), 1)));
        assertTrue(error.getMessage().startsWith("cnn: LeNet-5 here reads 28 x 28 images (its first linear layer "
                + "takes 16*5*5 = 400 inputs), got 6 x 6 in "), error.getMessage());
    }

    @Test
    void withoutDataItIsAUsageError(@TempDir Path out) {
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"cnn", "--quiet", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cnn: --data DIR is required"), err.toString());
    }

    @Test
    void theArchitectureIsFixedSoHiddenIsRefused() {
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"cnn", "--hidden", "100", "--data", "somewhere"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cnn does not use --hidden"), err.toString());
    }
}
