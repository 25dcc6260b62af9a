package dev.chainrule.autograd.internal.kernels;

/**
 * Element-wise activations by PyTorch's definitions: {@code y[i] = f(x[i])}, with {@code x} and {@code y} of
 * equal length; those with {@code from} and {@code to} fill only {@code [from, to)}. Each is finite over the whole
 * finite line: exponentials are only ever taken of non-positive numbers or where an overflow to ∞ gives the right
 * limit.
 */
public final class ActivationKernels {
    private ActivationKernels() {}

    /** SELU's α (Klambauer et al., 2017), as PyTorch writes it. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale λ (Klambauer et al., 2017), as PyTorch writes it. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;
    /** √(2/π), the scale inside the tanh approximation of GELU. */
    public static final double SQRT_2_OVER_PI = 0.7978845608028654;
    /** The cubic coefficient of the tanh approximation of GELU (Hendrycks and Gimpel, 2016). */
    public static final double GELU_TANH_CUBIC = 0.044715;

    private static final double SQRT_1_2 = 0.7071067811865476;

    /**
     * {@code (1/β)·ln(1 + e^(βx))}, as {@code max(x, 0) + ln(1 + e^(−β|x|))/β}: the exponential never
     * overflows and the large-|x| limits (x and 0) come out exactly.
     */
    public static void softplus(double[] x, double beta, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-beta * Math.abs(x[i]))) / beta;
        }
    }

    /** {@code scale·x} for x &gt; 0, else {@code scale·α·(eˣ − 1)}: ELU with scale 1, SELU with λ and α. */
    public static void elu(double[] x, double alpha, double scale, double[] y) {
        elu(x, alpha, scale, y, 0, x.length);
    }

    private static void elu(double[] x, double alpha, double scale, double[] y, int from, int to) {
        double negativeScale = scale * alpha;
        for (int i = from; i < to; i++) y[i] = x[i] > 0 ? scale * x[i] : negativeScale * Math.expm1(x[i]);
    }

    public static void selu(double[] x, double[] y, int from, int to) {
        elu(x, SELU_ALPHA, SELU_SCALE, y, from, to);
    }

    /** {@code x} for x &gt; 0, else {@code slope·x}. */
    public static void leakyRelu(double[] x, double slope, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
    }

    /**
     * hardTanh's slope as PyTorch's {@code hardtanh_backward} computes it: 0 where {@code x ≤ min} or
     * {@code x ≥ max}, else 1 (so 0 on the bounds, and 1 at NaN, which passes the gradient on).
     */
    public static void hardTanhSlope(double[] x, double min, double max, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = x[i] <= min || x[i] >= max ? 0.0 : 1.0;
    }

    /** {@code x·Φ(x)} as {@code ½·x·erfc(−x/√2)}, which keeps its digits for negative x (1 + erf would cancel). */
    public static void gelu(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = 0.5 * x[i] * ErrorFunction.erfc(-x[i] * SQRT_1_2);
    }

    /**
     * {@code ½·x·(1 + tanh u)} with {@code u = √(2/π)·(x + 0.044715·x³)}, computed as its equal {@code x·σ(2u)}:
     * 1 + tanh u would cancel for negative x, and e^(−2u) overflows to ∞ only where the result is −0.
     */
    public static void geluTanh(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double u = SQRT_2_OVER_PI * (v + GELU_TANH_CUBIC * v * v * v);
            y[i] = v / (1.0 + Math.exp(-2 * u));
        }
    }

    /** {@code x·σ(x) = x/(1 + e⁻ˣ)}, with {@link Exponential}'s exponential (vectorised, the same bits either way). */
    public static void silu(double[] x, double[] y, int from, int to) {
        Exponential.silu(x, y, from, to);
    }

    /**
     * {@code x·tanh(softplus(x))} with one exponential and no log or tanh: with {@code u = e^(−|x|)},
     * {@code tanh(ln(1 + eˣ)) = ((1 + eˣ)² − 1)/((1 + eˣ)² + 1)}, which is {@code (1 + 2u)/(1 + 2u + 2u²)} for
     * x ≥ 0 (numerator and denominator divided by e^(2x)) and {@code n/(n + 2)} with {@code n = u(u + 2)} for x &lt; 0.
     * Neither form overflows or cancels; both are computed and one selected, so random signs cost no branch.
     */
    public static void mish(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double u = Math.exp(-Math.abs(v));
            double n = u * (u + 2);
            double t = v >= 0 ? (1 + 2 * u) / (1 + 2 * u + 2 * u * u) : n / (n + 2);
            y[i] = v * t;
        }
    }

    /**
     * mish's derivative {@code t + x·σ(x)·(1 − t²)}, {@code t = tanh(softplus(x))}, with the one exponential
     * {@code u = e^(−|x|)} of {@link #mish}: for x ≥ 0, with {@code D = 1 + 2u + 2u²}, {@code t = (1 + 2u)/D},
     * {@code 1 − t² = 4u²(1 + u)²/D²} and {@code σ = 1/(1 + u)}; for x &lt; 0, with {@code n = u(u + 2)},
     * {@code t = n/(n + 2)}, {@code 1 − t² = 4(n + 1)/(n + 2)²} and {@code σ = u/(1 + u)}. 1 − t² is never formed
     * by subtraction, so it keeps its digits where t is near 1.
     */
    public static void mishSlope(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double u = Math.exp(-Math.abs(v));
            double d = 1 + 2 * u + 2 * u * u;
            double n = u * (u + 2);
            double m = n + 2;
            boolean positive = v >= 0;
            double t = positive ? (1 + 2 * u) / d : n / m;
            double oneMinusTSquared = positive ? 4 * u * u * (1 + u) * (1 + u) / (d * d) : 4 * (n + 1) / (m * m);
            double sigmoid = (positive ? 1 : u) / (1 + u);
            y[i] = t + v * sigmoid * oneMinusTSquared;
        }
    }

    /** {@code x/(1 + |x|)}. */
    public static void softsign(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) y[i] = x[i] / (1.0 + Math.abs(x[i]));
    }
}
