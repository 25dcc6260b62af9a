package dev.chainrule.autograd.internal.kernels;

/**
 * Kernels over sliding 2-D windows of {@code [N, C, H, W]} tensors: im2col and its adjoint col2im (the heart of
 * convolution), and the arg-max of each pooling window. Samples are spread over the kernel threads.
 */
public final class WindowKernels {
    private WindowKernels() {}

    /**
     * Where the windows lie on one {@code [C, H, W]} sample: a {@code kh × kw} kernel with strides, dilations and
     * the padding before each axis (the padding after only changes {@code outH}/{@code outW}, computed by the
     * caller), giving an {@code outH × outW} grid of windows.
     */
    public record Window(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                         int padTop, int padLeft, int dilationH, int dilationW, int outH, int outW) {
        /** Elements of one input sample, {@code C·H·W}. */
        public int planeSize() {
            return channels * height * width;
        }

        /** Rows of one sample's column matrix, {@code C·kh·kw}. */
        public int colRows() {
            return channels * kh * kw;
        }

        /** Windows per sample, {@code outH·outW}. */
        public int positions() {
            return outH * outW;
        }
    }

    /**
     * im2col of {@code samples} samples: {@code cols[n, (c·kh + i)·kw + j, oy·outW + ox] =
     * x[n, c, oy·sH − padTop + i·dH, ox·sW − padLeft + j·dW]}, 0 where that falls in the padding.
     */
    public static void im2col(double[] x, Window g, int samples, double[] cols) {
        int in = g.planeSize();
        int out = g.colRows() * g.positions();
        Parallel.forRange(samples, (from, to) -> {
            for (int n = from; n < to; n++) im2col(x, n * in, g, cols, n * out);
        });
    }

    /** im2col of the one sample at {@code xOff} into {@code cols} at {@code colsOff}: one {@link #columnRow} a tap. */
    public static void im2col(double[] x, int xOff, Window g, double[] cols, int colsOff) {
        int positions = g.positions();
        for (int row = 0; row < g.colRows(); row++) columnRow(x, xOff, g, Tap.of(g, row), cols, colsOff + row * positions);
    }

    /**
     * Rows {@code [p0, p0 + kc)} of one sample's column matrix (the rows from {@code firstRow} on: a group's taps),
     * packed for {@link MatMulKernels#matmul(MatMulKernels.APacker, MatMulKernels.BPacker, double[], int, int, int,
     * int, boolean)} as op(B), straight from the image: the values {@link #im2col} would write, without building the
     * matrix.
     */
    public static void packColumnsAsB(double[] x, int xOff, Window g, int firstRow, int p0, int kc, int width,
                                      double[] out) {
        int positions = g.positions();
        int panels = (positions + width - 1) / width;
        double[] row = ROW.get();
        if (row.length < panels * width) ROW.set(row = new double[panels * width]);
        for (int l = positions; l < panels * width; l++) row[l] = 0.0;
        for (int p = 0; p < kc; p++) {
            columnRow(x, xOff, g, Tap.of(g, firstRow + p0 + p), row, 0);
            for (int q = 0, from = 0, to = p * width; q < panels; q++, from += width, to += width * kc) {
                for (int jj = 0; jj < width; jj++) out[to + jj] = row[from + jj];
            }
        }
    }

    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[0]);

    /**
     * One row of the column matrix, the values of {@code tap} at every window position, into {@code out} at
     * {@code at}. Rows of windows are short (as few as 10 values in LeNet), so each is copied by a plain loop the JIT
     * vectorises rather than by a call, and the rows wholly in the vertical padding are known from the tap.
     */
    private static void columnRow(double[] x, int xOff, Window g, Tap tap, double[] out, int at) {
        int outW = g.outW;
        int strideW = g.strideW;
        for (int k = at; k < at + tap.oyLo * outW; k++) out[k] = 0.0;
        for (int oy = tap.oyLo; oy < tap.oyHi; oy++) {
            int dst = at + oy * outW;
            int src = xOff + (tap.channel * g.height + oy * g.strideH + tap.dy) * g.width + tap.dx;
            for (int ox = 0; ox < tap.lo; ox++) out[dst + ox] = 0.0;
            if (strideW == 1) {
                for (int ox = tap.lo; ox < tap.hi; ox++) out[dst + ox] = x[src + ox];
            } else {
                for (int ox = tap.lo; ox < tap.hi; ox++) out[dst + ox] = x[src + ox * strideW];
            }
            for (int ox = tap.hi; ox < outW; ox++) out[dst + ox] = 0.0;
        }
        for (int k = at + tap.oyHi * outW; k < at + g.positions(); k++) out[k] = 0.0;
    }

    /**
     * One row of the column matrix: channel c and kernel tap (i, j), as offsets from a window's corner
     * ({@code dy}, {@code dx}), the output rows {@code [oyLo, oyHi)} and columns {@code [lo, hi)} whose input lies
     * inside the image.
     */
    private record Tap(int channel, int dy, int dx, int oyLo, int oyHi, int lo, int hi) {
        static Tap of(Window g, int row) {
            int taps = g.kh * g.kw;
            int dy = row % taps / g.kw * g.dilationH - g.padTop;
            int dx = row % g.kw * g.dilationW - g.padLeft;
            int oyLo = Math.min(firstInside(dy, g.strideH), g.outH);
            int lo = Math.min(firstInside(dx, g.strideW), g.outW);
            return new Tap(row / taps, dy, dx, oyLo, Math.max(oyLo, lastInside(dy, g.strideH, g.height, g.outH)), lo,
                    Math.max(lo, lastInside(dx, g.strideW, g.width, g.outW)));
        }
    }

    /**
     * col2im, the adjoint of {@link #im2col}: adds every column entry back onto the input position it was read
     * from; positions in the padding are dropped. {@code x} is overwritten.
     */
    public static void col2im(double[] cols, Window g, int samples, double[] x) {
        int in = g.planeSize();
        int out = g.colRows() * g.positions();
        Parallel.forRange(samples, (from, to) -> {
            for (int n = from; n < to; n++) {
                java.util.Arrays.fill(x, n * in, (n + 1) * in, 0.0);
                col2im(cols, n * out, g, x, n * in);
            }
        });
    }

    /** col2im of one sample, adding into {@code x} at {@code xOff}; loops as in {@link #im2col}. */
    public static void col2im(double[] cols, int colsOff, Window g, double[] x, int xOff) {
        int outH = g.outH;
        int outW = g.outW;
        int width = g.width;
        int strideW = g.strideW;
        int positions = outH * outW;
        int row = 0;
        for (int c = 0; c < g.channels; c++) {
            for (int i = 0; i < g.kh; i++) {
                int dy = i * g.dilationH - g.padTop;
                int oyLo = Math.min(firstInside(dy, g.strideH), outH);
                int oyHi = lastInside(dy, g.strideH, g.height, outH);
                for (int j = 0; j < g.kw; j++, row++) {
                    int at = colsOff + row * positions;
                    int dx = j * g.dilationW - g.padLeft;
                    int lo = firstInside(dx, strideW);
                    int hi = lastInside(dx, strideW, width, outW);
                    for (int oy = oyLo; oy < oyHi; oy++) {
                        int src = at + oy * outW;
                        int dst = xOff + (c * g.height + oy * g.strideH + dy) * width + dx;
                        if (strideW == 1) {
                            for (int ox = lo; ox < hi; ox++) x[dst + ox] += cols[src + ox];
                        } else {
                            for (int ox = lo; ox < hi; ox++) x[dst + ox * strideW] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code ox·stride + dx} is not left of the input. */
    private static int firstInside(int dx, int stride) {
        return dx >= 0 ? 0 : (-dx + stride - 1) / stride;
    }

    /** One past the last output column whose input column {@code ox·stride + dx} is inside a row of {@code width}. */
    private static int lastInside(int dx, int stride, int width, int outW) {
        int last = width - 1 - dx;
        return last < 0 ? 0 : Math.min(outW, last / stride + 1);
    }

    /**
     * For each window of each {@code [H, W]} plane (there are {@code planes = N·C}), the flat index
     * {@code iy·W + ix} within the plane of its largest element; the first in row-major window order on ties, a
     * NaN wins (as PyTorch), padded positions never. Every window must hold at least one input position.
     */
    public static void maxPoolIndices(double[] x, Window g, int planes, int[] index) {
        int plane = g.height * g.width;
        int positions = g.positions();
        boolean pairs = g.kh == 2 && g.kw == 2 && g.padTop == 0 && g.padLeft == 0 && g.dilationH == 1
                && g.dilationW == 1;
        Parallel.forRange(planes, (from, to) -> {
            for (int p = from; p < to; p++) {
                int xOff = p * plane;
                int at = p * positions;
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        index[at++] = pairs ? argMax2x2(x, xOff, g, oy, ox) : argMax(x, xOff, g, oy, ox);
                    }
                }
            }
        });
    }

    /**
     * {@link #argMax} of a 2×2 window without padding or dilation, the common case, unrolled into selects (which of
     * two random values is larger is unpredictable, so branches would mostly be mispredicted).
     */
    private static int argMax2x2(double[] x, int xOff, Window g, int oy, int ox) {
        int f0 = oy * g.strideH * g.width + ox * g.strideW;
        int f1 = f0 + 1;
        int f2 = f0 + g.width;
        int f3 = f2 + 1;
        double v0 = x[xOff + f0];
        double v1 = x[xOff + f1];
        double v2 = x[xOff + f2];
        double v3 = x[xOff + f3];
        if (v0 != v0 || v1 != v1 || v2 != v2 || v3 != v3) return argMaxClipped(x, xOff, g, oy, ox);
        int best = v1 > v0 ? f1 : f0;
        double value = Math.max(v0, v1);
        best = v2 > value ? f2 : best;
        value = Math.max(value, v2);
        return v3 > value ? f3 : best;
    }

    private static int argMax(double[] x, int xOff, Window g, int oy, int ox) {
        int top = oy * g.strideH - g.padTop;
        int left = ox * g.strideW - g.padLeft;
        boolean inside = top >= 0 && left >= 0 && top + (g.kh - 1) * g.dilationH < g.height
                && left + (g.kw - 1) * g.dilationW < g.width;
        return inside ? argMaxInside(x, xOff, g, top, left) : argMaxClipped(x, xOff, g, oy, ox);
    }

    /**
     * {@link #argMax} of a window that lies wholly inside the plane: no bounds to check, and selects instead of
     * branches (which way a comparison of random values goes is unpredictable). A NaN sends the window to the
     * careful path, where the first NaN wins.
     */
    private static int argMaxInside(double[] x, int xOff, Window g, int top, int left) {
        int best = top * g.width + left;
        double bestValue = x[xOff + best];
        boolean nan = false;
        for (int i = 0; i < g.kh; i++) {
            int row = (top + i * g.dilationH) * g.width + left;
            for (int j = 0; j < g.kw; j++) {
                int flat = row + j * g.dilationW;
                double v = x[xOff + flat];
                boolean larger = v > bestValue;
                best = larger ? flat : best;
                bestValue = larger ? v : bestValue;
                nan |= v != v;
            }
        }
        return nan ? argMaxClipped(x, xOff, g, (top + g.padTop) / g.strideH, (left + g.padLeft) / g.strideW) : best;
    }

    private static int argMaxClipped(double[] x, int xOff, Window g, int oy, int ox) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < g.kh; i++) {
            int iy = oy * g.strideH - g.padTop + i * g.dilationH;
            if (iy < 0 || iy >= g.height) continue;
            for (int j = 0; j < g.kw; j++) {
                int ix = ox * g.strideW - g.padLeft + j * g.dilationW;
                if (ix < 0 || ix >= g.width) continue;
                int flat = iy * g.width + ix;
                double v = x[xOff + flat];
                if (best < 0 || v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                    best = flat;
                    bestValue = v;
                }
            }
        }
        return best;
    }

    /**
     * The number of input (not padding) positions in each window, {@code [outH·outW]}: the divisor of an average
     * pool that does not count the padding.
     */
    public static double[] insideCounts(Window g) {
        double[] counts = new double[g.positions()];
        int at = 0;
        for (int oy = 0; oy < g.outH; oy++) {
            int rows = inside(oy * g.strideH - g.padTop, g.kh, g.dilationH, g.height);
            for (int ox = 0; ox < g.outW; ox++) {
                counts[at++] = (double) rows * inside(ox * g.strideW - g.padLeft, g.kw, g.dilationW, g.width);
            }
        }
        return counts;
    }

    private static int inside(int start, int k, int dilation, int size) {
        int count = 0;
        for (int i = 0; i < k; i++) {
            int v = start + i * dilation;
            if (v >= 0 && v < size) count++;
        }
        return count;
    }
}
