package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.SortKernels;

/**
 * sort and topk: the order comes from a stable sort kernel, and the values are a {@link Indexing.Gather} of the
 * input at that order, so the gradient flows to the selected entries (gather's rule) to any order.
 */
final class Sorting {
    private Sorting() {}

    /** The whole axis in order; see {@link Tensor#sort(int, boolean)}. */
    static Tensor.ValuesAndIndices sort(Tensor x, int axis, boolean descending) {
        int at = Shapes.axis("sort", axis, x.shape.length);
        return firstInOrder(x, at, descending, x.shape[at]);
    }

    /** The k largest (or smallest) along the axis, in order; see {@link Tensor#topk(int, int, boolean)}. */
    static Tensor.ValuesAndIndices topk(Tensor x, int k, int axis, boolean largest) {
        int at = Shapes.axis("topk", axis, x.shape.length);
        if (k < 0 || k > x.shape[at]) {
            throw new IllegalArgumentException("topk: k " + k + " is out of range [0, " + x.shape[at] + "] for "
                    + Indices.axisOf(axis, x.shape));
        }
        return firstInOrder(x, at, largest, k);
    }

    private static Tensor.ValuesAndIndices firstInOrder(Tensor x, int at, boolean descending, int count) {
        int[] shape = Shapes.withDim(x.shape, at, count);
        int[] order = new int[Shapes.numel("sort", shape)];
        if (order.length > 0) {
            SortKernels.argsort(x.data, Shapes.outer(x.shape, at), x.shape[at], Shapes.inner(x.shape, at), descending,
                    count, order);
        }
        Tensor values = new Indexing.Gather(at, order, shape).apply(x);   // gx = gy scattered back to its positions
        return new Tensor.ValuesAndIndices(values, Indices.tensor(order, shape));
    }
}
