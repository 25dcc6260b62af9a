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
        if (inner == 1) {                           // along the last axis: a running sum in a register, same order
            for (int o = 0; o < outer; o++) {
                double sum = out[o];
                for (int j = 0; j < n; j++) sum += x[o * n + j];
                out[o] = sum;
            }
            return;
        }
        for (int o = 0; o < outer; o++) {
            int outBase = o * inner;
            for (int j = 0; j < n; j++) {
                int base = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) out[outBase + i] += x[base + i];
            }
        }
    }

    /**
     * The p-norm along the axis, {@code (Σ |x|^p)^(1/p)}: {@code Σ |x|} for p = 1, {@code √Σ x²} for p = 2, and
     * {@code max |x|} for p = ∞ (0 for an empty axis). NaN anywhere on a line gives NaN.
     */
    public static void norm(double[] x, int outer, int n, int inner, double p, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double acc = 0;
                if (p == 1) {
                    for (int j = 0; j < n; j++) acc += Math.abs(x[base + j * inner]);
                } else if (p == 2) {
                    for (int j = 0; j < n; j++) acc += x[base + j * inner] * x[base + j * inner];
                    acc = Math.sqrt(acc);
                } else if (p == Double.POSITIVE_INFINITY) {
                    for (int j = 0; j < n; j++) acc = Math.max(acc, Math.abs(x[base + j * inner]));
                } else {
                    for (int j = 0; j < n; j++) acc += Math.pow(Math.abs(x[base + j * inner]), p);
                    acc = Math.pow(acc, 1 / p);
                }
                out[o * inner + i] = acc;
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

    /**
     * Softmax along the axis, computed stably: {@code y = exp(x − max) / Σ exp(x − max)}; with {@code log}, the
     * log-softmax {@code y = (x − max) − log Σ exp(x − max)} instead. An axis whose maximum is −∞ or NaN gives NaN,
     * as the textbook formula does.
     */
    public static void softmax(double[] x, int outer, int n, int inner, boolean log, double[] y) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, x[base + j * inner]);
                if (max == Double.NEGATIVE_INFINITY) max = 0;     // all −∞: exp gives 0/0 = NaN, as in PyTorch
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    double e = Math.exp(x[base + j * inner] - max);
                    if (!log) y[base + j * inner] = e;
                    sum += e;
                }
                if (log) {
                    double logSum = Math.log(sum);    // (x − max) − log Σ keeps x − max exact near the maximum
                    for (int j = 0; j < n; j++) y[base + j * inner] = (x[base + j * inner] - max) - logSum;
                } else {
                    double scale = 1.0 / sum;
                    for (int j = 0; j < n; j++) y[base + j * inner] *= scale;
                }
            }
        }
    }

    /**
     * Softmax along the axis over the positions where {@code masked} is false: masked positions get exactly 0, and a
     * slice masked at every position gets zeros (there is no distribution to give it). {@code masked} has x's shape.
     */
    public static void maskedSoftmax(double[] x, boolean[] masked, int outer, int n, int inner, double[] y) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0, at = base; j < n; j++, at += inner) if (!masked[at]) max = Math.max(max, x[at]);
                double sum = 0;
                for (int j = 0, at = base; j < n; j++, at += inner) {
                    double e = masked[at] ? 0 : Math.exp(x[at] - max);
                    y[at] = e;
                    sum += e;
                }
                if (sum == 0) continue;                           // every position masked: the zeros stay
                double scale = 1.0 / sum;
                for (int j = 0, at = base; j < n; j++, at += inner) y[at] *= scale;
            }
        }
    }

    /**
     * {@code out = log Σ exp(x)} along the axis, stably: {@code max + log Σ exp(x − max)}. An axis whose maximum is
     * ±∞ gives that infinity (all −∞ sums to 0, whose log is −∞), as PyTorch.
     */
    public static void logSumExp(double[] x, int outer, int n, int inner, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, x[base + j * inner]);
                if (Double.isInfinite(max)) {
                    out[o * inner + i] = max;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.exp(x[base + j * inner] - max);
                out[o * inner + i] = max + Math.log(sum);
            }
        }
    }

    /**
     * The running sum along the axis, {@code out[j] = Σ_{k ≤ j} x[k]}; with {@code reverse},
     * {@code out[j] = Σ_{k ≥ j} x[k]} (its adjoint).
     */
    public static void cumsum(double[] x, int outer, int n, int inner, boolean reverse, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double sum = 0;
                for (int step = 0; step < n; step++) {
                    int at = base + (reverse ? n - 1 - step : step) * inner;
                    sum += x[at];
                    out[at] = sum;
                }
            }
        }
    }
}
