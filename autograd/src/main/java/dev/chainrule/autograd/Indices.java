package dev.chainrule.autograd;

/**
 * Chainrule's one convention for index arguments, shared by {@link Tensor#indexSelect}, {@link Tensor#gather},
 * {@link Tensor#scatterAdd}, {@link Tensor#sort}/{@link Tensor#topk} (which return indices in this form), and in
 * {@code nn} by {@code Embedding} and the class-index losses ({@code crossEntropy}, {@code nllLoss}):
 * <ul>
 *   <li>Indices come as an {@code int[]} or as a tensor of whole-number values (a float64 tensor standing in for
 *       PyTorch's {@code int64} one). Only their values are read: no gradient flows to an index tensor.</li>
 *   <li>Each index lies in {@code [0, size)} for the axis, table or class count it addresses. As in PyTorch,
 *       negative indices are refused, not counted from the end.</li>
 *   <li>A bad index throws {@link IllegalArgumentException} naming the op, the value and its position in the index
 *       argument: {@code gather: index 1.5 at position [1, 0] is not a whole number} or
 *       {@code indexSelect: index 4 at position [2] is out of range [0, 3) for axis 0 of shape [3, 2]}.</li>
 * </ul>
 * The methods here are that check, for code outside this package (such as {@code nn}'s layers) that takes indices
 * from its own callers.
 */
public final class Indices {
    private Indices() {}

    /**
     * The whole-number values of {@code indices} as ints, each checked to lie in {@code [0, size)}.
     *
     * @param op      the op to name in an error
     * @param indices whole numbers of any shape
     * @param size    the number of valid positions
     * @param target  what the indices address, for the error: {@code "axis 0 of shape [3, 2]"}, {@code "10 rows"}
     * @throws IllegalArgumentException naming the op, the first bad value and its position
     */
    public static int[] of(String op, Tensor indices, int size, String target) {
        double[] values = indices.data;
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(op + ": index " + v + " at position "
                        + position(i, indices.shape) + " is not a whole number; indices are whole numbers in [0, "
                        + size + ") for " + target);
            }
            if (!(v >= 0 && v < size)) throw outOfRange(op, Unary.format(v), position(i, indices.shape), size, target);
            result[i] = (int) v;
        }
        return result;
    }

    /**
     * {@code indices} checked to lie in {@code [0, size)}, as a copy.
     *
     * @throws IllegalArgumentException naming the op, the first bad value and its position
     */
    public static int[] of(String op, int[] indices, int size, String target) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw outOfRange(op, Integer.toString(indices[i]), "[" + i + "]", size, target);
            }
        }
        return indices.clone();
    }

    /** The whole numbers {@code indices} as a float64 tensor of the given shape, the form ops return indices in. */
    static Tensor tensor(int[] indices, int[] shape) {
        double[] values = new double[indices.length];
        for (int i = 0; i < values.length; i++) values[i] = indices[i];
        return new Tensor(values, shape);
    }

    /** How errors name one axis of a shape: {@code "axis 0 of shape [3, 2]"}. */
    static String axisOf(int axis, int[] shape) {
        return "axis " + axis + " of shape " + Shapes.format(shape);
    }

    private static IllegalArgumentException outOfRange(String op, String value, String position, int size,
                                                       String target) {
        return new IllegalArgumentException(op + ": index " + value + " at position " + position
                + " is out of range [0, " + size + ") for " + target);
    }

    /** The row-major multi-index of flat position {@code flat} in {@code shape}, as {@code [1, 0]}. */
    private static String position(int flat, int[] shape) {
        int[] at = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return java.util.Arrays.toString(at);
    }
}
