package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.WindowKernels;
import dev.chainrule.autograd.internal.kernels.WindowKernels.Window;
import java.util.Arrays;

/**
 * Pooling as functions, like PyTorch's {@code torch.nn.functional}: max and average pooling over 1-D
 * ({@code [N, C, L]}) and 2-D ({@code [N, C, H, W]}) windows, and adaptive average pooling.
 *
 * <pre>{@code
 * Tensor y = Pooling.maxPool2d(x, Pooling.Options.of(2));               // 2×2 windows, stride 2
 * Tensor g = Pooling.adaptiveAvgPool2d(x, 1);                            // global average: [N, C, 1, 1]
 * }</pre>
 *
 * <p>Windows follow PyTorch's {@code ceil_mode=False}: the last window that fits the padded input is the last one.
 */
public final class Pooling {
    private Pooling() {}

    /**
     * The arguments of a pooling window: kernel size, stride (the kernel size unless set, as PyTorch), zero padding
     * on both sides (at most half the kernel), dilation (max pooling only), and whether an average counts padded
     * cells ({@code countIncludePad}, PyTorch's default true). Per-axis values take one number for every spatial
     * axis or one per axis.
     *
     * <pre>{@code
     * Pooling.Options.of(3).withStride(2).withPadding(1)
     * }</pre>
     *
     * @param kernelSize      the window, positive
     * @param stride          steps between windows, positive; null for the kernel size
     * @param padding         padding on both sides, non-negative
     * @param dilation        spacing between window taps, positive
     * @param countIncludePad whether average pooling divides by the whole window, padding included
     */
    public record Options(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean countIncludePad) {
        public Options {
            kernelSize = checked("kernelSize", kernelSize, 1);
            stride = stride == null ? null : checked("stride", stride, 1);
            padding = checked("padding", padding, 0);
            dilation = checked("dilation", dilation, 1);
        }

        /** Windows of {@code kernelSize}, stride the kernel size, no padding, dilation 1, padding counted. */
        public static Options of(int... kernelSize) {
            return new Options(kernelSize, null, new int[] {0}, new int[] {1}, true);
        }

        /** These options with {@code stride}. */
        public Options withStride(int... stride) {
            return new Options(kernelSize, stride, padding, dilation, countIncludePad);
        }

        /** These options with {@code padding} on both sides of each axis. */
        public Options withPadding(int... padding) {
            return new Options(kernelSize, stride, padding, dilation, countIncludePad);
        }

        /** These options with {@code dilation}. */
        public Options withDilation(int... dilation) {
            return new Options(kernelSize, stride, padding, dilation, countIncludePad);
        }

        /** These options with {@code countIncludePad}. */
        public Options withCountIncludePad(boolean countIncludePad) {
            return new Options(kernelSize, stride, padding, dilation, countIncludePad);
        }

        private static int[] checked(String what, int[] values, int minimum) {
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("Pooling.Options: " + what + " needs at least one value");
            }
            for (int v : values) {
                if (v < minimum) {
                    throw new IllegalArgumentException("Pooling.Options: " + what + " must be "
                            + (minimum == 0 ? "non-negative" : "positive") + ", got " + Arrays.toString(values));
                }
            }
            return values.clone();
        }

        Windows.Spec spec(String op, int axes) {
            int[] k = Windows.pair(op, "kernelSize", kernelSize, axes, 1, 1);
            int[] s = stride == null ? k : Windows.pair(op, "stride", stride, axes, 1, 1);
            int[] p = Windows.pair(op, "padding", padding, axes, 0, 0);
            int[] d = Windows.pair(op, "dilation", dilation, axes, 1, 1);
            for (int a = 0; a < 2; a++) {
                if (p[a] > k[a] / 2) {
                    throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                            + " must be at most half the kernel size " + Arrays.toString(kernelSize));
                }
            }
            return new Windows.Spec(k, s, p, p, d);
        }
    }

    /**
     * 2-D max pooling, PyTorch's {@code F.max_pool2d}: {@code [N, C, H, W] → [N, C, Hout, Wout]}, each output the
     * largest input in its window; padded cells never win. Derivative: {@code gy} goes to the arg-max of each window
     * (the first in row-major order on ties), summed where windows overlap.
     *
     * @throws IllegalArgumentException when the input is not 4-D, the window is larger than the padded input, or
     *                                  (with dilation) a window covers only padding
     */
    public static Tensor maxPool2d(Tensor x, Options options) {
        Windows.checkRank("maxPool2d", x, 4);
        return maxPool("maxPool2d", x, x.shape, options.spec("maxPool2d", 2));
    }

    /** {@link #maxPool2d(Tensor, Options)} with windows of {@code kernelSize} and stride the kernel size. */
    public static Tensor maxPool2d(Tensor x, int... kernelSize) {
        return maxPool2d(x, Options.of(kernelSize));
    }

    /** 1-D max pooling, PyTorch's {@code F.max_pool1d}: {@code [N, C, L] → [N, C, Lout]}; see {@link #maxPool2d}. */
    public static Tensor maxPool1d(Tensor x, Options options) {
        Windows.checkRank("maxPool1d", x, 3);
        return Windows.asSequence(maxPool("maxPool1d", Windows.asImage(x), x.shape, options.spec("maxPool1d", 1)));
    }

    /** {@link #maxPool1d(Tensor, Options)} with windows of {@code kernelSize} and stride the kernel size. */
    public static Tensor maxPool1d(Tensor x, int kernelSize) {
        return maxPool1d(x, Options.of(kernelSize));
    }

    private static Tensor maxPool(String op, Tensor x, int[] userShape, Windows.Spec spec) {
        Window g = spec.on(op, userShape, x.shape[1], x.shape[2], x.shape[3]);
        checkNoWindowIsAllPadding(op, userShape, spec, g.outH(), x.shape[2], 0);
        checkNoWindowIsAllPadding(op, userShape, spec, g.outW(), x.shape[3], 1);
        return new MaxPool(op, spec).apply(x);
    }

    /**
     * With dilation, a window can fall wholly in the padding (taps either side of a small input): it has no
     * maximum, so that is an error (PyTorch returns -inf there).
     */
    private static void checkNoWindowIsAllPadding(String op, int[] userShape, Windows.Spec spec, int windows, int size,
                                                  int axis) {
        int k = spec.kernel()[axis];
        int stride = spec.stride()[axis];
        int dilation = spec.dilation()[axis];
        for (int o = 0; o < windows; o++) {
            int first = o * stride - spec.before()[axis];
            boolean inside = false;
            for (int i = 0; i < k && !inside; i++) inside = first + i * dilation >= 0 && first + i * dilation < size;
            if (!inside) {
                throw new IllegalArgumentException(op + ": window " + o + " along the " + (axis == 0 ? "height"
                        : "width") + " of the input " + Shapes.format(userShape) + " covers only padding ("
                        + spec.describe() + "), so it has no maximum; use less padding or dilation");
            }
        }
    }

    /**
     * 2-D average pooling, PyTorch's {@code F.avg_pool2d}: each output the mean of its window; with
     * {@code countIncludePad} (the default) padded cells count as zeros, otherwise the mean is over the input cells
     * of the window alone. Derivative: each window's {@code gy} spread evenly over the cells it averaged.
     *
     * @throws IllegalArgumentException when the input is not 4-D or the window is larger than the padded input
     */
    public static Tensor avgPool2d(Tensor x, Options options) {
        Windows.checkRank("avgPool2d", x, 4);
        return avgPool("avgPool2d", x, x.shape, options.spec("avgPool2d", 2), options.countIncludePad());
    }

    /** {@link #avgPool2d(Tensor, Options)} with windows of {@code kernelSize} and stride the kernel size. */
    public static Tensor avgPool2d(Tensor x, int... kernelSize) {
        return avgPool2d(x, Options.of(kernelSize));
    }

    /** 1-D average pooling, PyTorch's {@code F.avg_pool1d}: {@code [N, C, L] → [N, C, Lout]}; see {@link #avgPool2d}. */
    public static Tensor avgPool1d(Tensor x, Options options) {
        Windows.checkRank("avgPool1d", x, 3);
        return Windows.asSequence(avgPool("avgPool1d", Windows.asImage(x), x.shape, options.spec("avgPool1d", 1),
                options.countIncludePad()));
    }

    /** {@link #avgPool1d(Tensor, Options)} with windows of {@code kernelSize} and stride the kernel size. */
    public static Tensor avgPool1d(Tensor x, int kernelSize) {
        return avgPool1d(x, Options.of(kernelSize));
    }

    private static Tensor avgPool(String op, Tensor x, int[] userShape, Windows.Spec spec, boolean countIncludePad) {
        if (spec.dilation()[0] != 1 || spec.dilation()[1] != 1) {
            throw new IllegalArgumentException(op + ": average pooling has no dilation (PyTorch's has none either), got "
                    + Arrays.toString(spec.dilation()));
        }
        int samples = x.shape[0];
        int channels = x.shape[1];
        Window g = spec.on(op, userShape, channels, x.shape[2], x.shape[3]);
        Tensor sums = new Convolution.Unfold(spec).apply(x)
                .reshape(samples, channels, g.kh() * g.kw(), g.positions()).sum(2);
        Tensor means = countIncludePad ? sums.div(g.kh() * g.kw())
                : sums.div(Tensor.of(WindowKernels.insideCounts(g), g.positions()));
        return means.reshape(samples, channels, g.outH(), g.outW());
    }

    /**
     * Adaptive 2-D average pooling, PyTorch's {@code F.adaptive_avg_pool2d}: {@code [N, C, H, W] → [N, C, oh, ow]},
     * output cell {@code (i, j)} the mean over rows {@code ⌊i·H/oh⌋ .. ⌈(i+1)·H/oh⌉} and the same bins of columns;
     * an output size of 1 is global average pooling. Computed as {@code Aₕ·x·Aᵥᵀ} with constant averaging matrices,
     * so the derivative is {@code Aₕᵀ·gy·Aᵥ}.
     *
     * @throws IllegalArgumentException when the input is not 4-D, has an empty spatial dimension, or an output
     *                                  size is not positive
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int... outputSize) {
        Windows.checkRank("adaptiveAvgPool2d", x, 4);
        int[] size = Windows.pair("adaptiveAvgPool2d", "outputSize", outputSize, 2, 1, 1);
        checkNotEmpty("adaptiveAvgPool2d", x);
        return averaging(size[0], x.shape[2]).matmul(x).matmulTransposed(averaging(size[1], x.shape[3]));
    }

    /** Adaptive 1-D average pooling, PyTorch's {@code F.adaptive_avg_pool1d}: {@code [N, C, L] → [N, C, size]}. */
    public static Tensor adaptiveAvgPool1d(Tensor x, int outputSize) {
        Windows.checkRank("adaptiveAvgPool1d", x, 3);
        int size = Windows.pair("adaptiveAvgPool1d", "outputSize", new int[] {outputSize}, 1, 1, 1)[1];
        checkNotEmpty("adaptiveAvgPool1d", x);
        return x.matmulTransposed(averaging(size, x.shape[2]));
    }

    /** An adaptive bin of an empty axis would average nothing; PyTorch rejects such an input too. */
    private static void checkNotEmpty(String op, Tensor x) {
        for (int d = 2; d < x.shape.length; d++) {
            if (x.shape[d] == 0) {
                throw new IllegalArgumentException(op + ": the input " + Shapes.format(x.shape) + " has an empty"
                        + " spatial dimension " + d + ", so its bins average nothing");
            }
        }
    }

    /** The {@code [out, in]} matrix whose row i averages PyTorch's adaptive bin i of {@code in} cells. */
    private static Tensor averaging(int out, int in) {
        double[] a = new double[out * in];
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * in / out);
            int end = (int) (((long) (i + 1) * in + out - 1) / out);
            for (int j = start; j < end; j++) a[i * in + j] = 1.0 / (end - start);
        }
        return Tensor.of(a, out, in);
    }

    /** Max pooling of {@code [N, C, H, W]}: each window's largest cell, found again from the input in backward. */
    record MaxPool(String op, Windows.Spec spec) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            Window g = window(x);
            int[] index = argMax(x, g);
            int plane = g.height() * g.width();
            double[] y = new double[index.length];
            for (int i = 0; i < y.length; i++) y[i] = x.data[i / g.positions() * plane + index[i]];
            return Tensor.result(this, y, new int[] {x.shape[0], x.shape[1], g.outH(), g.outW()}, x);
        }

        private Window window(Tensor x) {
            return spec.on(op, x.shape, x.shape[1], x.shape[2], x.shape[3]);
        }

        private static int[] argMax(Tensor x, Window g) {
            int planes = x.shape[0] * x.shape[1];
            int[] index = new int[planes * g.positions()];
            WindowKernels.maxPoolIndices(x.data, g, planes, index);
            return index;
        }

        @Override
        public String name() {
            return op + "(" + spec.describe() + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor x = inputs[0];
            Window g = window(x);
            int planes = x.shape[0] * x.shape[1];
            Tensor rows = gy.reshape(planes, g.positions());
            return new Indexing.ScatterAdd(1, argMax(x, g), g.height() * g.width()).apply(rows)
                    .reshape(x.shape);                                      // gx = gy at each window's arg-max
        }
    }
}
