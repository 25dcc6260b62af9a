package dev.chainrule.autograd;

import dev.chainrule.autograd.OpCase.Draw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Shape generators for the {@link OpCases} table. Shapes are small (at most 4 per dimension, a few dozen
 * elements) so that GradCheck's full Jacobians stay cheap; size-1 dimensions and 0-d scalars come up often,
 * and axes are drawn negative as often as not. Window ops (convolution, unfold/fold, pooling) draw their geometry
 * again until the kernel fits and the tensors stay within 81 elements in and 100 out; spatial sizes run to 5
 * (7 or 8 for 1-D).
 */
final class OpShapes {
    private OpShapes() {}

    /** Broadcasting pairs every binary op must handle, drawn a quarter of the time. */
    private static final int[][][] NAMED_PAIRS = {
        {{3, 1}, {4}}, {{2, 1, 4}, {3, 1}}, {{}, {2, 3}}, {{2, 3}, {}}, {{4}, {3, 1}}, {{3, 1}, {1, 4}},
        {{2, 3}, {2, 3}}, {{}, {}}, {{1}, {2, 1, 3}},
    };

    /** A shape of rank 0 to {@code maxRank}, each dimension 1 to 3. */
    static int[] shape(Random random, int minRank, int maxRank) {
        int rank = minRank + random.nextInt(maxRank - minRank + 1);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = 1 + random.nextInt(3);
        return shape;
    }

    /** One input of any shape, 0-d to 3-d. */
    static Draw any(Random random) {
        return Draw.of(shape(random, 0, 3));
    }

    /** One input of rank at least 1 and an axis of it (negative half the time), with a keepDim flag. */
    static Draw axis(Random random) {
        int[] shape = shape(random, 1, 3);
        return Draw.of(shape).withInts(anyAxis(random, shape.length), random.nextInt(2));
    }

    /** Two inputs whose shapes broadcast together. */
    static Draw broadcastPair(Random random) {
        if (random.nextInt(4) == 0) {
            int[][] pair = NAMED_PAIRS[random.nextInt(NAMED_PAIRS.length)];
            return Draw.of(pair[0].clone(), pair[1].clone());
        }
        int[] out = shape(random, 0, 3);
        return Draw.of(broadcastableTo(random, out), broadcastableTo(random, out));
    }

    /** A shape that broadcasts to {@code out}: a third of the time leading dimensions dropped; some dimensions set to 1. */
    static int[] broadcastableTo(Random random, int[] out) {
        int rank = random.nextInt(3) == 0 ? random.nextInt(out.length + 1) : out.length;
        int[] shape = Arrays.copyOfRange(out, out.length - rank, out.length);
        for (int d = 0; d < rank; d++) if (random.nextInt(4) == 0) shape[d] = 1;
        return shape;
    }

    /** Matrix-product operands of fixed ranks with random sizes: {@code pattern} maps sizes (m, k, n, b) to shapes. */
    static Function<Random, Draw> matmul(MatmulShapes pattern) {
        return random -> {
            int m = 1 + random.nextInt(3);
            int k = 1 + random.nextInt(4);
            int n = 1 + random.nextInt(3);
            int b = 1 + random.nextInt(3);
            return Draw.of(pattern.shapes(m, k, n, b));
        };
    }

    @FunctionalInterface
    interface MatmulShapes {
        int[][] shapes(int m, int k, int n, int b);
    }

    /** Two axes of a tensor of rank 1 to 4 (possibly equal, possibly negative). */
    static Draw transpose(Random random) {
        int[] shape = shape(random, 1, 4);
        return Draw.of(shape).withInts(anyAxis(random, shape.length), anyAxis(random, shape.length));
    }

    /** A 2-D input. */
    static Draw matrix(Random random) {
        return Draw.of(shape(random, 2, 2));
    }

    /** An input and a target shape with the same number of elements, one of its dimensions -1 half the time. */
    static Draw reshape(Random random) {
        int[] shape = shape(random, 0, 3);
        List<Integer> factors = new ArrayList<>();
        for (int d : shape) {
            int v = d;
            for (int p = 2; v > 1; p++) {
                while (v % p == 0) {
                    factors.add(p);
                    v /= p;
                }
            }
        }
        int rank = random.nextInt(4);
        if (rank == 0 && !factors.isEmpty()) rank = 1;
        int[] target = new int[rank];
        Arrays.fill(target, 1);
        for (int f : factors) target[random.nextInt(rank)] *= f;
        if (rank > 0 && random.nextBoolean()) target[random.nextInt(rank)] = -1;
        return Draw.of(shape).withInts(target);
    }

    /** An input of rank 0 to 4 and a start and end axis ({@code start <= end} after normalising). */
    static Draw flattenRange(Random random) {
        int[] shape = shape(random, 0, 4);
        if (shape.length == 0) return Draw.of(shape).withInts(0, 0);
        int a = random.nextInt(shape.length);
        int b = random.nextInt(shape.length);
        int start = Math.min(a, b);
        int end = Math.max(a, b);
        return Draw.of(shape).withInts(maybeNegative(random, start, shape.length), maybeNegative(random, end, shape.length));
    }

    /** An input of rank 0 to 3 and a position in {@code [-dim-1, dim]} for a new axis. */
    static Draw newAxis(Random random) {
        int[] shape = shape(random, 0, 3);
        return Draw.of(shape).withInts(anyAxis(random, shape.length + 1));
    }

    /** An input with a size-1 dimension and that dimension's axis. */
    static Draw squeeze(Random random) {
        int[] shape = shape(random, 1, 3);
        int at = random.nextInt(shape.length);
        shape[at] = 1;
        return Draw.of(shape).withInts(maybeNegative(random, at, shape.length));
    }

    /** An input and a larger shape it broadcasts to; the target shape is in the ints. */
    static Draw expand(Random random) {
        int[] target = shape(random, 0, 3);
        return Draw.of(broadcastableTo(random, target)).withInts(target);
    }

    /** An input and a smaller shape that broadcasts to it; the target shape is in the ints. */
    static Draw sumTo(Random random) {
        int[] shape = shape(random, 0, 3);
        return Draw.of(shape).withInts(broadcastableTo(random, shape));
    }

    /** {@code count} inputs equal outside one axis, along which their sizes differ; the axis is in the ints. */
    static Function<Random, Draw> concat(int count) {
        return random -> {
            int[] base = shape(random, 1, 3);
            int axis = random.nextInt(base.length);
            int[][] shapes = new int[count][];
            for (int i = 0; i < count; i++) {
                shapes[i] = base.clone();
                shapes[i][axis] = 1 + random.nextInt(3);
            }
            return Draw.of(shapes).withInts(maybeNegative(random, axis, base.length));
        };
    }

    /** {@code count} inputs of one shape and an axis in {@code [-dim-1, dim]} for the new dimension. */
    static Function<Random, Draw> stack(int count) {
        return random -> {
            int[] base = shape(random, 0, 3);
            int[][] shapes = new int[count][];
            for (int i = 0; i < count; i++) shapes[i] = base.clone();
            return Draw.of(shapes).withInts(anyAxis(random, base.length + 1));
        };
    }

    /** An input, an axis and a non-empty range {@code [start, end)} along it: ints (axis, start, end). */
    static Draw slice(Random random) {
        int[] shape = shape(random, 1, 3);
        int at = random.nextInt(shape.length);
        shape[at] = 1 + random.nextInt(4);
        int start = random.nextInt(shape[at]);
        int end = start + 1 + random.nextInt(shape[at] - start);
        return Draw.of(shape).withInts(maybeNegative(random, at, shape.length), start, end);
    }

    /** An input, an axis and 1 to 5 indices along it, repeats likely: ints (axis, indices...). */
    static Draw indexSelect(Random random) {
        int[] shape = shape(random, 1, 3);
        int at = random.nextInt(shape.length);
        int count = 1 + random.nextInt(5);
        int[] ints = new int[count + 1];
        ints[0] = maybeNegative(random, at, shape.length);
        for (int i = 1; i <= count; i++) ints[i] = randomIndex(random, shape[at]);
        return Draw.of(shape).withInts(ints);
    }

    /** An input, an axis and an index tensor of the input's rank (other sizes equal, its own size along the axis). */
    static Draw gather(Random random) {
        int[] shape = shape(random, 1, 3);
        int at = random.nextInt(shape.length);
        int[] indexShape = shape.clone();
        indexShape[at] = 1 + random.nextInt(3);
        double[] indices = new double[OpCase.numel(indexShape)];
        for (int i = 0; i < indices.length; i++) indices[i] = randomIndex(random, shape[at]);
        return Draw.of(shape).withInts(maybeNegative(random, at, shape.length))
                .withConstant(OpCase.tensor(indices, indexShape));
    }

    /**
     * scatterAdd: the tensor and a source of the index's shape (the tensor's, but 1 to 3 along the axis), and the
     * index tensor of whole numbers, repeats likely: ints (axis).
     */
    static Draw scatterAdd(Random random) {
        Draw gather = gather(random);
        return Draw.of(gather.shapes()[0], gather.constant().shape()).withInts(gather.ints())
                .withConstant(gather.constant());
    }

    /** An input of rank 1 to 3, an axis, a flag (largest) and a k in {@code [1, size]} of the axis: ints (axis, largest, k). */
    static Draw topk(Random random) {
        Draw axis = axis(random);
        int[] shape = axis.shapes()[0];
        int size = shape[Math.floorMod(axis.axis(), shape.length)];
        return axis.withInts(axis.axis(), axis.ints()[1], 1 + random.nextInt(size));
    }

    /**
     * An input of rank 0 to 2 and repeat counts (1 or 2 each, one more count than dimensions half the time) whose
     * result has at most 100 elements: ints (counts...).
     */
    static Draw repeat(Random random) {
        while (true) {
            int[] shape = shape(random, 0, 2);
            int[] repeats = new int[shape.length + random.nextInt(2)];
            int out = OpCase.numel(shape);
            for (int d = 0; d < repeats.length; d++) {
                repeats[d] = 1 + random.nextInt(2);
                out *= repeats[d];
            }
            if (out <= 100) return Draw.of(shape).withInts(repeats);
        }
    }

    /** Two inputs and a 0/1 condition, all three broadcasting together. */
    static Draw where(Random random) {
        int[] out = shape(random, 0, 3);
        int[] conditionShape = broadcastableTo(random, out);
        double[] condition = new double[OpCase.numel(conditionShape)];
        for (int i = 0; i < condition.length; i++) condition[i] = random.nextInt(2);
        return Draw.of(broadcastableTo(random, out), broadcastableTo(random, out))
                .withConstant(OpCase.tensor(condition, conditionShape));
    }

    /**
     * An input of rank 1 to 3 and an axis with enough values for a variance: ints (axis, keepDim, unbiased). The
     * axis has 2 or more values when {@code unbiased} or {@code atLeastTwo} (a standard deviation of one value has
     * no derivative).
     */
    static Draw variance(Random random, boolean atLeastTwo) {
        int[] shape = shape(random, 1, 3);
        int at = random.nextInt(shape.length);
        int unbiased = random.nextInt(2);
        if ((unbiased == 1 || atLeastTwo) && shape[at] == 1) shape[at] = 2 + random.nextInt(2);
        return Draw.of(shape).withInts(maybeNegative(random, at, shape.length), random.nextInt(2), unbiased);
    }

    /** An input of rank 0 to 3 with at least 2 elements, for an unbiased variance of all of them. */
    static Draw severalValues(Random random) {
        int[] shape;
        do {
            shape = shape(random, 0, 3);
        } while (OpCase.numel(shape) < 2);
        return Draw.of(shape);
    }

    /** An input of rank 0 to 4 and a random permutation of its axes, each axis negative a quarter of the time. */
    /** An input of 2 to 4 dimensions and a diagonal offset in [-3, 3]: ints (diagonal). */
    static Draw triangle(Random random) {
        return Draw.of(shape(random, 2, 4)).withInts(random.nextInt(7) - 3);
    }

    static Draw permute(Random random) {
        int[] shape = shape(random, 0, 4);
        int[] dims = new int[shape.length];
        for (int d = 0; d < dims.length; d++) dims[d] = d;
        for (int d = dims.length - 1; d > 0; d--) {
            int j = random.nextInt(d + 1);
            int t = dims[d];
            dims[d] = dims[j];
            dims[j] = t;
        }
        for (int d = 0; d < dims.length; d++) if (random.nextInt(4) == 0) dims[d] -= dims.length;
        return Draw.of(shape).withInts(dims);
    }

    /**
     * An input of rank 0 to 3, a fill value and (before, after) pairs for 0 to all of its dimensions from the last
     * backwards, zeros included: ints (value in quarters, pad...). The output has at most 100 elements.
     */
    static Draw pad(Random random) {
        int[] shape = shape(random, 0, 3);
        int[] pad = new int[2 * random.nextInt(shape.length + 1)];
        for (int i = 0; i < pad.length; i++) pad[i] = random.nextInt(3);
        while (padded(shape, pad) > 100) {
            int i = random.nextInt(pad.length);
            if (pad[i] > 0) pad[i]--;
        }
        int[] ints = new int[pad.length + 1];
        ints[0] = random.nextInt(17) - 8;
        System.arraycopy(pad, 0, ints, 1, pad.length);
        return Draw.of(shape).withInts(ints);
    }

    private static int padded(int[] shape, int[] pad) {
        int[] out = shape.clone();
        for (int i = 0; i < pad.length; i++) out[out.length - 1 - i / 2] += pad[i];
        return OpCase.numel(out);
    }

    /** An input and a 0/1 mask of a shape that broadcasts to the input's, as the constant. */
    /** An axis of a random shape and a 0/1 mask that broadcasts to it; some slices may be masked everywhere. */
    static Draw maskedSoftmax(Random random) {
        Draw draw = axis(random);
        int[] shape = draw.shapes()[0];
        int[] maskShape = broadcastableTo(random, shape);
        double[] mask = new double[OpCase.numel(maskShape)];
        for (int i = 0; i < mask.length; i++) mask[i] = random.nextInt(3) == 0 ? 1 : 0;
        return draw.withConstant(OpCase.tensor(mask, maskShape));
    }

    static Draw maskedFill(Random random) {
        int[] shape = shape(random, 0, 3);
        int[] maskShape = broadcastableTo(random, shape);
        double[] mask = new double[OpCase.numel(maskShape)];
        for (int i = 0; i < mask.length; i++) mask[i] = random.nextInt(2);
        return Draw.of(shape).withConstant(OpCase.tensor(mask, maskShape));
    }

    // ---------------------------------------------------------------- windows: convolution, unfold/fold, pooling

    /** Inputs of window ops stay within the table's limits: 81 elements in, 100 out. */
    private static final int MAX_IN = 81;
    private static final int MAX_OUT = 100;

    /**
     * A convolution over {@code axes} (1 or 2) spatial axes: input {@code [N, C, (H,) W]}, weight
     * {@code [out, C/groups, (kh,) kw]} and, when {@code bias}, a bias {@code [out]}, with random stride, padding
     * (a quarter of the time {@code "same"}, then stride 1), dilation and groups 1 to 3 (a quarter of the time one
     * input channel per group: depthwise when there are several). Ints, per axis (height, width) for 2-D: (stride.., padding.., dilation..,
     * groups, same).
     */
    static Function<Random, Draw> convolution(int axes, boolean bias) {
        return random -> {
            while (true) {
                int groups = 1 + random.nextInt(3);
                int perGroupIn = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(2);
                int channels = groups * perGroupIn;
                int out = groups * (1 + random.nextInt(2));
                int samples = 1 + random.nextInt(2);
                boolean same = random.nextInt(4) == 0;
                int[] size = new int[axes];
                int[] kernel = new int[axes];
                int[] stride = new int[axes];
                int[] padding = new int[axes];
                int[] dilation = new int[axes];
                int[] outSize = new int[axes];
                boolean fits = true;
                for (int a = 0; a < axes; a++) {
                    size[a] = 1 + random.nextInt(axes == 1 ? 7 : 5);
                    kernel[a] = 1 + random.nextInt(3);
                    dilation[a] = random.nextInt(3) == 0 ? 2 : 1;
                    stride[a] = same ? 1 : 1 + random.nextInt(2);
                    padding[a] = same ? 0 : random.nextInt(3);
                    int total = same ? dilation[a] * (kernel[a] - 1) : 2 * padding[a];
                    outSize[a] = windows(size[a], kernel[a], stride[a], total, dilation[a]);
                    fits &= outSize[a] > 0;
                }
                int[] x = concat(new int[] {samples, channels}, size);
                int[] w = concat(new int[] {out, perGroupIn}, kernel);
                int[] y = concat(new int[] {samples, out}, outSize);
                if (!fits || OpCase.numel(x) > MAX_IN || OpCase.numel(w) > MAX_IN || OpCase.numel(y) > MAX_OUT) continue;
                int[] ints = concat(stride, padding, dilation, new int[] {groups, same ? 1 : 0});
                return (bias ? Draw.of(x, w, new int[] {out}) : Draw.of(x, w)).withInts(ints);
            }
        };
    }

    /**
     * A convolution over {@code axes} spatial axes for PyTorch's defaults (stride 1, no padding, dilation 1, one
     * group): input, weight and bias.
     */
    static Draw convolutionDefaults(Random random, int axes) {
        while (true) {
            int channels = 1 + random.nextInt(2);
            int out = 1 + random.nextInt(3);
            int samples = 1 + random.nextInt(2);
            int[] size = new int[axes];
            int[] kernel = new int[axes];
            int[] outSize = new int[axes];
            for (int a = 0; a < axes; a++) {
                size[a] = 1 + random.nextInt(5);
                kernel[a] = 1 + random.nextInt(Math.min(3, size[a]));
                outSize[a] = size[a] - kernel[a] + 1;
            }
            int[] x = concat(new int[] {samples, channels}, size);
            int[] y = concat(new int[] {samples, out}, outSize);
            if (OpCase.numel(x) > MAX_IN || OpCase.numel(y) > MAX_OUT) continue;
            return Draw.of(x, concat(new int[] {out, channels}, kernel), new int[] {out});
        }
    }

    /**
     * im2col of {@code [N, C, H, W]} with random kernel, dilation, padding and stride: ints (kernel.., dilation..,
     * padding.., stride..), each a (height, width) pair. {@code defaults} keeps dilation 1, padding 0, stride 1.
     */
    static Function<Random, Draw> unfold(boolean defaults) {
        return random -> {
            while (true) {
                int[] x = {1 + random.nextInt(2), 1 + random.nextInt(2), 1 + random.nextInt(5), 1 + random.nextInt(5)};
                int[] geometry = geometry(random, defaults);
                int positions = positions(x[2], x[3], geometry);
                int[] y = {x[0], x[1] * geometry[0] * geometry[1], positions};
                if (positions == 0 || OpCase.numel(x) > MAX_IN || OpCase.numel(y) > MAX_OUT) continue;
                return Draw.of(x).withInts(geometry);
            }
        };
    }

    /**
     * col2im onto a random {@code H × W} with random kernel, dilation, padding and stride: the input
     * {@code [N, C·kh·kw, L]} with L the number of windows; ints (H, W, kernel.., dilation.., padding.., stride..).
     */
    static Draw fold(Random random) {
        while (true) {
            int samples = 1 + random.nextInt(2);
            int channels = 1 + random.nextInt(2);
            int height = 1 + random.nextInt(5);
            int width = 1 + random.nextInt(5);
            int[] geometry = geometry(random, false);
            int positions = positions(height, width, geometry);
            int[] cols = {samples, channels * geometry[0] * geometry[1], positions};
            if (positions == 0 || OpCase.numel(cols) > MAX_IN || samples * channels * height * width > MAX_OUT) continue;
            return Draw.of(cols).withInts(concat(new int[] {height, width}, geometry));
        }
    }

    /** (kh, kw, dh, dw, ph, pw, sh, sw): kernel 1 to 3, dilation 1 or 2, padding 0 to 1, stride 1 to 2. */
    private static int[] geometry(Random random, boolean defaults) {
        int[] g = new int[8];
        for (int a = 0; a < 2; a++) {
            g[a] = 1 + random.nextInt(3);
            g[2 + a] = defaults || random.nextInt(3) != 0 ? 1 : 2;
            g[4 + a] = defaults ? 0 : random.nextInt(2);
            g[6 + a] = defaults ? 1 : 1 + random.nextInt(2);
        }
        return g;
    }

    /** Windows of the geometry on {@code height × width}, 0 when the kernel does not fit. */
    private static int positions(int height, int width, int[] g) {
        int rows = windows(height, g[0], g[6], 2 * g[4], g[2]);
        int cols = windows(width, g[1], g[7], 2 * g[5], g[3]);
        return Math.max(rows, 0) * Math.max(cols, 0);
    }

    /**
     * Pooling over {@code axes} (1 or 2) spatial axes of {@code [N, C, (H,) W]}: kernel 1 to 3, stride the
     * kernel's or 1 to 3, padding up to half the kernel, dilation 1 or 2 when {@code dilation}, and a random
     * countIncludePad flag. Every window holds an input cell. Ints, per axis: (kernel.., stride.. (0 for the
     * default), padding.., dilation.., countIncludePad).
     */
    static Function<Random, Draw> pooling(int axes, boolean dilation) {
        return random -> {
            while (true) {
                int[] size = new int[axes];
                int[] kernel = new int[axes];
                int[] stride = new int[axes];
                int[] padding = new int[axes];
                int[] dilations = new int[axes];
                int[] outSize = new int[axes];
                boolean defaultStride = random.nextInt(3) == 0;
                boolean fits = true;
                for (int a = 0; a < axes; a++) {
                    size[a] = 1 + random.nextInt(axes == 1 ? 8 : 5);
                    kernel[a] = 1 + random.nextInt(3);
                    stride[a] = defaultStride ? 0 : 1 + random.nextInt(3);
                    padding[a] = random.nextInt(kernel[a] / 2 + 1);
                    dilations[a] = dilation && random.nextInt(3) == 0 ? 2 : 1;
                    int step = defaultStride ? kernel[a] : stride[a];
                    outSize[a] = windows(size[a], kernel[a], step, 2 * padding[a], dilations[a]);
                    fits &= outSize[a] > 0 && everyWindowHoldsAnInputCell(size[a], kernel[a], step, padding[a],
                            dilations[a], outSize[a]);
                }
                int[] x = concat(new int[] {1 + random.nextInt(2), 1 + random.nextInt(2)}, size);
                int[] y = concat(new int[] {x[0], x[1]}, outSize);
                if (!fits || OpCase.numel(x) > MAX_IN || OpCase.numel(y) > MAX_OUT) continue;
                return Draw.of(x).withInts(concat(kernel, stride, padding, dilations, new int[] {random.nextInt(2)}));
            }
        };
    }

    /** Pooling with the kernel only (stride the kernel size): ints (kernel..) over {@code axes} spatial axes. */
    static Function<Random, Draw> poolingKernel(int axes) {
        return random -> {
            while (true) {
                int[] size = new int[axes];
                int[] kernel = new int[axes];
                for (int a = 0; a < axes; a++) {
                    size[a] = 1 + random.nextInt(axes == 1 ? 8 : 5);
                    kernel[a] = 1 + random.nextInt(Math.min(3, size[a]));
                }
                int[] x = concat(new int[] {1 + random.nextInt(2), 1 + random.nextInt(2)}, size);
                if (OpCase.numel(x) <= MAX_IN) return Draw.of(x).withInts(kernel);
            }
        };
    }

    /** Adaptive pooling: {@code [N, C, (H,) W]} and output sizes 1 to 4 that may or may not divide the input's. */
    static Function<Random, Draw> adaptive(int axes) {
        return random -> {
            while (true) {
                int[] size = new int[axes];
                int[] outSize = new int[axes];
                for (int a = 0; a < axes; a++) {
                    size[a] = 1 + random.nextInt(axes == 1 ? 8 : 5);
                    outSize[a] = 1 + random.nextInt(4);
                }
                int[] x = concat(new int[] {1 + random.nextInt(2), 1 + random.nextInt(2)}, size);
                if (OpCase.numel(x) <= MAX_IN) return Draw.of(x).withInts(outSize);
            }
        };
    }

    /** The number of windows along an axis of {@code size} with {@code totalPadding}, or 0 when none fits. */
    static int windows(int size, int kernel, int stride, int totalPadding, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        int padded = size + totalPadding;
        return span > padded ? 0 : (padded - span) / stride + 1;
    }

    /** Whether each of {@code count} windows along an axis has a tap inside {@code [0, size)}. */
    static boolean everyWindowHoldsAnInputCell(int size, int kernel, int stride, int padding, int dilation,
                                               int count) {
        for (int o = 0; o < count; o++) {
            boolean inside = false;
            for (int i = 0; i < kernel; i++) {
                int at = o * stride - padding + i * dilation;
                inside |= at >= 0 && at < size;
            }
            if (!inside) return false;
        }
        return true;
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** An axis of a tensor of rank {@code rank}, negative half the time. */
    static int anyAxis(Random random, int rank) {
        return maybeNegative(random, random.nextInt(rank), rank);
    }

    private static int maybeNegative(Random random, int axis, int rank) {
        return random.nextBoolean() ? axis - rank : axis;
    }

    /** An index into {@code size} entries, in {@code [0, size)} as {@link Indices} requires. */
    private static int randomIndex(Random random, int size) {
        return random.nextInt(size);
    }

    /** Batch norm: x {@code [N, C]} or {@code [N, C, L]} with at least 2 values per channel, weight and bias {@code [C]}. */
    static Draw batchNorm(Random random) {
        int n = 1 + random.nextInt(3);
        int c = 1 + random.nextInt(3);
        int l = 1 + random.nextInt(3);
        if (n * l < 2) n = 2;
        int[] x = random.nextBoolean() && l == 1 ? new int[] {n, c} : new int[] {n, c, l};
        if (x.length == 2 && n < 2) x[0] = 2;
        return Draw.of(x, new int[] {c}, new int[] {c});
    }

    /** Layer norm over the last one or two axes (at least 2 values), weight and bias of that shape. */
    static Draw layerNorm(Random random) {
        int[] normalized = random.nextBoolean() ? new int[] {2 + random.nextInt(3)}
                : new int[] {1 + random.nextInt(2), 2 + random.nextInt(2)};
        int rows = 1 + random.nextInt(3);
        int[] x = new int[normalized.length + 1];
        x[0] = rows;
        System.arraycopy(normalized, 0, x, 1, normalized.length);
        return Draw.of(x, normalized.clone(), normalized.clone());
    }

    /** Group norm: x {@code [N, C, L]} with groups dividing C and at least 2 values per group; ints (groups). */
    static Draw groupNorm(Random random) {
        int groups = 1 + random.nextInt(2);
        int c = groups * (1 + random.nextInt(2));
        int l = 1 + random.nextInt(3);
        if (c / groups * l < 2) l = 2;
        return Draw.of(new int[] {1 + random.nextInt(2), c, l}, new int[] {c}, new int[] {c}).withInts(groups);
    }
}
