package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.MatMulKernels;
import dev.chainrule.autograd.internal.kernels.Parallel;
import dev.chainrule.autograd.internal.kernels.WindowKernels;
import dev.chainrule.autograd.internal.kernels.WindowKernels.Window;
import java.util.Arrays;

/**
 * Convolution as functions, like PyTorch's {@code torch.nn.functional}: {@code conv1d}, {@code conv2d}, and the
 * im2col pair {@code unfold}/{@code fold} they are built on. (Cross-correlation, as every deep-learning library
 * computes it: the kernel is not flipped.)
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Random(0), 8, 3, 32, 32);                       // [N, C, H, W]
 * Tensor w = Tensor.randn(new Random(1), 16, 3, 3, 3).requiresGrad(true);     // [out, in/groups, kh, kw]
 * Tensor y = Convolution.conv2d(x, w, null, Convolution.Options.of().withPadding(1));   // [8, 16, 32, 32]
 * }</pre>
 *
 * <p>The forward pass unfolds each sample into a column matrix (im2col) and multiplies it by the weight with the
 * packed matrix kernel, one sample per core at a time. The backward rules are Tensor ops ({@code gx = fold(Wᵀ·gy)},
 * {@code gW = Σₙ gy·unfold(x)ᵀ}), so gradients of gradients work.
 */
public final class Convolution {
    private Convolution() {}

    /**
     * The optional arguments of a convolution, PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1.
     * Per-axis values take one number for every spatial axis or one per axis; {@code withPadding("same")} pads so
     * that a stride-1 output has the input's size (the extra cell, for an even kernel, goes after), and
     * {@code "valid"} is no padding.
     *
     * <pre>{@code
     * Convolution.Options.of().withStride(2).withPadding(1).withGroups(4)
     * }</pre>
     *
     * @param stride      steps between windows, positive
     * @param padding     zeros added on both sides of each axis, non-negative (ignored when {@code same})
     * @param same        PyTorch's {@code padding="same"}
     * @param dilation    spacing between kernel taps, positive
     * @param groups      input and output channels are split into this many independent groups, positive
     */
    public record Options(int[] stride, int[] padding, boolean same, int[] dilation, int groups) {
        public Options {
            stride = checked("stride", stride, 1);
            padding = checked("padding", padding, 0);
            dilation = checked("dilation", dilation, 1);
            if (groups < 1) throw new IllegalArgumentException("Convolution.Options: groups must be positive, got " + groups);
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(new int[] {1}, new int[] {0}, false, new int[] {1}, 1);
        }

        /** These options with {@code stride}. */
        public Options withStride(int... stride) {
            return new Options(stride, padding, same, dilation, groups);
        }

        /** These options with zero padding of {@code padding} on both sides of each axis. */
        public Options withPadding(int... padding) {
            return new Options(stride, padding, false, dilation, groups);
        }

        /** These options with PyTorch's padding mode {@code "same"} or {@code "valid"} (no padding). */
        public Options withPadding(String mode) {
            return switch (mode) {
                case "same" -> new Options(stride, new int[] {0}, true, dilation, groups);
                case "valid" -> new Options(stride, new int[] {0}, false, dilation, groups);
                default -> throw new IllegalArgumentException("Convolution.Options: padding mode must be \"same\" or"
                        + " \"valid\", got \"" + mode + "\"");
            };
        }

        /** These options with {@code dilation}. */
        public Options withDilation(int... dilation) {
            return new Options(stride, padding, same, dilation, groups);
        }

        /** These options with {@code groups}. */
        public Options withGroups(int groups) {
            return new Options(stride, padding, same, dilation, groups);
        }

        private static int[] checked(String what, int[] values, int minimum) {
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("Convolution.Options: " + what + " needs at least one value");
            }
            for (int v : values) {
                if (v < minimum) {
                    throw new IllegalArgumentException("Convolution.Options: " + what + " must be "
                            + (minimum == 0 ? "non-negative" : "positive") + ", got " + Arrays.toString(values));
                }
            }
            return values.clone();
        }

        /** The window spec for a kernel of {@code kernel} (height, width) over {@code axes} spatial axes. */
        Windows.Spec spec(String op, int[] kernel, int axes) {
            int[] s = Windows.pair(op, "stride", stride, axes, 1, 1);
            int[] d = Windows.pair(op, "dilation", dilation, axes, 1, 1);
            if (!same) {
                int[] p = Windows.pair(op, "padding", padding, axes, 0, 0);
                return new Windows.Spec(kernel, s, p, p, d);
            }
            if (s[0] != 1 || s[1] != 1) {
                throw new IllegalArgumentException(op + ": padding \"same\" needs stride 1, got "
                        + Arrays.toString(stride));
            }
            int[] before = new int[2];
            int[] after = new int[2];
            for (int a = 0; a < 2; a++) {
                int total = d[a] * (kernel[a] - 1);
                before[a] = total / 2;
                after[a] = total - before[a];
            }
            return new Windows.Spec(kernel, s, before, after, d);
        }
    }

    /**
     * 1-D convolution, PyTorch's {@code F.conv1d}: input {@code [N, C, L]}, weight {@code [out, C/groups, k]},
     * bias {@code [out]} or null; output {@code [N, out, Lout]} with
     * {@code Lout = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1}.
     *
     * @throws IllegalArgumentException naming the shapes when they do not fit, the kernel is larger than the padded
     *                                  input, or groups do not divide the channels
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, Options options) {
        Windows.checkRank("conv1d", x, 3);
        checkWeight("conv1d", weight, 3);
        Tensor w = weight.reshape(weight.shape[0], weight.shape[1], 1, weight.shape[2]);
        Tensor y = convolve("conv1d", Windows.asImage(x), x.shape, w, weight.shape, bias, options, 1);
        return Windows.asSequence(y);
    }

    /** {@link #conv1d(Tensor, Tensor, Tensor, Options)} with PyTorch's defaults. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias) {
        return conv1d(x, weight, bias, Options.of());
    }

    /**
     * 2-D convolution, PyTorch's {@code F.conv2d}: input {@code [N, C, H, W]}, weight {@code [out, C/groups, kh, kw]},
     * bias {@code [out]} or null; output {@code [N, out, Hout, Wout]} with
     * {@code Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1}, likewise {@code Wout}. With groups
     * {@code g}, input channels {@code [i·C/g, (i+1)·C/g)} feed output channels {@code [i·out/g, (i+1)·out/g)};
     * {@code groups = C} is a depthwise convolution. Derivatives: {@code gx = fold(Wᵀ·gy)},
     * {@code gW = Σₙ gy·unfold(x)ᵀ}, {@code gb = Σ gy} over batch and positions.
     *
     * @throws IllegalArgumentException naming the shapes when they do not fit, the kernel is larger than the padded
     *                                  input, or groups do not divide the channels
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Options options) {
        Windows.checkRank("conv2d", x, 4);
        checkWeight("conv2d", weight, 4);
        return convolve("conv2d", x, x.shape, weight, weight.shape, bias, options, 2);
    }

    /** {@link #conv2d(Tensor, Tensor, Tensor, Options)} with PyTorch's defaults. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, Options.of());
    }

    private static void checkWeight(String op, Tensor weight, int rank) {
        if (weight.shape.length != rank) {
            throw new IllegalArgumentException(op + ": expects a " + rank + "-D weight " + (rank == 3
                    ? "[out, in/groups, k]" : "[out, in/groups, kh, kw]") + ", got shape " + Shapes.format(weight.shape));
        }
        for (int d : weight.shape) {
            if (d == 0) throw new IllegalArgumentException(op + ": the weight " + Shapes.format(weight.shape) + " is empty");
        }
    }

    private static Tensor convolve(String op, Tensor x, int[] userShape, Tensor w, int[] userWeight, Tensor bias,
                                   Options options, int axes) {
        int groups = options.groups();
        int channels = x.shape[1];
        int out = w.shape[0];
        if (channels % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(op + ": groups=" + groups + " must divide both the input channels ("
                    + channels + ") and the output channels (" + out + ")");
        }
        if (w.shape[1] * groups != channels) {
            throw new IllegalArgumentException(op + ": input " + Shapes.format(userShape) + " has " + channels
                    + " channels but the weight " + Shapes.format(userWeight) + " expects " + w.shape[1] * groups
                    + " (" + w.shape[1] + " per group × " + groups + " groups)");
        }
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shapes.format(bias.shape)
                    + " does not fit weight " + Shapes.format(userWeight) + "; expected [" + out + "]");
        }
        Windows.Spec spec = options.spec(op, new int[] {w.shape[2], w.shape[3]}, axes);
        spec.on(op, userShape, channels, x.shape[2], x.shape[3]);
        return bias == null ? new Conv(spec, groups).apply(x, w) : new Conv(spec, groups).apply(x, w, bias);
    }

    /**
     * im2col, PyTorch's {@code F.unfold}: from {@code [N, C, H, W]}, the {@code [N, C·kh·kw, L]} tensor whose column
     * {@code l} holds the {@code l}-th window (row-major over the {@code L} window positions), row
     * {@code (c·kh + i)·kw + j} its tap {@code (i, j)} of channel {@code c}; padding reads as 0. Derivative:
     * {@code gx = fold(gy)}. Each argument takes one value for both axes or one per axis.
     *
     * @throws IllegalArgumentException when the input is not 4-D, an argument is out of range, or the kernel is
     *                                  larger than the padded input
     */
    public static Tensor unfold(Tensor x, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        Windows.checkRank("unfold", x, 4);
        Windows.Spec spec = spec("unfold", kernelSize, dilation, padding, stride);
        spec.on("unfold", x.shape, x.shape[1], x.shape[2], x.shape[3]);
        return new Unfold(spec).apply(x);
    }

    /** {@link #unfold(Tensor, int[], int[], int[], int[])} with dilation 1, padding 0 and stride 1. */
    public static Tensor unfold(Tensor x, int... kernelSize) {
        return unfold(x, kernelSize, new int[] {1}, new int[] {0}, new int[] {1});
    }

    /**
     * col2im, PyTorch's {@code F.fold}, the adjoint of {@link #unfold}: from {@code [N, C·kh·kw, L]}, the
     * {@code [N, C, H, W]} tensor (H, W = {@code outputSize}) to which every column entry is added at the position
     * unfold read it from; overlapping windows sum. Derivative: {@code gx = unfold(gy)}.
     *
     * @throws IllegalArgumentException when the input is not 3-D, its rows are not a multiple of {@code kh·kw}, or
     *                                  {@code L} differs from the number of windows on {@code outputSize}
     */
    public static Tensor fold(Tensor cols, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding,
                              int[] stride) {
        if (cols.shape.length != 3) {
            throw new IllegalArgumentException("fold: expects a 3-D input [N, C·kh·kw, L], got shape "
                    + Shapes.format(cols.shape));
        }
        Windows.Spec spec = spec("fold", kernelSize, dilation, padding, stride);
        int[] size = Windows.pair("fold", "outputSize", outputSize, 2, 1, 1);
        int taps = spec.kernel()[0] * spec.kernel()[1];
        if (cols.shape[1] % taps != 0) {
            throw new IllegalArgumentException("fold: input " + Shapes.format(cols.shape) + " has " + cols.shape[1]
                    + " rows, not a multiple of the kernel's " + taps + " taps");
        }
        int[] image = {cols.shape[0], cols.shape[1] / taps, size[0], size[1]};
        Window g = spec.on("fold", image, image[1], size[0], size[1]);
        if (g.positions() != cols.shape[2]) {
            throw new IllegalArgumentException("fold: input " + Shapes.format(cols.shape) + " has " + cols.shape[2]
                    + " columns but an output of " + Arrays.toString(size) + " has " + g.positions() + " windows ("
                    + spec.describe() + ")");
        }
        return new Fold(spec, size[0], size[1]).apply(cols);
    }

    private static Windows.Spec spec(String op, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        int[] k = Windows.pair(op, "kernelSize", kernelSize, 2, 1, 1);
        int[] p = Windows.pair(op, "padding", padding, 2, 0, 0);
        return new Windows.Spec(k, Windows.pair(op, "stride", stride, 2, 1, 1), p, p,
                Windows.pair(op, "dilation", dilation, 2, 1, 1));
    }

    // Note [Three convolution ops]: the convolution y = Conv(x, W), its input gradient ConvTranspose(gy, W) and its
    // weight gradient ConvWeightGrad(x, gy) are each linear in both inputs, and each one's derivatives are the other
    // two (by the adjoint identity <gy, Conv(x, W)> = <ConvTranspose(gy, W), x> = <ConvWeightGrad(x, gy), W>). So
    // the three ops close under differentiation: gradients of any order stay fused per-sample kernels (im2col or
    // col2im of one sample into a reused buffer, then the packed matrix product), and no batch-sized column matrix
    // is ever built.

    /**
     * {@code y[n] = W·unfold(x[n]) + b} within each group: the convolution of {@code (x, W)} or {@code (x, W, b)}; the
     * bias is written into the output before the product adds onto it, so it costs no pass of its own.
     */
    record Conv(Windows.Spec spec, int groups) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return inputs.length == 2 ? apply(inputs[0], inputs[1]) : apply(inputs[0], inputs[1], inputs[2]);
        }

        Tensor apply(Tensor x, Tensor w) {
            return Tensor.result(this, compute(x, w, null), outputShape(x, w), x, w);
        }

        Tensor apply(Tensor x, Tensor w, Tensor b) {
            return Tensor.result(this, compute(x, w, b.data), outputShape(x, w), x, w, b);
        }

        private int[] outputShape(Tensor x, Tensor w) {
            Window g = spec.on("conv2d", x.shape, x.shape[1], x.shape[2], x.shape[3]);
            return new int[] {x.shape[0], w.shape[0], g.outH(), g.outW()};
        }

        private double[] compute(Tensor x, Tensor w, double[] bias) {
            int out = w.shape[0];
            Window g = spec.on("conv2d", x.shape, x.shape[1], x.shape[2], x.shape[3]);
            double[] y = new double[Shapes.numel("conv2d", outputShape(x, w))];
            int rows = g.colRows() / groups;
            int groupOut = out / groups;
            int positions = g.positions();
            // Note [Columns of the forward product]: with many output channels each B panel meets many rows of W, so
            // the columns are packed straight from x; with few (one or two tiles of rows) a panel is used too little
            // to repay packing, so the unfolded columns are read in place; a product too small to pack multiplies the
            // unfolded columns directly.
            boolean inPlace = MatMulKernels.prefersInPlaceB(groupOut, rows, positions);
            boolean implicit = !inPlace && MatMulKernels.packs(groupOut, rows, positions);
            forEachSample(x.shape[0], (n, parallel) -> {
                if (bias != null) {
                    for (int o = 0; o < out; o++) {
                        java.util.Arrays.fill(y, (n * out + o) * positions, (n * out + o + 1) * positions, bias[o]);
                    }
                }
                int xOff = n * g.planeSize();
                double[] cols = implicit ? null : columns(g);
                if (!implicit) WindowKernels.im2col(x.data, xOff, g, cols, 0);
                for (int k = 0; k < groups; k++) {
                    int yOff = (n * out + k * groupOut) * positions;
                    var weights = MatMulKernels.rowsOf(w.data, k * groupOut * rows, false, groupOut, rows);
                    if (implicit) {
                        int firstRow = k * rows;
                        MatMulKernels.matmul(weights, (p0, kc, width, panels) -> WindowKernels.packColumnsAsB(x.data,
                                xOff, g, firstRow, p0, kc, width, panels), y, yOff, groupOut, rows, positions, parallel);
                    } else if (inPlace) {
                        MatMulKernels.matmulInPlaceB(weights, cols, k * rows * positions, y, yOff, groupOut, rows,
                                positions);
                    } else {
                        MatMulKernels.matmul(w.data, k * groupOut * rows, false, cols, k * rows * positions, false,
                                y, yOff, groupOut, rows, positions, parallel);
                    }
                }
            });
            return y;
        }

        @Override
        public String name() {
            return "conv(" + spec.describe() + ", groups=" + groups + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor x = inputs[0];
            Tensor w = inputs[1];
            return switch (input) {
                case 0 -> new ConvTranspose(spec, groups, x.shape[2], x.shape[3]).apply(gy, w);  // gx = fold(Wᵀ·gy)
                case 1 -> new ConvWeightGrad(spec, groups, w.shape[2], w.shape[3]).apply(x, gy); // gW = Σₙ gy·unfold(x)ᵀ
                default -> gy.reshape(gy.shape[0], gy.shape[1], -1).sum(2).sum(0);             // gb = Σ gy over n, y, x
            };
        }
    }

    /** {@code gx[n] = fold(Wᵀ·gy[n])} within each group: the input gradient of {@link Conv}, an image of height × width. */
    record ConvTranspose(Windows.Spec spec, int groups, int height, int width) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1]);
        }

        Tensor apply(Tensor gy, Tensor w) {
            int samples = gy.shape[0];
            int out = w.shape[0];
            int channels = w.shape[1] * groups;
            int[] shape = {samples, channels, height, width};
            Window g = spec.on("conv2d", shape, channels, height, width);
            double[] gx = new double[Shapes.numel("conv2d", shape)];
            int rows = g.colRows() / groups;
            int groupOut = out / groups;
            int positions = g.positions();
            forEachSample(samples, (n, parallel) -> {
                double[] cols = columns(g);
                java.util.Arrays.fill(cols, 0, g.colRows() * positions, 0.0);
                for (int k = 0; k < groups; k++) {
                    MatMulKernels.matmul(w.data, k * groupOut * rows, true, gy.data, (n * out + k * groupOut) * positions,
                            false, cols, k * rows * positions, rows, groupOut, positions, parallel);
                }
                WindowKernels.col2im(cols, 0, g, gx, n * g.planeSize());
            });
            return Tensor.result(this, gx, shape, gy, w);
        }

        @Override
        public String name() {
            return "convTranspose(" + spec.describe() + ", groups=" + groups + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gg) {
            Tensor gy = inputs[0];
            Tensor w = inputs[1];
            return input == 0
                    ? new Conv(spec, groups).apply(gg, w)                                        // g(gy) = Conv(gg, W)
                    : new ConvWeightGrad(spec, groups, w.shape[2], w.shape[3]).apply(gg, gy);   // gW = Σₙ gy·unfold(gg)ᵀ
        }
    }

    /** {@code gW = Σₙ gy[n]·unfold(x[n])ᵀ} within each group: the weight gradient of {@link Conv}. */
    record ConvWeightGrad(Windows.Spec spec, int groups, int kh, int kw) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1]);
        }

        Tensor apply(Tensor x, Tensor gy) {
            int samples = x.shape[0];
            int out = gy.shape[1];
            Window g = spec.on("conv2d", x.shape, x.shape[1], x.shape[2], x.shape[3]);
            int rows = g.colRows() / groups;
            int groupOut = out / groups;
            int positions = g.positions();
            int chunks = samples >= Parallel.threads() ? Parallel.threads() : 1;
            boolean inPlace = chunks > 1 && MatMulKernels.prefersInPlaceA(rows, positions, groupOut);
            double[][] partial = new double[chunks][];
            Parallel.forRange(chunks, (from, to) -> {
                for (int c = from; c < to; c++) {
                    double[] sum = partial[c] = new double[out * rows];           // gWᵀ per group, [rows, groupOut]
                    double[] cols = columns(g);
                    for (int n = c * samples / chunks; n < (c + 1) * samples / chunks; n++) {
                        WindowKernels.im2col(x.data, n * g.planeSize(), g, cols, 0);
                        for (int k = 0; k < groups; k++) {                            // gWᵀ += unfold(x)·gyᵀ
                            int gyOff = (n * out + k * groupOut) * positions;
                            if (inPlace) {                              // each tile of columns meets gy once
                                MatMulKernels.matmulInPlaceA(cols, k * rows * positions, MatMulKernels.panelsOf(gy.data,
                                        gyOff, true, positions, groupOut), sum, k * groupOut * rows, rows, positions,
                                        groupOut);
                            } else {
                                MatMulKernels.matmul(cols, k * rows * positions, false, gy.data, gyOff, true, sum,
                                        k * groupOut * rows, rows, positions, groupOut, chunks == 1);
                            }
                        }
                    }
                }
            });
            for (int c = 1; c < chunks; c++) for (int i = 0; i < partial[0].length; i++) partial[0][i] += partial[c][i];
            double[] gw = new double[out * rows];
            for (int k = 0; k < groups; k++) {
                int at = k * groupOut * rows;
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < groupOut; o++) gw[at + o * rows + r] = partial[0][at + r * groupOut + o];
                }
            }
            return Tensor.result(this, gw, new int[] {out, x.shape[1] / groups, kh, kw}, x, gy);
        }

        @Override
        public String name() {
            return "convWeightGrad(" + spec.describe() + ", groups=" + groups + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gg) {
            Tensor x = inputs[0];
            Tensor gy = inputs[1];
            return input == 0
                    ? new ConvTranspose(spec, groups, x.shape[2], x.shape[3]).apply(gy, gg)   // gx = fold(ggᵀ·gy)
                    : new Conv(spec, groups).apply(x, gg);                                      // g(gy) = Conv(x, gg)
        }
    }

    /** One sample's work; {@code parallel} says whether it may split its products over the kernel threads. */
    @FunctionalInterface
    private interface SampleBody {
        void run(int sample, boolean parallel);
    }

    /**
     * Runs {@code body} for every sample: one sample per kernel thread at a time when there are enough samples
     * (each product then stays on its thread), otherwise one after another with each product split over the threads.
     */
    private static void forEachSample(int samples, SampleBody body) {
        if (samples >= Parallel.threads() && samples > 1) {
            Parallel.forRange(samples, (from, to) -> {
                for (int n = from; n < to; n++) body.run(n, false);
            });
        } else {
            for (int n = 0; n < samples; n++) body.run(n, true);
        }
    }

    private static final ThreadLocal<double[]> COLUMNS = ThreadLocal.withInitial(() -> new double[0]);

    /** This thread's buffer for one sample's column matrix of {@code g}; its contents are stale. */
    private static double[] columns(Window g) {
        int size = g.colRows() * g.positions();
        double[] cols = COLUMNS.get();
        if (cols.length < size) COLUMNS.set(cols = new double[size]);
        return cols;
    }

    /** im2col: {@code [N, C, H, W] → [N, C·kh·kw, L]}. */
    record Unfold(Windows.Spec spec) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            Window g = spec.on("unfold", x.shape, x.shape[1], x.shape[2], x.shape[3]);
            int[] shape = {x.shape[0], g.colRows(), g.positions()};
            double[] cols = new double[Shapes.numel("unfold", shape)];
            WindowKernels.im2col(x.data, g, x.shape[0], cols);
            return Tensor.result(this, cols, shape, x);
        }

        @Override
        public String name() {
            return "unfold(" + spec.describe() + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            int[] shape = inputs[0].shape;
            return new Fold(spec, shape[2], shape[3]).apply(gy);                  // gx = fold(gy)
        }
    }

    /** col2im: {@code [N, C·kh·kw, L] → [N, C, height, width]}, overlapping windows summed. */
    record Fold(Windows.Spec spec, int height, int width) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor cols) {
            int channels = cols.shape[1] / (spec.kernel()[0] * spec.kernel()[1]);
            int[] shape = {cols.shape[0], channels, height, width};
            Window g = spec.on("fold", shape, channels, height, width);
            double[] x = new double[Shapes.numel("fold", shape)];
            WindowKernels.col2im(cols.data, g, cols.shape[0], x);
            return Tensor.result(this, x, shape, cols);
        }

        @Override
        public String name() {
            return "fold(" + spec.describe() + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new Unfold(spec).apply(gy);                                    // gcols = unfold(gy)
        }
    }
}
