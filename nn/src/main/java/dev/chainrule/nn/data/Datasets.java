package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;
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
 * Small real data sets that ship inside the jar, like scikit-learn's {@code load_digits}, so a first program
 * needs no download:
 * <pre>{@code
 * Dataset digits = Datasets.digits();                 // features [1797, 64] in [0, 1], labels 0..9
 * Dataset.Split split = digits.splitAt(1437);         // the first 80 % to train on, the rest to validate
 * }</pre>
 */
public final class Datasets {
    /** The width and height of a digit image, in pixels. */
    public static final int DIGIT_SIDE = 8;
    /** The number of digit classes, 0 to 9. */
    public static final int DIGIT_CLASSES = 10;
    private static final String DIGITS = "digits.csv.gz";

    private Datasets() {}

    /**
     * 1,797 handwritten digits of 8×8 pixels: features {@code [1797, 64]}, row-major pixels scaled from 0..16 to
     * [0, 1], and labels 0..9, in file order. The UCI "Optical Recognition of Handwritten Digits" test set
     * (E. Alpaydin and C. Kaynak, 1998, CC BY 4.0), as scikit-learn ships it: see the repository's
     * {@code DATA_LICENSES.md}.
     */
    public static Dataset digits() {
        try (InputStream raw = Datasets.class.getResourceAsStream(DIGITS)) {
            if (raw == null) throw new IllegalStateException("Datasets.digits: the resource " + DIGITS + " is missing");
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
                return parseDigits(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets.digits: cannot read " + DIGITS + ": " + e.getMessage(), e);
        }
    }

    private static Dataset parseDigits(BufferedReader reader) throws IOException {
        int pixelCount = DIGIT_SIDE * DIGIT_SIDE;
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            if (cells.length != pixelCount + 1) {
                throw new IllegalStateException("Datasets.digits: line " + (rows.size() + 1) + " has "
                        + cells.length + " columns, expected " + (pixelCount + 1));
            }
            double[] pixels = new double[pixelCount];
            for (int i = 0; i < pixelCount; i++) pixels[i] = Integer.parseInt(cells[i].trim()) / 16.0;
            rows.add(pixels);
            labels.add(Integer.parseInt(cells[pixelCount].trim()));
        }
        return Dataset.ofLabels(Tensor.of(rows.toArray(double[][]::new)),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
