package dev.chainrule.autograd;

import java.util.Arrays;

/** Shape arithmetic and validation shared by the op families; every failure names the op. */
final class Shapes {
    private Shapes() {}

    static final int[] SCALAR = new int[0];

    static int numel(String op, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension in shape " + format(shape));
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(op + ": shape " + format(shape) + " has more than "
                        + (Integer.MAX_VALUE - 8) + " elements");
            }
        }
        return (int) n;
    }

    static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /** NumPy's broadcast of two shapes, aligned at the trailing dimension. */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) return a;
        int rank = Math.max(a.length, b.length);
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast: dimension " + (i - rank) + " is " + da + " and " + db);
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /** True when {@code from} broadcasts to exactly {@code to}. */
    static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) return false;
        for (int i = 1; i <= from.length; i++) {
            int f = from[from.length - i];
            if (f != 1 && f != to[to.length - i]) return false;
        }
        return true;
    }

    /** An axis in {@code [-rank, rank)} as a non-negative index. */
    static int axis(String op, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            String range = rank == 0 ? "none: the tensor is 0-d" : "[" + (-rank) + ", " + (rank - 1) + "]";
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a "
                    + rank + "-d tensor; valid axes: " + range);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** Product of the dimensions before {@code axis}. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int d = 0; d < axis; d++) n *= shape[d];
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int d = axis + 1; d < shape.length; d++) n *= shape[d];
        return n;
    }

    /** {@code shape} without {@code axis}, or with it set to 1 when {@code keepDim}. */
    static int[] reduce(int[] shape, int axis, boolean keepDim) {
        if (keepDim) {
            int[] result = shape.clone();
            result[axis] = 1;
            return result;
        }
        int[] result = new int[shape.length - 1];
        for (int d = 0, r = 0; d < shape.length; d++) if (d != axis) result[r++] = shape[d];
        return result;
    }

    static int[] withDim(int[] shape, int axis, int size) {
        int[] result = shape.clone();
        result[axis] = size;
        return result;
    }
}
