package dev.chainrule.autograd.internal.kernels;

/** Kernels that move elements without arithmetic: transposition, slicing, concatenation, index gathers. */
public final class LayoutKernels {
    private LayoutKernels() {}

    /** Swaps dimensions {@code d0} and {@code d1} of {@code x} of {@code shape} into {@code out}. */
    public static void transpose(double[] x, int[] shape, int d0, int d1, double[] out) {
        int rank = shape.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        int[] outShape = shape.clone();
        outShape[d0] = shape[d1];
        outShape[d1] = shape[d0];
        int[] readStrides = strides.clone();
        readStrides[d0] = strides[d1];
        readStrides[d1] = strides[d0];
        if (rank == 2) {
            transpose2d(x, shape[0], shape[1], out);
            return;
        }
        int[] counter = new int[rank];
        int offset = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = x[offset];
            offset = Broadcasting.advance(counter, outShape, readStrides, offset);
        }
    }

    /** Transposes a row-major {@code rows × cols} matrix in cache-sized tiles. */
    public static void transpose2d(double[] x, int rows, int cols, double[] out) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) out[c * rows + r] = x[r * cols + c];
                }
            }
        }
    }

    /**
     * Copies entries {@code [start, start + length)} along the middle axis of {@code x} viewed as
     * {@code [outer, n, inner]} into {@code out} viewed as {@code [outer, outN, inner]} at {@code outStart}.
     */
    public static void copyAxisRange(double[] x, int outer, int n, int inner, int start, int length,
                                     double[] out, int outN, int outStart) {
        int block = length * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * n + start) * inner, out, (o * outN + outStart) * inner, block);
        }
    }

    /** {@code out[o, j, i] = x[o, index[j], i]}, with {@code x} of axis size {@code n}. */
    public static void indexSelect(double[] x, int outer, int n, int inner, int[] index, double[] out) {
        int m = index.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, (o * n + index[j]) * inner, out, (o * m + j) * inner, inner);
            }
        }
    }

    /** {@code out[o, index[j], i] += g[o, j, i]}: the adjoint of {@link #indexSelect}; repeats accumulate. */
    public static void indexAdd(double[] g, int outer, int n, int inner, int[] index, double[] out) {
        int m = index.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int src = (o * m + j) * inner;
                int dst = (o * n + index[j]) * inner;
                for (int i = 0; i < inner; i++) out[dst + i] += g[src + i];
            }
        }
    }

    /**
     * {@code out[o, j, i] = x[o, index[o, j, i], i]} (NumPy's take_along_axis), with {@code x} of axis size
     * {@code n} and {@code index} and {@code out} of axis size {@code m}.
     */
    public static void gather(double[] x, int outer, int n, int inner, int[] index, int m, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < inner; i++) {
                    int at = (o * m + j) * inner + i;
                    out[at] = x[(o * n + index[at]) * inner + i];
                }
            }
        }
    }

    /** {@code out[o, index[o, j, i], i] += g[o, j, i]}: the adjoint of {@link #gather}. */
    public static void scatterAdd(double[] g, int outer, int n, int inner, int[] index, int m, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < inner; i++) {
                    int at = (o * m + j) * inner + i;
                    out[(o * n + index[at]) * inner + i] += g[at];
                }
            }
        }
    }

    /** {@code out[i] = condition[i] != 0 ? a[i] : b[i]}, all of one length. */
    public static void select(double[] condition, double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = condition[i] != 0 ? a[i] : b[i];
    }

    /** {@code out} = {@code x} of {@code shape} with its dimensions reordered: out's dimension d is x's {@code dims[d]}. */
    public static void permute(double[] x, int[] shape, int[] dims, double[] out) {
        int rank = shape.length;
        int[] strides = new int[rank];
        for (int d = rank - 1, stride = 1; d >= 0; stride *= shape[d], d--) strides[d] = stride;
        int[] outShape = new int[rank];
        int[] readStrides = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = shape[dims[d]];
            readStrides[d] = strides[dims[d]];
        }
        int inner = outShape[rank - 1];
        int innerStride = readStrides[rank - 1];
        int[] counter = new int[rank];
        outShape[rank - 1] = 1;
        int offset = 0;
        for (int at = 0; at < out.length; at += inner) {
            for (int i = 0; i < inner; i++) out[at + i] = x[offset + i * innerStride];
            offset = Broadcasting.advance(counter, outShape, readStrides, offset);
        }
    }

    /**
     * Constant padding: {@code out} of shape {@code shape[d] + before[d] + after[d]} holds {@code value}, with
     * {@code x} of {@code shape} copied at offset {@code before}.
     */
    public static void pad(double[] x, int[] shape, int[] before, int[] after, double value, double[] out) {
        java.util.Arrays.fill(out, value);
        int rank = shape.length;
        if (x.length == 0) return;
        int[] outStrides = new int[rank];
        for (int d = rank - 1, stride = 1; d >= 0; d--) {
            outStrides[d] = stride;
            stride *= shape[d] + before[d] + after[d];
        }
        int start = 0;
        for (int d = 0; d < rank; d++) start += before[d] * outStrides[d];
        int row = shape[rank - 1];
        int[] rows = java.util.Arrays.copyOf(shape, rank);
        rows[rank - 1] = 1;
        int[] counter = new int[rank];
        int offset = start;
        for (int at = 0; at < x.length; at += row) {
            System.arraycopy(x, at, out, offset, row);
            offset = Broadcasting.advance(counter, rows, outStrides, offset);
        }
    }
}
