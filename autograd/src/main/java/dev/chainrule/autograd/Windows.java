package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.WindowKernels.Window;

/**
 * The geometry shared by convolution, unfold/fold and pooling: where a kernel's windows lie on an input, checked
 * once with messages that name the op. One-dimensional ops are the two-dimensional ones on a height of 1.
 */
final class Windows {
    private Windows() {}

    /**
     * A window specification over the two spatial axes (height, width), before it meets an input.
     *
     * @param kernel   kernel height and width
     * @param stride   steps between windows
     * @param before   padding before each axis (top, left)
     * @param after    padding after each axis (bottom, right)
     * @param dilation spacing between kernel taps
     */
    record Spec(int[] kernel, int[] stride, int[] before, int[] after, int[] dilation) {
        /** The windows on an input of {@code channels × height × width}; throws when none fits. */
        Window on(String op, int[] inputShape, int channels, int height, int width) {
            int outH = outSize(op, inputShape, 0, height);
            int outW = outSize(op, inputShape, 1, width);
            return new Window(channels, height, width, kernel[0], kernel[1], stride[0], stride[1], before[0],
                    before[1], dilation[0], dilation[1], outH, outW);
        }

        private int outSize(String op, int[] inputShape, int axis, int size) {
            int span = dilation[axis] * (kernel[axis] - 1) + 1;
            int padded = size + before[axis] + after[axis];
            if (span > padded) {
                throw new IllegalArgumentException(op + ": the kernel spans " + span + " along "
                        + (axis == 0 ? "the height" : "the width") + " (size " + kernel[axis] + ", dilation "
                        + dilation[axis] + ") but the padded input " + Shapes.format(inputShape) + " has only "
                        + padded + " there");
            }
            return (padded - span) / stride[axis] + 1;
        }

        /** The spec as op names show it, e.g. {@code kernel=3, stride=1, padding=1, dilation=1}. */
        String describe() {
            return "kernel=" + pair(kernel) + ", stride=" + pair(stride) + ", padding=" + pair(before)
                    + (java.util.Arrays.equals(before, after) ? "" : "/" + pair(after)) + ", dilation=" + pair(dilation);
        }

        private static String pair(int[] v) {
            return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
        }
    }

    /**
     * Expands a per-axis argument given for {@code axes} spatial axes (one value for all, or one per axis) to the
     * two axes (height, width); a 1-D op's height gets {@code heightValue}.
     */
    static int[] pair(String op, String what, int[] values, int axes, int heightValue, int minimum) {
        if (values == null || values.length != 1 && values.length != axes) {
            String counts = axes == 1 ? "1 value" : "1 or " + axes + " values";
            throw new IllegalArgumentException(op + ": " + what + " needs " + counts + ", got "
                    + (values == null ? "null" : java.util.Arrays.toString(values)));
        }
        for (int v : values) {
            if (v < minimum) {
                throw new IllegalArgumentException(op + ": " + what + " must be " + (minimum == 0 ? "non-negative"
                        : "positive") + ", got " + java.util.Arrays.toString(values));
            }
        }
        if (axes == 1) return new int[] {heightValue, values[0]};
        return values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
    }

    /** Checks that {@code x} has rank {@code rank} ({@code [N, C, L]} or {@code [N, C, H, W]}). */
    static void checkRank(String op, Tensor x, int rank) {
        if (x.shape.length != rank) {
            throw new IllegalArgumentException(op + ": expects a " + rank + "-D input " + (rank == 3 ? "[N, C, L]"
                    : "[N, C, H, W]") + ", got shape " + Shapes.format(x.shape));
        }
    }

    /** {@code x} of shape {@code [N, C, L]} viewed as {@code [N, C, 1, L]}. */
    static Tensor asImage(Tensor x) {
        return x.reshape(x.shape[0], x.shape[1], 1, x.shape[2]);
    }

    /** A {@code [N, C, 1, L]} result viewed as {@code [N, C, L]} again. */
    static Tensor asSequence(Tensor y) {
        return y.reshape(y.shape[0], y.shape[1], y.shape[3]);
    }
}
