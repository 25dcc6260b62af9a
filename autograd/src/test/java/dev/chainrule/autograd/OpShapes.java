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
 * and axes are drawn negative as often as not.
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

    /** An input, an axis and 1 to 5 indices along it, repeats likely and negative ones included: ints (axis, indices...). */
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

    /** Two inputs and a 0/1 condition, all three broadcasting together. */
    static Draw where(Random random) {
        int[] out = shape(random, 0, 3);
        int[] conditionShape = broadcastableTo(random, out);
        double[] condition = new double[OpCase.numel(conditionShape)];
        for (int i = 0; i < condition.length; i++) condition[i] = random.nextInt(2);
        return Draw.of(broadcastableTo(random, out), broadcastableTo(random, out))
                .withConstant(OpCase.tensor(condition, conditionShape));
    }

    /** An axis of a tensor of rank {@code rank}, negative half the time. */
    static int anyAxis(Random random, int rank) {
        return maybeNegative(random, random.nextInt(rank), rank);
    }

    private static int maybeNegative(Random random, int axis, int rank) {
        return random.nextBoolean() ? axis - rank : axis;
    }

    /** An index into {@code size} entries, negative (counting from the end) a quarter of the time. */
    private static int randomIndex(Random random, int size) {
        int i = random.nextInt(size);
        return random.nextInt(4) == 0 ? i - size : i;
    }
}
