package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The handwritten digits the examples learn from. The bundled set: 1,797 images of 8×8 pixels with values 0..16
 * (UCI "Optical Recognition of Handwritten Digits", see DATA_LICENSES.md), stored as gzip CSV, one image per row,
 * 64 pixels row-major then the label. Pixels are scaled to [0, 1].
 */
public final class DigitData {
    /** The bundled resource. */
    public static final String RESOURCE = "/data/digits.csv.gz";
    /** The width and height of a bundled image, in pixels. */
    public static final int SIDE = 8;
    /** The number of classes, the digits 0 to 9. */
    public static final int CLASSES = 10;

    private DigitData() {}

    /** The bundled digits: features {@code [1797, 64]} in [0, 1] and labels 0..9, in file order. */
    public static Dataset bundled() {
        try (InputStream raw = DigitData.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("the resource " + RESOURCE + " is missing from the jar");
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
                return parse(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static Dataset parse(BufferedReader reader) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            if (cells.length != SIDE * SIDE + 1) {
                throw new IllegalStateException(RESOURCE + ": line " + (rows.size() + 1) + " has " + cells.length
                        + " columns, expected 65");
            }
            double[] pixels = new double[SIDE * SIDE];
            for (int i = 0; i < pixels.length; i++) pixels[i] = Integer.parseInt(cells[i].trim()) / 16.0;
            rows.add(pixels);
            labels.add(Integer.parseInt(cells[SIDE * SIDE].trim()));
        }
        return Dataset.ofLabels(Tensor.of(rows.toArray(double[][]::new)),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * IDX images and labels as a dataset, each image framed by {@code padding} zero pixels on every side: features
     * {@code [count, (rows + 2·padding)·(columns + 2·padding)]} in [0, 1], row-major. MNIST's 28×28 images with
     * padding 2 become 32×32 = 1024 inputs.
     */
    public static Dataset fromIdx(Idx.Images images, int[] labels, int padding) {
        if (padding < 0) throw new IllegalArgumentException("fromIdx: padding must be >= 0, got " + padding);
        int rows = images.rows();
        int columns = images.columns();
        int width = columns + 2 * padding;
        int size = (rows + 2 * padding) * width;
        double[] values = new double[images.count() * size];
        byte[] pixels = images.pixels();
        for (int n = 0; n < images.count(); n++) {
            for (int r = 0; r < rows; r++) {
                int from = (n * rows + r) * columns;
                int to = n * size + (r + padding) * width + padding;
                for (int c = 0; c < columns; c++) values[to + c] = (pixels[from + c] & 0xFF) / 255.0;
            }
        }
        return Dataset.ofLabels(Tensor.of(values, images.count(), size), labels);
    }
}
