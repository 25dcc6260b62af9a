package dev.chainrule.autograd.internal.kernels;

/**
 * Stable sorting along one axis of a row-major array viewed as {@code [outer, n, inner]} (see
 * {@link ReductionKernels}). The order is PyTorch's: NaN counts as larger than every number (last ascending, first
 * descending), −0 equals 0, and equal values keep their original order in either direction.
 */
public final class SortKernels {
    private SortKernels() {}

    /**
     * {@code out[o, k, i]} = the position along the axis of the k-th entry of line {@code (o, i)} in sorted order,
     * for {@code k < count}: the first {@code count} of the full sorted order (all of it when {@code count = n}).
     * {@code out} has shape {@code [outer, count, inner]}.
     */
    public static void argsort(double[] x, int outer, int n, int inner, boolean descending, int count, int[] out) {
        double[] line = new double[n];
        int[] order = new int[n];
        int[] scratch = new int[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int j = 0; j < n; j++) {
                    line[j] = x[base + j * inner];
                    order[j] = j;
                }
                mergeSort(line, order, scratch, 0, n, descending);
                int outBase = o * count * inner + i;
                for (int k = 0; k < count; k++) out[outBase + k * inner] = order[k];
            }
        }
    }

    /**
     * Sorts {@code order[from, to)} by {@code line[order[..]]}, stably: top-down merge sort (insertion sort on short
     * runs); the recursion depth is log₂ n.
     */
    private static void mergeSort(double[] line, int[] order, int[] scratch, int from, int to, boolean descending) {
        if (to - from <= 16) {
            insertionSort(line, order, from, to, descending);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(line, order, scratch, from, middle, descending);
        mergeSort(line, order, scratch, middle, to, descending);
        if (!before(line[order[middle]], line[order[middle - 1]], descending)) return;  // already in order
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            boolean takeRight = left >= middle
                    || right < to && before(line[scratch[right]], line[scratch[left]], descending);
            order[k] = takeRight ? scratch[right++] : scratch[left++];
        }
    }

    private static void insertionSort(double[] line, int[] order, int from, int to, boolean descending) {
        for (int k = from + 1; k < to; k++) {
            int moving = order[k];
            int j = k - 1;
            while (j >= from && before(line[moving], line[order[j]], descending)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = moving;
        }
    }

    /** Whether {@code a} strictly precedes {@code b}; equal values (and two NaNs) do not, which keeps sorts stable. */
    private static boolean before(double a, double b, boolean descending) {
        return descending ? greater(a, b) : greater(b, a);
    }

    /** {@code a > b} with NaN above every number and equal to NaN. */
    private static boolean greater(double a, double b) {
        return a > b || a != a && b == b;
    }
}
