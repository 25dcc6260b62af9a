package dev.chainrule.autograd.internal.kernels;

/**
 * Standardisation of {@code x} viewed as {@code [outer, channels, inner]}: each channel c is shifted and scaled by
 * the mean and biased variance of its {@code outer·inner} values. Batch norm is {@code [N, C, H·W]}, layer norm
 * {@code [1, rows, features]}, group norm {@code [1, N·groups, values per group]}. Channels are spread over the
 * kernel threads; each channel's sums run in a fixed order, so results do not depend on the thread count.
 */
public final class NormalizationKernels {
    private NormalizationKernels() {}

    /**
     * Per channel c: {@code mean[c]}, {@code variance[c]} (biased, two passes: the mean first, then the squared
     * deviations) and {@code y = (x − mean)·(variance + eps)^(−1/2)}.
     */
    public static void standardize(double[] x, int outer, int channels, int inner, double eps, double[] y,
                                   double[] mean, double[] variance) {
        Parallel.forRange(channels, (from, to) -> {
            for (int c = from; c < to; c++) {
                double mu = mean(x, outer, channels, inner, c);
                double var = variance(x, outer, channels, inner, c, mu);
                double r = 1.0 / Math.sqrt(var + eps);
                for (int o = 0; o < outer; o++) {
                    int at = (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) y[at + i] = (x[at + i] - mu) * r;
                }
                mean[c] = mu;
                variance[c] = var;
            }
        });
    }

    /**
     * The gradient of {@link #standardize} for upstream gradient {@code gy}: per channel, with
     * {@code y = (x − mean)·r} and E the channel's mean, {@code gx = r·(gy − E[gy] − y·E[gy·y])}.
     */
    public static void standardizeBackward(double[] gy, double[] x, int outer, int channels, int inner, double eps,
                                           double[] gx) {
        int count = outer * inner;
        Parallel.forRange(channels, (from, to) -> {
            for (int c = from; c < to; c++) {
                double mu = mean(x, outer, channels, inner, c);
                double r = 1.0 / Math.sqrt(variance(x, outer, channels, inner, c, mu) + eps);
                double sumG = 0;
                double sumGY = 0;
                for (int o = 0; o < outer; o++) {
                    int at = (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        double g = gy[at + i];
                        sumG += g;
                        sumGY += g * (x[at + i] - mu);
                    }
                }
                double meanG = sumG / count;
                double meanGY = sumGY * r / count;
                for (int o = 0; o < outer; o++) {
                    int at = (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        double y = (x[at + i] - mu) * r;
                        gx[at + i] = r * (gy[at + i] - meanG - y * meanGY);
                    }
                }
            }
        });
    }

    private static double mean(double[] x, int outer, int channels, int inner, int c) {
        double sum = 0;
        for (int o = 0; o < outer; o++) {
            int at = (o * channels + c) * inner;
            for (int i = 0; i < inner; i++) sum += x[at + i];
        }
        return sum / ((double) outer * inner);
    }

    private static double variance(double[] x, int outer, int channels, int inner, int c, double mean) {
        double sum = 0;
        for (int o = 0; o < outer; o++) {
            int at = (o * channels + c) * inner;
            for (int i = 0; i < inner; i++) {
                double d = x[at + i] - mean;
                sum += d * d;
            }
        }
        return sum / ((double) outer * inner);
    }
}
