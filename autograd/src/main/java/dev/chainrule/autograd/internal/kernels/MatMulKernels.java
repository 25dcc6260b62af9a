package dev.chainrule.autograd.internal.kernels;

/**
 * Matrix products {@code C = op(A)·op(B)} on row-major {@code double[]} with offsets, so a batch of matrices is
 * one array. {@code op(A)} is {@code [m, k]}: A is stored as {@code [m, k]}, or as {@code [k, m]} when
 * {@code transA}; likewise {@code op(B)} is {@code [k, n]}, stored as {@code [n, k]} when {@code transB}. The
 * transposed forms read the operand in place, so backward rules never copy a matrix to transpose it.
 * Products larger than {@link #PARALLEL_FLOPS} split their rows over {@link Parallel}'s shared pool.
 */
public final class MatMulKernels {
    /** Multiply-adds below which a product stays on the calling thread: a hand-off costs more than it saves. */
    public static final long PARALLEL_FLOPS = 1L << 18;

    private MatMulKernels() {}

    /** Writes (overwrites) {@code C[cOff ..] = op(A)·op(B)}. */
    public static void matmul(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                              double[] c, int cOff, int m, int k, int n) {
        java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        long work = (long) m * n * k;
        if (work < PARALLEL_FLOPS || m < 2) {
            rows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, 0, m);
        } else {
            Parallel.forRange(m, (from, to) -> rows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, from, to));
        }
    }

    private static void rows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                             double[] c, int cOff, int m, int k, int n, int from, int to) {
        if (transB) {
            rowsTimesTransposed(a, aOff, transA, b, bOff, c, cOff, m, k, n, from, to);
        } else {
            rowsTimesPlain(a, aOff, transA, b, bOff, c, cOff, m, k, n, from, to);
        }
    }

    /** C[i, :] += op(A)[i, p]·B[p, :], blocked over p so a panel of B stays in cache across rows. */
    private static void rowsTimesPlain(double[] a, int aOff, boolean transA, double[] b, int bOff,
                                       double[] c, int cOff, int m, int k, int n, int from, int to) {
        final int kBlock = 128;
        final int nBlock = 512;
        for (int j0 = 0; j0 < n; j0 += nBlock) {
            int j1 = Math.min(n, j0 + nBlock);
            for (int p0 = 0; p0 < k; p0 += kBlock) {
                int p1 = Math.min(k, p0 + kBlock);
                for (int i = from; i < to; i++) {
                    int cRow = cOff + i * n;
                    for (int p = p0; p < p1; p++) {
                        double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                        if (aip == 0.0) continue;
                        int bRow = bOff + p * n;
                        for (int j = j0; j < j1; j++) c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    /** C[i, j] = op(A)[i, :]·B[j, :], a dot product of two contiguous rows when A is not transposed. */
    private static void rowsTimesTransposed(double[] a, int aOff, boolean transA, double[] b, int bOff,
                                            double[] c, int cOff, int m, int k, int n, int from, int to) {
        double[] row = transA ? new double[k] : null;
        for (int i = from; i < to; i++) {
            int aRow = aOff + i * k;
            double[] aSource = a;
            if (transA) {
                for (int p = 0; p < k; p++) row[p] = a[aOff + p * m + i];
                aSource = row;
                aRow = 0;
            }
            int cRow = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bRow = bOff + j * k;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    s0 += aSource[aRow + p] * b[bRow + p];
                    s1 += aSource[aRow + p + 1] * b[bRow + p + 1];
                    s2 += aSource[aRow + p + 2] * b[bRow + p + 2];
                    s3 += aSource[aRow + p + 3] * b[bRow + p + 3];
                }
                for (; p < k; p++) s0 += aSource[aRow + p] * b[bRow + p];
                c[cRow + j] = (s0 + s1) + (s2 + s3);
            }
        }
    }
}
