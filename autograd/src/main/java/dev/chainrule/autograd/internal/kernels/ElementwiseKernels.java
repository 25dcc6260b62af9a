package dev.chainrule.autograd.internal.kernels;

/**
 * Element-wise kernels of one input: {@code y[i] = f(x[i])}, with {@code x} and {@code y} of equal length. Those
 * with {@code from} and {@code to} fill only {@code [from, to)}, so that a caller can split them over threads.
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() {}

    public static void neg(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = -x[i];
    }

    public static void exp(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.exp(x[i]);
    }

    public static void log(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.log(x[i]);
    }

    public static void sqrt(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.sqrt(x[i]);
    }

    public static void abs(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.abs(x[i]);
    }

    public static void sign(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.signum(x[i]);
    }

    public static void sin(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.sin(x[i]);
    }

    public static void cos(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.cos(x[i]);
    }

    /** {@code ln(1 + x)}, accurate for x near 0. */
    public static void log1p(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.log1p(x[i]);
    }

    /** {@code eˣ − 1}, accurate for x near 0. */
    public static void expm1(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.expm1(x[i]);
    }

    public static void erf(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = ErrorFunction.erf(x[i]);
    }

    public static void erfc(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = ErrorFunction.erfc(x[i]);
    }

    public static void tanh(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.tanh(x[i]);
    }

    /**
     * The logistic function {@code 1/(1 + e^-x)}, with {@link Exponential}'s exponential (vectorised when the Vector
     * API is there, the same bits either way). Safe at both ends without a branch (a data-dependent branch costs
     * twice the time on random signs): for x below about -709.78 the exponential is +∞ and the result the correct
     * limit 0, never NaN; for large x it is 1.
     */
    public static void sigmoid(double[] x, double[] y, int from, int to) {
        Exponential.sigmoid(x, y, from, to);
    }

    /** {@code y = max(x, 0)}; NaN stays NaN, as PyTorch's relu. Branch-free, so the JIT vectorises it. */
    public static void relu(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0.0);
    }

    public static void pow(double[] x, double exponent, double[] y) {
        if (exponent == 2.0) {
            for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
        } else {
            for (int i = 0; i < x.length; i++) y[i] = Math.pow(x[i], exponent);
        }
    }

    public static void clamp(double[] x, double min, double max, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = Math.min(Math.max(x[i], min), max);
    }

    /** 1 where {@code min <= x <= max}, else 0: the mask through which clamp passes its gradient. */
    public static void insideRange(double[] x, double min, double max, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] >= min && x[i] <= max ? 1.0 : 0.0;
    }
}
