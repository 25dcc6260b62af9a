package dev.chainrule.autograd.internal.kernels;

/**
 * Reductions along one axis of a row-major array viewed as {@code [outer, n, inner]}: the axis has {@code n}
 * entries, {@code outer} is the product of the dimensions before it and {@code inner} of those after it.
 * Results have shape {@code [outer, inner]}.
 */
public final class ReductionKernels {
    private ReductionKernels() {}

    public static double sum(double[] x) {
        double sum = 0;
        for (double v : x) sum += v;
        return sum;
    }

    public static void sum(double[] x, int outer, int n, int inner, double[] out) {
        for (int o = 0; o < outer; o++) {
            int outBase = o * inner;
            for (int j = 0; j < n; j++) {
                int base = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) out[outBase + i] += x[base + i];
            }
        }
    }

    /**
     * Index along the axis of the largest ({@code sign = 1}) or smallest ({@code sign = -1}) entry; the first
     * one wins a tie, as in PyTorch and NumPy. NaN counts as the extreme, so it propagates.
     */
    public static void argExtreme(double[] x, int outer, int n, int inner, int sign, int[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int best = 0;
                double bestValue = x[base];
                for (int j = 1; j < n && !Double.isNaN(bestValue); j++) {
                    double v = x[base + j * inner];
                    if (Double.isNaN(v) || sign * (v - bestValue) > 0) {
                        best = j;
                        bestValue = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
    }

    /** {@code out[o, i] = x[o, index[o, i], i]}: picks the entries an arg-reduction chose. */
    public static void pick(double[] x, int outer, int n, int inner, int[] index, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = x[(o * n + index[o * inner + i]) * inner + i];
            }
        }
    }

    /** The one-hot mask of {@code [outer, n, inner]} with a 1 at each chosen index: where max sends its gradient. */
    public static void oneHot(int outer, int n, int inner, int[] index, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[(o * n + index[o * inner + i]) * inner + i] = 1.0;
            }
        }
    }
}
