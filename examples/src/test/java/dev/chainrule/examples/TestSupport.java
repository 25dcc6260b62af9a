package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Shared helpers: quiet options into a folder, and reading PNGs back. */
final class TestSupport {
    private TestSupport() {}

    /** Default options, seed 42, quiet, writing into {@code folder}, printing into {@code sink}. */
    static ExampleOptions quiet(Path folder, ByteArrayOutputStream sink) {
        return ExampleOptions.defaults().quietlyTo(folder, new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    /** Asserts that {@code file} is a PNG that ImageIO reads back at {@code width × height}. */
    static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing picture " + file);
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(file)) {
            assertEquals(8, in.read(head));
        }
        assertEquals((byte) 0x89, head[0], "not a PNG signature: " + file);
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
    }

    /**
     * Asserts the four pictures of an {@link ImageClassifier} run named {@code name}: loss and accuracy charts, the
     * confusion matrix, and the grid of misclassified {@code side}-pixel images (8 per row, at most 48, each drawn at
     * scale {@code max(2, 48 / side)} with an 8-pixel gap and a 16-pixel caption).
     */
    static void assertClassifierPictures(Path folder, String name, ImageClassifier.Result result, int side)
            throws IOException {
        assertPng(folder.resolve(name + "-loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        assertPng(folder.resolve(name + "-accuracy.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        assertPng(folder.resolve(name + "-confusion.png"), Plots.confusionSize(10), Plots.confusionSize(10));
        int cell = side * Math.max(2, 48 / side);
        int rows = Math.max(1, (Math.min(48, result.misclassified()) + 7) / 8);
        assertPng(folder.resolve(name + "-misclassified.png"), 8 * (cell + 8), rows * (cell + 16 + 8));
    }
}
