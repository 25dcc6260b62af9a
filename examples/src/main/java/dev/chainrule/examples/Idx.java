package dev.chainrule.examples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, raw or gzipped. The format: a 4-byte big-endian magic number
 * {@code 0x0000 type dims} (type 0x08 = unsigned byte), one 4-byte big-endian size per dimension, then the values
 * row-major. Images are {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801} (count).
 *
 * <p>Everything is checked before the values are allocated: the magic number, that every size is positive and
 * their product fits, and, for a raw file, that the file holds exactly the header plus that many bytes. A gzipped
 * file that ends early fails while reading with a message naming the file and how many bytes were missing.
 */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Refuse files claiming more values than this (1.5 GB of pixels): a corrupt header, not a data set. */
    static final long MAX_VALUES = 1_500_000_000L;

    private Idx() {}

    /** Images read from an IDX file: {@code count} images of {@code rows × columns} unsigned bytes. */
    public record Images(int count, int rows, int columns, byte[] pixels) {
        /** Image {@code i}'s pixels scaled to [0, 1], row-major. */
        public double[] image(int i) {
            int size = rows * columns;
            double[] result = new double[size];
            for (int k = 0; k < size; k++) result[k] = (pixels[i * size + k] & 0xFF) / 255.0;
            return result;
        }
    }

    /** A training and a test set of images and labels, as a data directory holds them. */
    public record DataSet(Images trainImages, int[] trainLabels, Images testImages, int[] testLabels) {}

    /**
     * Reads {@code train-images}, {@code train-labels}, {@code t10k-images} and {@code t10k-labels} from
     * {@code directory}, each spelled {@code train-images-idx3-ubyte} or {@code train-images.idx3-ubyte}, raw or
     * with {@code .gz}.
     *
     * @throws NoSuchFileException      when a file is missing (the message lists the names tried)
     * @throws IllegalArgumentException when a file is not a valid IDX file, or counts disagree
     */
    public static DataSet readDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "--data must be a folder holding MNIST or Fashion-MNIST IDX files");
        }
        Images trainImages = readImages(find(directory, "train", "images", "idx3"));
        int[] trainLabels = readLabels(find(directory, "train", "labels", "idx1"));
        Images testImages = readImages(find(directory, "t10k", "images", "idx3"));
        int[] testLabels = readLabels(find(directory, "t10k", "labels", "idx1"));
        checkCounts("train", trainImages, trainLabels);
        checkCounts("t10k", testImages, testLabels);
        return new DataSet(trainImages, trainLabels, testImages, testLabels);
    }

    /** Reads an images file ({@code magic 0x00000803}). */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = readHeader(file, in, IMAGES_MAGIC, 3);
            byte[] pixels = readValues(file, in, (long) dims[0] * dims[1] * dims[2]);
            return new Images(dims[0], dims[1], dims[2], pixels);
        }
    }

    /** Reads a labels file ({@code magic 0x00000801}): one unsigned byte per item. */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int[] dims = readHeader(file, in, LABELS_MAGIC, 1);
            byte[] values = readValues(file, in, dims[0]);
            int[] labels = new int[values.length];
            for (int i = 0; i < values.length; i++) labels[i] = values[i] & 0xFF;
            return labels;
        }
    }

    /** The first existing spelling of {@code prefix-kind-idxN-ubyte} in {@code directory}. */
    static Path find(Path directory, String prefix, String kind, String idx) throws NoSuchFileException {
        List<String> tried = new ArrayList<>();
        for (String name : new String[] {prefix + "-" + kind + "-" + idx + "-ubyte", prefix + "-" + kind + "." + idx + "-ubyte"}) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path candidate = directory.resolve(name + suffix);
                if (Files.isRegularFile(candidate)) return candidate;
                tried.add(name + suffix);
            }
        }
        throw new NoSuchFileException(directory.toString(), null, "no " + prefix + " " + kind + " file; tried " + tried);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!isGzip(file)) return new DataInputStream(raw);
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
        } catch (IOException | RuntimeException e) {
            try {                                    // a truncated gzip header fails here, before anyone owns raw
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static int[] readHeader(Path file, DataInputStream in, int expectedMagic, int dimensions) throws IOException {
        byte[] magicBytes = readExactly(file, in, 4);
        int magic = readInt(magicBytes, 0);
        if (magic != expectedMagic) {
            throw new IllegalArgumentException(String.format("IDX %s: magic number 0x%08x, expected 0x%08x (%s)", file,
                    magic, expectedMagic, expectedMagic == IMAGES_MAGIC ? "unsigned-byte images, 3 dimensions"
                            : "unsigned-byte labels, 1 dimension"));
        }
        byte[] header = readExactly(file, in, 4 * dimensions);
        int[] dims = new int[dimensions];
        long product = 1;
        for (int d = 0; d < dimensions; d++) {
            dims[d] = readInt(header, 4 * d);
            if (dims[d] <= 0) {
                throw new IllegalArgumentException("IDX " + file + ": dimension " + d + " is " + dims[d] + "; sizes must be positive");
            }
            product *= dims[d];
            if (product > MAX_VALUES) {
                throw new IllegalArgumentException("IDX " + file + ": the header claims more than " + MAX_VALUES + " values");
            }
        }
        if (!isGzip(file)) {
            long expected = 4 + header.length + product;
            long actual = Files.size(file);
            if (actual != expected) {
                throw new IllegalArgumentException("IDX " + file + ": " + (actual < expected ? "truncated" : "too long")
                        + ": the header " + java.util.Arrays.toString(dims) + " needs " + expected + " bytes, the file has "
                        + actual);
            }
        }
        return dims;
    }

    private static byte[] readExactly(Path file, DataInputStream in, int n) throws IOException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(n);
        } catch (java.io.EOFException e) {
            throw new IOException("IDX " + file + ": truncated: the compressed stream ends inside the header", e);
        }
        if (bytes.length < n) {
            throw new IllegalArgumentException("IDX " + file + ": truncated header: the file ends " + (n - bytes.length)
                    + " bytes early");
        }
        return bytes;
    }

    private static byte[] readValues(Path file, DataInputStream in, long count) throws IOException {
        byte[] values;
        try {
            values = in.readNBytes((int) count);
        } catch (java.io.EOFException e) {
            throw new IOException("IDX " + file + ": truncated: the compressed stream ends before the " + count
                    + " values its header promises (" + e.getMessage() + ")", e);
        }
        if (values.length != count) {
            throw new IllegalArgumentException("IDX " + file + ": truncated: the header promises " + count
                    + " values, the file ends after " + values.length);
        }
        return values;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static void checkCounts(String prefix, Images images, int[] labels) {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException("IDX " + prefix + ": " + images.count() + " images but " + labels.length + " labels");
        }
    }
}
