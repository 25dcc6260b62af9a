package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    /** An IDX file: magic, sizes, then the values. */
    static byte[] idx(int magic, int[] dims, byte[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        buffer.putInt(magic);
        for (int d : dims) buffer.putInt(d);
        buffer.put(values);
        return buffer.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a tiny MNIST-like folder: {@code count} images of {@code side × side} whose label is the row (0..side-1)
     * holding a bright bar, so a network can learn it. Train files use one spelling gzipped, test files the other raw.
     */
    static void writeBars(Path folder, int trainCount, int testCount, int side, long seed) throws IOException {
        Random random = new Random(seed);
        for (String prefix : new String[] {"train", "t10k"}) {
            int count = prefix.equals("train") ? trainCount : testCount;
            byte[] pixels = new byte[count * side * side];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                int label = random.nextInt(side);
                labels[i] = (byte) label;
                for (int k = 0; k < side * side; k++) pixels[i * side * side + k] = (byte) random.nextInt(40);
                for (int j = 0; j < side; j++) pixels[i * side * side + label * side + j] = (byte) 250;
            }
            byte[] images = idx(Idx.IMAGES_MAGIC, new int[] {count, side, side}, pixels);
            byte[] labelFile = idx(Idx.LABELS_MAGIC, new int[] {count}, labels);
            if (prefix.equals("train")) {
                Files.write(folder.resolve("train-images-idx3-ubyte.gz"), gzip(images));
                Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), gzip(labelFile));
            } else {
                Files.write(folder.resolve("t10k-images.idx3-ubyte"), images);
                Files.write(folder.resolve("t10k-labels.idx1-ubyte"), labelFile);
            }
        }
    }

    @Test
    void readsRawAndGzippedFilesInBothSpellings(@TempDir Path folder) throws IOException {
        writeBars(folder, 30, 10, 5, 1);
        Idx.DataSet data = Idx.readDirectory(folder);
        assertEquals(30, data.trainImages().count());
        assertEquals(5, data.trainImages().rows());
        assertEquals(5, data.trainImages().columns());
        assertEquals(10, data.testLabels().length);
        int label = data.trainLabels()[0];
        double[] first = data.trainImages().image(0);
        assertEquals(250 / 255.0, first[label * 5], 1e-12);
    }

    @Test
    void rejectsATruncatedRawFileBeforeReadingIt(@TempDir Path folder) throws IOException {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        Path file = folder.resolve("train-images-idx3-ubyte");
        Files.write(file, Arrays.copyOf(full, full.length - 100));
        var error = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(file));
        assertTrue(error.getMessage().contains("truncated: the header [10, 28, 28] needs 7856 bytes, the file has 7756"),
                error.getMessage());
    }

    @Test
    void rejectsATruncatedGzipFile(@TempDir Path folder) throws IOException {
        byte[] compressed = gzip(idx(Idx.LABELS_MAGIC, new int[] {1000}, randomBytes(1000)));
        Path file = folder.resolve("train-labels-idx1-ubyte.gz");
        Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));
        var error = assertThrows(IOException.class, () -> Idx.readLabels(file));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void rejectsAWrongMagicNumber(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("labels");
        Files.write(file, idx(Idx.LABELS_MAGIC, new int[] {4}, new byte[4]));
        var error = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(file));
        assertTrue(error.getMessage().contains("magic number 0x00000801, expected 0x00000803"), error.getMessage());
    }

    @Test
    void rejectsHugeOrNegativeSizesWithoutAllocating(@TempDir Path folder) throws IOException {
        Path huge = folder.resolve("huge");
        Files.write(huge, idx(Idx.IMAGES_MAGIC, new int[] {60000, 28000, 28000}, new byte[0]));
        var error = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(huge));
        assertTrue(error.getMessage().contains("claims more than"), error.getMessage());
        Path negative = folder.resolve("negative");
        Files.write(negative, idx(Idx.LABELS_MAGIC, new int[] {-5}, new byte[0]));
        error = assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(negative));
        assertTrue(error.getMessage().contains("dimension 0 is -5"), error.getMessage());
    }

    @Test
    void missingFilesAreNamed(@TempDir Path folder) {
        var error = assertThrows(NoSuchFileException.class, () -> Idx.readDirectory(folder));
        assertTrue(error.getMessage().contains("train-images-idx3-ubyte.gz") && error.getMessage().contains("train-images.idx3-ubyte"),
                error.getMessage());
    }

    @Test
    void mismatchedCountsAreRejected(@TempDir Path folder) throws IOException {
        writeBars(folder, 6, 4, 3, 2);
        Files.write(folder.resolve("t10k-labels.idx1-ubyte"), idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[3]));
        var error = assertThrows(IllegalArgumentException.class, () -> Idx.readDirectory(folder));
        assertTrue(error.getMessage().contains("t10k: 4 images but 3 labels"), error.getMessage());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(3).nextBytes(bytes);
        return bytes;
    }

    @Test
    void imagesScaleToUnitRange() {
        Idx.Images images = new Idx.Images(1, 1, 2, new byte[] {0, (byte) 255});
        assertArrayEquals(new double[] {0, 1}, images.image(0), 0);
    }
}
