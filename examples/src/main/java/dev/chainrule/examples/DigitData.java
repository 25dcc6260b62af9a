package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Datasets;

/**
 * The handwritten digits the examples learn from: the bundled set is nn's {@link Datasets#digits()} (1,797 images of
 * 8×8 pixels scaled to [0, 1]); MNIST comes from IDX files the user downloads ({@link #fromIdx}).
 */
public final class DigitData {
    /** The width and height of a bundled image, in pixels. */
    public static final int SIDE = Datasets.DIGIT_SIDE;
    /** The number of classes, the digits 0 to 9. */
    public static final int CLASSES = Datasets.DIGIT_CLASSES;

    private DigitData() {}

    /** The bundled digits: features {@code [1797, 64]} in [0, 1] and labels 0..9, in file order. */
    public static Dataset bundled() {
        return Datasets.digits();
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
