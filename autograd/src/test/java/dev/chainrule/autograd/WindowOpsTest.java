package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.internal.kernels.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * The window ops against references written from their definitions (a seven-loop convolution, a window-by-window
 * max pool, PyTorch's adaptive bin formula), their identities (conv1d is conv2d on a height of 1, unfold then matmul
 * is conv2d, fold is the adjoint of unfold), the conventions finite differences cannot see (max pooling's gradient
 * goes to the first maximum, a NaN wins, padding never does), and hand-worked examples of average pooling and of the
 * reductions and views that came with them (logsumexp, cumsum, pad, permute, var, std, maskedFill).
 */
class WindowOpsTest {

    private static final double TOLERANCE = 1e-12;

    /** The gradient of {@code y} with respect to {@code x} for the upstream gradient {@code gy}. */
    private static double[] gradient(Tensor y, Tensor x, Tensor gy) {
        return Autograd.grad(List.of(y), List.of(x), List.of(gy), false, false).get(0).toArray();
    }

    private static Tensor uniform(Random random, int... shape) {
        return Tensor.rand(random, shape).mul(2).sub(1);
    }

    // ---------------------------------------------------------------- convolution

    /** A random convolution geometry: input, weight, bias and options, and the padding before each axis. */
    private record Geometry(Tensor x, Tensor w, Tensor b, int[] stride, int[] padBefore, int[] dilation, int groups,
                            boolean same, Convolution.Options options) {
        /** A geometry with at most three output channels per group. */
        static Geometry draw(Random random) {
            return draw(random, false, 3);
        }

        /**
         * A geometry with up to {@code maxGroups} groups; {@code wide} gives each group more than 256 weights, so
         * that its product of columns packs (with the columns read in place, packed from the image, or built).
         */
        static Geometry draw(Random random, boolean wide, int maxGroups) {
            while (true) {
                int groups = 1 + random.nextInt(maxGroups);
                int perGroupIn = 1 + random.nextInt(3);
                int out = groups * (1 + random.nextInt(3));
                boolean same = random.nextInt(4) == 0;
                int[] size = new int[2];
                int[] kernel = new int[2];
                int[] stride = new int[2];
                int[] padding = new int[2];
                int[] before = new int[2];
                int[] dilation = new int[2];
                boolean fits = true;
                for (int a = 0; a < 2; a++) {
                    size[a] = 1 + random.nextInt(8);
                    kernel[a] = 1 + random.nextInt(4);
                    stride[a] = same ? 1 : 1 + random.nextInt(3);
                    padding[a] = same ? 0 : random.nextInt(4);
                    dilation[a] = 1 + random.nextInt(3);
                    int total = same ? dilation[a] * (kernel[a] - 1) : 2 * padding[a];
                    before[a] = same ? total / 2 : padding[a];
                    fits &= OpShapes.windows(size[a], kernel[a], stride[a], total, dilation[a]) > 0;
                }
                if (!fits) continue;
                if (wide) out = groups * (256 / (perGroupIn * kernel[0] * kernel[1]) + 1 + random.nextInt(4));
                Tensor x = uniform(random, 1 + random.nextInt(3), groups * perGroupIn, size[0], size[1]);
                Tensor w = uniform(random, out, perGroupIn, kernel[0], kernel[1]);
                Tensor b = random.nextBoolean() ? uniform(random, out) : null;
                Convolution.Options options = Convolution.Options.of().withStride(stride).withDilation(dilation)
                        .withGroups(groups);
                options = same ? options.withPadding("same") : options.withPadding(padding);
                return new Geometry(x, w, b, stride, before, dilation, groups, same, options);
            }
        }

        @Override
        public String toString() {
            return "x " + Arrays.toString(x.shape()) + ", w " + Arrays.toString(w.shape()) + ", bias " + (b != null)
                    + ", stride " + Arrays.toString(stride) + ", padding before " + Arrays.toString(padBefore)
                    + (same ? " (same)" : "") + ", dilation " + Arrays.toString(dilation) + ", groups " + groups;
        }
    }

    /** The definition: y[n, o, oy, ox] = b[o] + Σ_{c, i, j} x[n, g·C/G + c, oy·s − p + i·d, ox·s − p + j·d]·w[o, c, i, j]. */
    private static double[] naiveConv2d(Geometry g, int outH, int outW) {
        int[] xs = g.x().shape();
        int[] ws = g.w().shape();
        double[] x = g.x().toArray();
        double[] w = g.w().toArray();
        double[] b = g.b() == null ? null : g.b().toArray();
        int out = ws[0];
        int perGroupIn = ws[1];
        int perGroupOut = out / g.groups();
        double[] y = new double[xs[0] * out * outH * outW];
        int at = 0;
        for (int n = 0; n < xs[0]; n++) {
            for (int o = 0; o < out; o++) {
                int firstChannel = o / perGroupOut * perGroupIn;
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double sum = b == null ? 0 : b[o];
                        for (int c = 0; c < perGroupIn; c++) {
                            for (int i = 0; i < ws[2]; i++) {
                                for (int j = 0; j < ws[3]; j++) {
                                    int iy = oy * g.stride()[0] - g.padBefore()[0] + i * g.dilation()[0];
                                    int ix = ox * g.stride()[1] - g.padBefore()[1] + j * g.dilation()[1];
                                    if (iy < 0 || iy >= xs[2] || ix < 0 || ix >= xs[3]) continue;
                                    sum += x[((n * xs[1] + firstChannel + c) * xs[2] + iy) * xs[3] + ix]
                                            * w[((o * perGroupIn + c) * ws[2] + i) * ws[3] + j];
                                }
                            }
                        }
                        y[at++] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Property(tries = 100, seed = "8675309", shrinking = ShrinkingMode.OFF)
    void conv2dEqualsANaiveSevenLoopReference(@ForAll Random random) {
        Geometry g = Geometry.draw(random);
        Tensor y = Convolution.conv2d(g.x(), g.w(), g.b(), g.options());
        int[] shape = y.shape();
        if (g.same()) {
            assertEquals(g.x().shape()[2], shape[2], g.toString());
            assertEquals(g.x().shape()[3], shape[3], g.toString());
        }
        assertArrayEquals(new int[] {g.x().shape()[0], g.w().shape()[0], shape[2], shape[3]}, shape, g.toString());
        assertArrayEquals(naiveConv2d(g, shape[2], shape[3]), y.toArray(), TOLERANCE, g.toString());
    }

    @Property(tries = 60, seed = "8675310", shrinking = ShrinkingMode.OFF)
    void conv2dOfWideGroupsEqualsTheNaiveReference(@ForAll Random random) {
        Geometry g = Geometry.draw(random, true, 3);
        Tensor y = Convolution.conv2d(g.x(), g.w(), g.b(), g.options());
        assertArrayEquals(naiveConv2d(g, y.size(2), y.size(3)), y.toArray(), TOLERANCE, g.toString());
    }

    /**
     * The convolution, of narrow and of wide groups, against the same convolution written as {@code W·unfold(x)}
     * with autograd ops, in value and in the input and weight gradients.
     */
    @Property(tries = 80, seed = "8675311", shrinking = ShrinkingMode.OFF)
    void conv2dAndItsGradientsEqualWeightsTimesUnfoldedColumns(@ForAll Random random) {
        Geometry g = Geometry.draw(random, random.nextBoolean(), 1);
        Assume.that(!g.same());                                      // "same" may pad one side more than unfold can
        Tensor x = g.x().requiresGrad(true);
        Tensor w = g.w().requiresGrad(true);
        Tensor y = Convolution.conv2d(x, w, null, g.options());
        int[] ws = w.shape();
        Tensor columns = Convolution.unfold(x, new int[] {ws[2], ws[3]}, g.dilation(), g.padBefore(), g.stride());
        Tensor viaColumns = w.reshape(ws[0], -1).matmul(columns).reshape(y.shape());
        assertArrayEquals(viaColumns.toArray(), y.toArray(), TOLERANCE, g.toString());
        Tensor gy = uniform(random, y.shape());
        List<Tensor> expected = Autograd.grad(List.of(viaColumns), List.of(x, w), List.of(gy), false, false);
        List<Tensor> actual = Autograd.grad(List.of(y), List.of(x, w), List.of(gy), false, false);
        assertArrayEquals(expected.get(0).toArray(), actual.get(0).toArray(), TOLERANCE, "input gradient, " + g);
        assertArrayEquals(expected.get(1).toArray(), actual.get(1).toArray(), TOLERANCE, "weight gradient, " + g);
    }

    @Property(tries = 50, seed = "1729", shrinking = ShrinkingMode.OFF)
    void conv1dEqualsConv2dOnAHeightOfOne(@ForAll Random random) {
        int groups = 1 + random.nextInt(2);
        Tensor x = uniform(random, 2, 2 * groups, 4 + random.nextInt(6));
        Tensor w = uniform(random, 2 * groups, 2, 1 + random.nextInt(3));
        Tensor b = uniform(random, 2 * groups);
        int stride = 1 + random.nextInt(2);
        int padding = random.nextInt(3);
        int dilation = 1 + random.nextInt(2);
        var options = Convolution.Options.of().withStride(stride).withPadding(padding).withDilation(dilation)
                .withGroups(groups);
        var options2d = Convolution.Options.of().withStride(1, stride).withPadding(0, padding)
                .withDilation(1, dilation).withGroups(groups);
        Tensor y1 = Convolution.conv1d(x, w, b, options);
        Tensor y2 = Convolution.conv2d(x.unsqueeze(2), w.unsqueeze(2), b, options2d);
        assertArrayEquals(y2.squeeze(2).shape(), y1.shape());
        assertArrayEquals(y2.toArray(), y1.toArray(), TOLERANCE);
    }

    @Example
    void unfoldFollowedByAMatrixProductWithTheFlattenedWeightEqualsConv2d() {
        Random random = new Random(3);
        Tensor x = uniform(random, 2, 3, 7, 6);
        Tensor w = uniform(random, 4, 3, 3, 2);
        int[] kernel = {3, 2};
        int[] dilation = {2, 1};
        int[] padding = {1, 2};
        int[] stride = {1, 2};
        Tensor y = Convolution.conv2d(x, w, null, Convolution.Options.of().withStride(stride).withPadding(padding)
                .withDilation(dilation));
        Tensor columns = Convolution.unfold(x, kernel, dilation, padding, stride);     // [2, 18, L]
        Tensor viaColumns = w.reshape(4, 18).matmul(columns).reshape(y.shape());
        assertArrayEquals(new int[] {2, 3 * 3 * 2, y.size(2) * y.size(3)}, columns.shape());
        assertArrayEquals(y.toArray(), viaColumns.toArray(), TOLERANCE);
    }

    @Property(tries = 60, seed = "4242", shrinking = ShrinkingMode.OFF)
    void foldIsTheAdjointOfUnfold(@ForAll Random random) {
        int[] kernel = {1 + random.nextInt(3), 1 + random.nextInt(3)};
        int[] dilation = {1 + random.nextInt(2), 1 + random.nextInt(2)};
        int[] padding = {random.nextInt(3), random.nextInt(3)};
        int[] stride = {1 + random.nextInt(3), 1 + random.nextInt(3)};
        int[] size = {5 + random.nextInt(4), 5 + random.nextInt(4)};     // at least the largest span, 5
        Tensor x = uniform(random, 2, 3, size[0], size[1]);
        Tensor unfolded = Convolution.unfold(x, kernel, dilation, padding, stride);
        Tensor c = uniform(random, unfolded.shape());
        Tensor folded = Convolution.fold(c, size, kernel, dilation, padding, stride);
        double left = folded.mul(x).sum().item();                   // <fold(c), x>
        double right = c.mul(unfolded).sum().item();                // <c, unfold(x)>
        assertEquals(right, left, 1e-12 * (1 + Math.abs(right)));
    }

    @Example
    void foldOfUnfoldCountsHowManyWindowsCoverEachCell() {
        Tensor ones = Tensor.ones(1, 1, 3, 3);
        int[] one = {1};
        Tensor covered = Convolution.fold(Convolution.unfold(ones, 2), new int[] {3}, new int[] {2}, one,
                new int[] {0}, one);
        assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, covered.toArray(), 0);
    }

    @Example
    void theConvolutionForwardAndInputGradientAreIdenticalWhetherTheThreadsSplitSamplesOrProducts() {
        // With as many samples as threads each sample runs on one thread; a single sample splits its products
        // (32 × 72 × 256 multiply-adds, above the parallel threshold) over the threads instead.
        int samples = Math.max(2, Parallel.threads());
        Random random = new Random(17);
        Tensor x = uniform(random, samples, 8, 16, 16).requiresGrad(true);
        Tensor w = uniform(random, 32, 8, 3, 3);
        Tensor gy = uniform(random, samples, 32, 16, 16);
        var options = Convolution.Options.of().withPadding(1);
        Tensor stacked = Convolution.conv2d(x, w, null, options);
        double[] stackedGradient = gradient(stacked, x, gy);
        int plane = 8 * 16 * 16;
        int outPlane = 32 * 16 * 16;
        for (int n = 0; n < samples; n++) {
            Tensor one = x.detach().slice(0, n, n + 1).requiresGrad(true);
            Tensor alone = Convolution.conv2d(one, w, null, options);
            assertArrayEquals(Arrays.copyOfRange(stacked.toArray(), n * outPlane, (n + 1) * outPlane), alone.toArray(),
                    0, "forward, sample " + n);
            double[] aloneGradient = gradient(alone, one, gy.slice(0, n, n + 1));
            assertArrayEquals(Arrays.copyOfRange(stackedGradient, n * plane, (n + 1) * plane), aloneGradient, 0,
                    "input gradient, sample " + n);
        }
    }

    @Example
    void paddingSameWithAnEvenKernelPutsTheExtraCellAfterAsPyTorchDoes() {
        // kernel 2 over [1, 2, 3]: total padding 1, none before and one after, so y = [1+2, 2+3, 3+0]
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 1, 3);
        Tensor y = Convolution.conv1d(x, Tensor.ones(1, 1, 2), null, Convolution.Options.of().withPadding("same"));
        assertArrayEquals(new double[] {3, 5, 3}, y.toArray(), 0);
    }

    // ---------------------------------------------------------------- max pooling

    /** Each window's largest input cell, padding skipped; NaN wins. */
    private static double[] naiveMaxPool2d(Tensor x, int[] k, int[] s, int[] p, int[] d, int outH, int outW) {
        int[] xs = x.shape();
        double[] v = x.toArray();
        double[] y = new double[xs[0] * xs[1] * outH * outW];
        int at = 0;
        for (int plane = 0; plane < xs[0] * xs[1]; plane++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < k[0]; i++) {
                        for (int j = 0; j < k[1]; j++) {
                            int iy = oy * s[0] - p[0] + i * d[0];
                            int ix = ox * s[1] - p[1] + j * d[1];
                            if (iy < 0 || iy >= xs[2] || ix < 0 || ix >= xs[3]) continue;
                            best = Math.max(best, v[(plane * xs[2] + iy) * xs[3] + ix]);
                        }
                    }
                    y[at++] = best;
                }
            }
        }
        return y;
    }

    @Property(tries = 100, seed = "5150", shrinking = ShrinkingMode.OFF)
    void maxPool2dEqualsANaiveReference(@ForAll Random random) {
        while (true) {
            int[] size = {1 + random.nextInt(8), 1 + random.nextInt(8)};
            int[] k = {1 + random.nextInt(4), 1 + random.nextInt(4)};
            int[] s = {1 + random.nextInt(3), 1 + random.nextInt(3)};
            int[] p = {random.nextInt(k[0] / 2 + 1), random.nextInt(k[1] / 2 + 1)};
            int[] d = {1 + random.nextInt(2), 1 + random.nextInt(2)};
            int outH = OpShapes.windows(size[0], k[0], s[0], 2 * p[0], d[0]);
            int outW = OpShapes.windows(size[1], k[1], s[1], 2 * p[1], d[1]);
            if (outH == 0 || outW == 0 || !OpShapes.everyWindowHoldsAnInputCell(size[0], k[0], s[0], p[0], d[0], outH)
                    || !OpShapes.everyWindowHoldsAnInputCell(size[1], k[1], s[1], p[1], d[1], outW)) {
                continue;
            }
            Tensor x = uniform(random, 2, 2, size[0], size[1]).sub(2);         // all negative: padding would win
            Tensor y = Pooling.maxPool2d(x, Pooling.Options.of(k).withStride(s).withPadding(p).withDilation(d));
            String geometry = "size " + Arrays.toString(size) + ", kernel " + Arrays.toString(k) + ", stride "
                    + Arrays.toString(s) + ", padding " + Arrays.toString(p) + ", dilation " + Arrays.toString(d);
            assertArrayEquals(new int[] {2, 2, outH, outW}, y.shape(), geometry);
            assertArrayEquals(naiveMaxPool2d(x, k, s, p, d, outH, outW), y.toArray(), 0, geometry);
            return;
        }
    }

    @Example
    void maxPoolGradientGoesToTheFirstMaximumInRowMajorOrderOnTies() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Pooling.maxPool2d(x, 2);
        assertArrayEquals(new double[] {3}, y.toArray(), 0);
        assertArrayEquals(new double[] {0, 5, 0, 0}, gradient(y, x, Tensor.full(5, 1, 1, 1, 1)), 0);
    }

    @Example
    void maxPoolGradientsOfOverlappingWindowsSumAtASharedMaximum() {
        // windows [0, 3] and [1, 4] with stride 1 share their maximum 9 at index 2
        Tensor x = Tensor.of(new double[] {1, 2, 9, 4, 0}, 1, 1, 5).requiresGrad(true);
        Tensor y = Pooling.maxPool1d(x, Pooling.Options.of(3).withStride(1));
        assertArrayEquals(new double[] {9, 9, 9}, y.toArray(), 0);
        assertArrayEquals(new double[] {0, 0, 6, 0, 0}, gradient(y, x, Tensor.of(new double[] {1, 2, 3}, 1, 1, 3)), 0);
    }

    @Example
    void aNaNInAMaxPoolWindowWinsAndTakesTheGradient() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 7, 2}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Pooling.maxPool2d(x, 2);
        assertTrue(Double.isNaN(y.item()), y.toString());
        assertArrayEquals(new double[] {0, 1, 0, 0}, gradient(y, x, Tensor.ones(1, 1, 1, 1)), 0);
    }

    @Example
    void paddedCellsNeverWinAMaxPoolWindowEvenWhenEveryInputIsNegative() {
        Tensor x = Tensor.of(new double[] {-5, -1, -3, -4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Pooling.maxPool2d(x, Pooling.Options.of(2).withStride(1).withPadding(1));
        assertArrayEquals(new double[] {-5, -1, -1, -3, -1, -1, -3, -3, -4}, y.toArray(), 0);
        assertArrayEquals(new double[] {1, 4, 3, 1}, gradient(y, x, Tensor.ones(1, 1, 3, 3)), 0);
    }

    // ---------------------------------------------------------------- average pooling

    @Example
    void avgPoolCountingThePaddingDividesEveryWindowByTheKernelArea() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Pooling.avgPool2d(x, Pooling.Options.of(2).withStride(1).withPadding(1));
        assertArrayEquals(new double[] {0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1}, y.toArray(), TOLERANCE);
        assertArrayEquals(new double[] {1, 1, 1, 1}, gradient(y, x, Tensor.ones(1, 1, 3, 3)), TOLERANCE);
    }

    @Example
    void avgPoolWithoutCountingThePaddingDividesEachWindowByItsInputCells() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Pooling.avgPool2d(x, Pooling.Options.of(2).withStride(1).withPadding(1).withCountIncludePad(false));
        assertArrayEquals(new double[] {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4}, y.toArray(), TOLERANCE);
        // each cell lies in one window alone (1), two windows of two cells (1/2 each) and the full window (1/4)
        assertArrayEquals(new double[] {2.25, 2.25, 2.25, 2.25}, gradient(y, x, Tensor.ones(1, 1, 3, 3)), TOLERANCE);
    }

    @Example
    void avgPool1dWithDefaultStrideAveragesDisjointWindowsAndDropsTheRemainder() {
        Tensor y = Pooling.avgPool1d(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7}, 1, 1, 7), 3);
        assertArrayEquals(new double[] {2, 5}, y.toArray(), TOLERANCE);
    }

    // ---------------------------------------------------------------- adaptive average pooling

    @Example
    void adaptiveAvgPoolToOneIsTheMeanOverHeightAndWidth() {
        Tensor x = Tensor.randn(new Random(23), 2, 3, 5, 7).requiresGrad(true);
        Tensor y = Pooling.adaptiveAvgPool2d(x, 1);
        assertArrayEquals(new int[] {2, 3, 1, 1}, y.shape());
        assertArrayEquals(x.mean(3, true).mean(2, true).toArray(), y.toArray(), TOLERANCE);
        double[] g = gradient(y, x, Tensor.ones(2, 3, 1, 1));
        for (double v : g) assertEquals(1.0 / 35, v, TOLERANCE);
    }

    /** PyTorch's bins: output i averages input cells [⌊i·in/out⌋, ⌈(i+1)·in/out⌉). */
    private static double[] adaptiveReference(double[] row, int out) {
        int in = row.length;
        double[] y = new double[out];
        for (int i = 0; i < out; i++) {
            int start = (int) Math.floor((double) i * in / out);
            int end = (int) Math.ceil((double) (i + 1) * in / out);
            double sum = 0;
            for (int j = start; j < end; j++) sum += row[j];
            y[i] = sum / (end - start);
        }
        return y;
    }

    @Example
    void adaptiveAvgPoolToThreeFromFiveAndSevenFollowsPyTorchsOverlappingBins() {
        // 5 → 3: bins [0, 2), [1, 4), [3, 5); 7 → 3: bins [0, 3), [2, 5), [4, 7)
        double[] five = {1, 2, 4, 8, 16};
        double[] seven = {1, 2, 4, 8, 16, 32, 64};
        assertArrayEquals(new double[] {1.5, 14.0 / 3, 12}, adaptiveReference(five, 3), TOLERANCE);
        assertArrayEquals(new double[] {7.0 / 3, 28.0 / 3, 112.0 / 3}, adaptiveReference(seven, 3), TOLERANCE);
        assertArrayEquals(adaptiveReference(five, 3),
                Pooling.adaptiveAvgPool1d(Tensor.of(five, 1, 1, 5), 3).toArray(), TOLERANCE);
        assertArrayEquals(adaptiveReference(seven, 3),
                Pooling.adaptiveAvgPool1d(Tensor.of(seven, 1, 1, 7), 3).toArray(), TOLERANCE);
    }

    @Example
    void adaptiveAvgPool2dAppliesTheBinsAlongBothAxes() {
        // input [1, 1, 5, 7] with x[i, j] = rowᵢ · colⱼ: the 2-D bin means factor into the 1-D ones
        double[] rows = {1, -2, 3, 0.5, 4};
        double[] cols = {1, 2, 4, 8, 16, 32, 64};
        double[] x = new double[35];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 7; j++) x[i * 7 + j] = rows[i] * cols[j];
        Tensor y = Pooling.adaptiveAvgPool2d(Tensor.of(x, 1, 1, 5, 7), 3, 4);
        double[] r = adaptiveReference(rows, 3);
        double[] c = adaptiveReference(cols, 4);
        double[] expected = new double[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) expected[i * 4 + j] = r[i] * c[j];
        assertArrayEquals(new int[] {1, 1, 3, 4}, y.shape());
        assertArrayEquals(expected, y.toArray(), 1e-12);
    }

    // ---------------------------------------------------------------- logsumexp, cumsum, pad, permute, var, std

    @Example
    void logsumexpOfTwoThousandsIsAThousandPlusLogTwo() {
        Tensor x = Tensor.of(new double[] {1000, 1000}).requiresGrad(true);
        Tensor y = x.logsumexp(0);
        assertEquals(1000 + Math.log(2), y.item(), TOLERANCE);
        assertArrayEquals(new double[] {0.5, 0.5}, gradient(y, x, Tensor.scalar(1)), TOLERANCE);
        assertEquals(-1000 + Math.log(2), Tensor.of(new double[] {-1000, -1000}).logsumexp(0).item(), TOLERANCE);
    }

    @Example
    void logsumexpOfInputsOfPlusMinusAHundredAndTwentyIsFiniteAndExact() {
        Tensor x = Tensor.of(new double[][] {{120, -120}, {-120, -120}, {120, 120}}).requiresGrad(true);
        Tensor y = x.logsumexp(1, true);
        assertArrayEquals(new int[] {3, 1}, y.shape());
        assertArrayEquals(new double[] {120, -120 + Math.log(2), 120 + Math.log(2)}, y.toArray(), TOLERANCE);
        double[] g = gradient(y, x, Tensor.ones(3, 1));
        assertArrayEquals(new double[] {1, Math.exp(-240), 0.5, 0.5, 0.5, 0.5}, g, TOLERANCE);
    }

    @Example
    void cumsumIsTheRunningSumAndItsGradientTheRunningSumFromTheBack() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, x.cumsum(1).toArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, x.cumsum(-2).toArray(), 0);
        Tensor gy = Tensor.of(new double[][] {{1, 10, 100}, {2, 20, 200}});
        assertArrayEquals(new double[] {111, 110, 100, 222, 220, 200}, gradient(x.cumsum(1), x, gy), 0);
    }

    @Example
    void padListsPairsFromTheLastAxisBackwardsAndItsGradientCropsThePadding() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor y = x.pad(new int[] {1, 0, 0, 2}, 9);                // left 1, right 0; top 0, bottom 2
        assertArrayEquals(new int[] {4, 3}, y.shape());
        assertArrayEquals(new double[] {9, 1, 2, 9, 3, 4, 9, 9, 9, 9, 9, 9}, y.toArray(), 0);
        Tensor gy = Tensor.arange(12).reshape(4, 3);
        assertArrayEquals(new double[] {1, 2, 4, 5}, gradient(y, x, gy), 0);
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 3, 4, 0}, x.pad(1, 1, 0, 0).toArray(), 0);
    }

    @Example
    void permuteMovesEachAxisWhereItIsListedAndItsGradientMovesItBack() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4).requiresGrad(true);
        Tensor y = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) assertEquals(x.get(i, j, k), y.get(k, i, j), 0);
            }
        }
        Tensor gy = Tensor.arange(24).reshape(4, 2, 3);
        assertArrayEquals(gy.permute(1, 2, 0).toArray(), gradient(y, x, gy), 0);
        assertArrayEquals(y.toArray(), x.permute(-1, -3, -2).toArray(), 0);
    }

    @Example
    void varianceAndStandardDeviationOfOneToFourMatchHandValues() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        assertEquals(5.0 / 3, x.var().item(), TOLERANCE);                  // Σ(x − 2.5)² = 5, over n − 1 = 3
        assertEquals(1.25, x.var(0, false, false).item(), TOLERANCE);     // over n = 4
        assertEquals(Math.sqrt(5.0 / 3), x.std().item(), TOLERANCE);
        assertEquals(Math.sqrt(1.25), x.std(0, false, false).item(), TOLERANCE);
        // d var / dx = 2(x − mean)/(n − 1)
        assertArrayEquals(new double[] {-1, -1.0 / 3, 1.0 / 3, 1}, gradient(x.var(), x, Tensor.scalar(1)), TOLERANCE);
    }

    @Example
    void varianceAlongAnAxisKeepsOrDropsThatAxis() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {2, 4, 9}});
        assertArrayEquals(new double[] {1, 13}, x.var(1).toArray(), TOLERANCE);
        assertArrayEquals(new int[] {2, 1}, x.var(1, true, true).shape());
        assertArrayEquals(new double[] {0.25, 1, 9}, x.var(0, false, false).toArray(), TOLERANCE);
        assertArrayEquals(new double[] {1, Math.sqrt(13)}, x.std(-1).toArray(), TOLERANCE);
    }

    @Example
    void maskedFillReplacesMaskedValuesAndBlocksTheirGradient() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor mask = Tensor.of(new double[] {0, 1, 0});                    // broadcast over the rows
        Tensor y = x.maskedFill(mask, Double.NEGATIVE_INFINITY);
        assertArrayEquals(new double[] {1, Double.NEGATIVE_INFINITY, 3, 4, Double.NEGATIVE_INFINITY, 6}, y.toArray(), 0);
        assertArrayEquals(new double[] {1, 0, 1, 1, 0, 1}, gradient(y, x, Tensor.ones(2, 3)), 0);
    }
}
