package dev.chainrule.nn.data;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * Rescales each feature to mean 0 and standard deviation 1, with statistics fitted on training data only and then
 * applied unchanged to validation and test data: {@code x' = (x − mean) / scale}. The standard deviation is the
 * population one (divisor {@code N}, as scikit-learn's {@code StandardScaler}); a constant feature (standard
 * deviation 0) gets scale 1, so it maps to 0 instead of dividing by zero.
 *
 * <pre>{@code
 * Standardizer standardizer = Standardizer.fit(train.features());
 * Dataset scaledTrain = standardizer.transform(train);
 * Dataset scaledTest = standardizer.transform(test);
 * }</pre>
 *
 * <p>Features are everything after the row axis: for {@code [N, F]} inputs there are {@code F} features, for
 * {@code [N, C, H, W]} every {@code (c, h, w)} position is one.
 */
public final class Standardizer {
    private final Tensor mean;
    private final Tensor scale;

    private Standardizer(Tensor mean, Tensor scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits the per-feature mean and standard deviation of {@code features} (shape {@code [N, ...]}).
     *
     * @throws IllegalArgumentException when there are no rows, no row axis, or a value is NaN or infinite
     */
    public static Standardizer fit(Tensor features) {
        int[] shape = features.shape();
        if (shape.length == 0 || shape[0] == 0) {
            throw new IllegalArgumentException("Standardizer.fit: needs at least one row, got shape "
                    + Arrays.toString(shape));
        }
        int rows = shape[0];
        int width = features.numel() / rows;
        double[] values = features.toArray();
        checkFinite(values, width);
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] = columnMean(values, width, rows, j);
            double std = Math.sqrt(columnVariance(values, width, rows, j, mean[j]));
            scale[j] = std == 0 ? 1 : std;
        }
        int[] featureShape = Arrays.copyOfRange(shape, 1, shape.length);
        // Tensor.of takes the shape exactly: [N] inputs give features of shape [] (one scalar feature).
        return new Standardizer(Tensor.of(mean, featureShape), Tensor.of(scale, featureShape));
    }

    private static void checkFinite(double[] values, int width) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Standardizer.fit: feature " + i % width + " of row " + i / width
                        + " is " + values[i] + "; remove or impute non-finite values first");
            }
        }
    }

    private static double columnMean(double[] values, int width, int rows, int column) {
        double sum = 0;
        for (int r = 0; r < rows; r++) sum += values[r * width + column];
        return sum / rows;
    }

    // Two-pass variance: subtracting the mean first avoids the cancellation of E[x²] − E[x]².
    private static double columnVariance(double[] values, int width, int rows, int column, double mean) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double d = values[r * width + column] - mean;
            sum += d * d;
        }
        return sum / rows;
    }

    /** The fitted per-feature means, shape {@code [...]} (the features' shape without the row axis). */
    public Tensor mean() {
        return mean;
    }

    /** The per-feature divisors: the standard deviation, or 1 for a constant feature. */
    public Tensor scale() {
        return scale;
    }

    /**
     * {@code (x − mean) / scale} for each row of {@code features} (shape {@code [M, ...]}, any {@code M}).
     *
     * @throws IllegalArgumentException when the feature shape differs from the fitted one
     */
    public Tensor transform(Tensor features) {
        checkShape("transform", features);
        return features.sub(mean).div(scale);
    }

    /** {@code x · scale + mean}: undoes {@link #transform(Tensor)}. */
    public Tensor inverseTransform(Tensor features) {
        checkShape("inverseTransform", features);
        return features.mul(scale).add(mean);
    }

    /** The dataset with standardized features; labels and targets are kept. */
    public Dataset transform(Dataset dataset) {
        return Dataset.of(transform(dataset.features()), dataset.targets(), dataset.labels());
    }

    private void checkShape(String method, Tensor features) {
        int[] shape = features.shape();
        if (shape.length == 0 || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), mean.shape())) {
            throw new IllegalArgumentException("Standardizer." + method + ": features of shape "
                    + Arrays.toString(shape) + " do not match the fitted feature shape " + Arrays.toString(mean.shape())
                    + " (after the row axis)");
        }
    }

    /** For example {@code Standardizer(features=[4])}. */
    @Override
    public String toString() {
        return "Standardizer(features=" + Arrays.toString(mean.shape()) + ")";
    }
}
