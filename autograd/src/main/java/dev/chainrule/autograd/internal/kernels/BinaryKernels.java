package dev.chainrule.autograd.internal.kernels;

/**
 * Element-wise kernels of two inputs over one strided segment:
 * {@code out[outOff + i] = f(a[aOff + i·aStride], b[bOff + i·bStride])} for {@code i < length}.
 * A stride of 0 repeats one element, which is how a broadcast operand is read without copying it.
 */
public final class BinaryKernels {
    private BinaryKernels() {}

    /** One kernel of this family, as the broadcasting loop calls it once per segment. */
    @FunctionalInterface
    public interface Segment {
        void apply(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                   double[] out, int outOff, int length);
    }

    public static void add(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                           double[] out, int outOff, int length) {
        if (aStride == 1 && bStride == 1) {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
        } else {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] + b[bOff + i * bStride];
        }
    }

    public static void sub(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                           double[] out, int outOff, int length) {
        if (aStride == 1 && bStride == 1) {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
        } else {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] - b[bOff + i * bStride];
        }
    }

    public static void mul(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                           double[] out, int outOff, int length) {
        if (aStride == 1 && bStride == 1) {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
        } else {
            for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] * b[bOff + i * bStride];
        }
    }

    public static void div(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                           double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] / b[bOff + i * bStride];
    }

    public static void pow(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                           double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = Math.pow(a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    /** {@code max(a, b)} element-wise; NaN if either is NaN (Java's {@code Math.max}, as PyTorch's maximum). */
    public static void maximum(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                               double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = Math.max(a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    /** {@code min(a, b)} element-wise; NaN if either is NaN. */
    public static void minimum(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                               double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = Math.min(a[aOff + i * aStride], b[bOff + i * bStride]);
    }

    /**
     * {@code out = b > 0 ? a : 0}: the gradient {@code a} let through where the input {@code b} of a relu was
     * positive (not where it is 0, −0 or NaN). Written with bit masks rather than a branch: relu inputs are positive
     * about half the time at random, and the mispredicted branch cost four times the masked select.
     */
    public static void passWherePositive(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                         double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) {
            long bits = Double.doubleToRawLongBits(b[bOff + i * bStride]);
            long positive = (-bits >> 63) & ~(bits >> 63) & ~((POSITIVE_INFINITY_BITS - bits) >> 63);
            out[outOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[aOff + i * aStride]) & positive);
        }
    }

    /** {@code out = a·(b·(1 − b))}: sigmoid's gradient from the upstream gradient a and sigmoid's output b. */
    public static void sigmoidGradient(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                       double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) {
            double s = b[bOff + i * bStride];
            out[outOff + i] = a[aOff + i * aStride] * (s * (1.0 - s));
        }
    }

    /** {@code out = a·(1 − b²)}: tanh's gradient from the upstream gradient a and tanh's output b. */
    public static void tanhGradient(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                    double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) {
            double t = b[bOff + i * bStride];
            out[outOff + i] = a[aOff + i * aStride] * (1.0 - t * t);
        }
    }

    /** The bits of +∞: positive doubles, +∞ included, have bits in {@code (0, POSITIVE_INFINITY_BITS]}; NaNs above. */
    private static final long POSITIVE_INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    public static void greater(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                               double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] > b[bOff + i * bStride] ? 1 : 0;
    }

    public static void greaterOrEqual(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                      double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] >= b[bOff + i * bStride] ? 1 : 0;
    }

    public static void less(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                            double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] < b[bOff + i * bStride] ? 1 : 0;
    }

    public static void lessOrEqual(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                   double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] <= b[bOff + i * bStride] ? 1 : 0;
    }

    public static void equal(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                             double[] out, int outOff, int length) {
        for (int i = 0; i < length; i++) out[outOff + i] = a[aOff + i * aStride] == b[bOff + i * bStride] ? 1 : 0;
    }
}
