package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * sort, topk and norm over random draws with ties and NaN: sort gives every line in PyTorch's order (NaN above
 * every number), its indices are a permutation of the axis that picks the values, equal values keep their order,
 * topk is the front of the sort, and norm matches its definition.
 */
class SortingProperties {

    /** A shape of rank 1 to 3 with sizes 1 to 5, and values from a few integers (ties common), NaN now and then. */
    private static Tensor draw(Random random) {
        int[] shape = new int[1 + random.nextInt(3)];
        for (int d = 0; d < shape.length; d++) shape[d] = 1 + random.nextInt(5);
        double[] values = new double[OpCase.numel(shape)];
        boolean withNaN = random.nextInt(4) == 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = withNaN && random.nextInt(6) == 0 ? Double.NaN : random.nextInt(5) - 2;
        }
        return Tensor.of(values, shape);
    }

    @Property(tries = 300, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void sortOrdersEachLineStablyWithIndicesThatPickTheValues(@ForAll Random random) {
        Tensor x = draw(random);
        int axis = random.nextInt(x.dim());
        boolean descending = random.nextBoolean();
        Tensor.ValuesAndIndices sorted = x.sort(axis, descending);
        String what = Arrays.toString(x.shape()) + " " + Arrays.toString(x.toArray()) + ", axis " + axis
                + ", descending " + descending;
        assertArrayEquals(x.shape(), sorted.values().shape(), what);
        assertArrayEquals(sorted.values().toArray(), x.gather(axis, sorted.indices()).toArray(), what);
        Tensor values = sorted.values().transpose(axis, -1);
        Tensor indices = sorted.indices().transpose(axis, -1);
        int n = x.size(axis);
        double[] v = values.toArray();
        double[] index = indices.toArray();
        for (int line = 0; line < v.length / n; line++) {
            boolean[] seen = new boolean[n];
            for (int k = 0; k < n; k++) {
                int at = line * n + k;
                seen[(int) index[at]] = true;
                if (k == 0) continue;
                int order = compare(v[at - 1], v[at]) * (descending ? -1 : 1);
                assertTrue(order <= 0, what + ": line " + line + " out of order at " + k);
                if (order == 0) assertTrue(index[at - 1] < index[at], what + ": tie not stable at " + k);
            }
            for (boolean s : seen) assertTrue(s, what + ": indices of line " + line + " are not a permutation");
        }
    }

    @Property(tries = 300, seed = "20261204", shrinking = ShrinkingMode.OFF)
    void topkIsTheFrontOfTheSort(@ForAll Random random) {
        Tensor x = draw(random);
        int axis = random.nextInt(x.dim());
        int k = random.nextInt(x.size(axis) + 1);
        boolean largest = random.nextBoolean();
        Tensor.ValuesAndIndices top = x.topk(k, axis, largest);
        Tensor.ValuesAndIndices sorted = x.sort(axis, largest);
        String what = Arrays.toString(x.toArray()) + ", axis " + axis + ", k " + k + ", largest " + largest;
        assertArrayEquals(sorted.values().slice(axis, 0, k).toArray(), top.values().toArray(), what);
        assertArrayEquals(sorted.indices().slice(axis, 0, k).toArray(), top.indices().toArray(), what);
    }

    @Property(tries = 300, seed = "20261205", shrinking = ShrinkingMode.OFF)
    void normMatchesItsDefinition(@ForAll Random random) {
        int n = 1 + random.nextInt(6);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = 4 * random.nextDouble() - 2;
        double[] ps = {1, 2, 1 + 3 * random.nextDouble(), Double.POSITIVE_INFINITY};
        for (double p : ps) {
            double expected = 0;
            for (double v : values) {
                expected = p == Double.POSITIVE_INFINITY ? Math.max(expected, Math.abs(v))
                        : expected + Math.pow(Math.abs(v), p);
            }
            if (p != Double.POSITIVE_INFINITY) expected = Math.pow(expected, 1 / p);
            assertEquals(expected, Tensor.of(values).norm(p).item(), 1e-12 * (1 + expected),
                    Arrays.toString(values) + ", p " + p);
        }
    }

    /** PyTorch's sort order: NaN above every number and equal to NaN; −0 equals 0. */
    private static int compare(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
