package dev.chainrule.autograd.internal.kernels;

import java.util.Arrays;

/**
 * Matrix products {@code C = op(A)·op(B)} on row-major {@code double[]} with offsets, so a batch of matrices is
 * one array. {@code op(A)} is {@code [m, k]}: A is stored as {@code [m, k]}, or as {@code [k, m]} when
 * {@code transA}; likewise {@code op(B)} is {@code [k, n]}, stored as {@code [n, k]} when {@code transB}. The
 * transposed forms read the operand in place, so backward rules never copy a matrix to transpose it.
 *
 * <p>Large products copy blocks of the operands into packed panels (4 rows of A, 4 columns of B, contiguous
 * along k) and multiply them with a 4×4 register-tiled kernel, which keeps sixteen sums in registers and reads
 * each packed value once per panel pair; packing also absorbs the transposed layouts. Products of more than
 * {@link #PARALLEL_FLOPS} multiply-adds split their rows over {@link Parallel}'s shared pool; small ones use a
 * plain loop on the calling thread.
 */
public final class MatMulKernels {
    /** Multiply-adds below which a product stays on the calling thread: a hand-off costs more than it saves. */
    public static final long PARALLEL_FLOPS = 1L << 18;
    private static final long PACKED_FLOPS = 1L << 13;
    private static final int TILE = 4;
    private static final int K_BLOCK = 256;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);
    private static final RowKernel KERNEL = selectKernel();

    private MatMulKernels() {}

    /**
     * Computes rows {@code [from, to)} of a packed product into a zeroed C: the seam where a faster
     * implementation replaces the scalar tile.
     */
    interface RowKernel {
        /** Rows per register tile; parallel chunks are multiples of it. */
        int rowTile();

        /** What this kernel is, for benchmark reports. */
        String description();

        void rows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                  double[] c, int cOff, int m, int k, int n, int from, int to);
    }

    /** The Vector API kernel when the JVM has {@code jdk.incubator.vector} and it is not switched off, else scalar. */
    private static RowKernel selectKernel() {
        boolean wanted = !"scalar".equals(System.getProperty("chainrule.kernels"));
        if (wanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (RowKernel) Class.forName(MatMulKernels.class.getPackageName() + ".VectorMatMul")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernel();
            }
        }
        return new ScalarKernel();
    }

    /** Which matrix-multiply kernel is in use (the scalar tile, or the Vector API one). */
    public static String kernelDescription() {
        return KERNEL.description();
    }

    /** Writes (overwrites) {@code C[cOff ..] = op(A)·op(B)}. */
    public static void matmul(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                              double[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0.0);
        long work = (long) m * n * k;
        int tile = KERNEL.rowTile();
        if (work < PACKED_FLOPS) {
            simple(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n);
        } else if (work < PARALLEL_FLOPS || m < 2 * tile) {
            KERNEL.rows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, 0, m);
        } else {
            int tiles = (m + tile - 1) / tile;
            Parallel.forRange(tiles, (from, to) -> KERNEL.rows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n,
                    from * tile, Math.min(m, to * tile)));
        }
    }

    /** The textbook loop, for products too small to repay packing. */
    private static void simple(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                               double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                int cRow = cOff + i * n;
                if (transB) {
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bOff + j * k + p];
                } else {
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }

    /** The portable kernel: a 4×4 tile of scalar sums. */
    private static final class ScalarKernel implements RowKernel {
        @Override
        public int rowTile() {
            return TILE;
        }

        @Override
        public String description() {
            return "scalar, 4x4 tile";
        }

        @Override
        public void rows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                         double[] c, int cOff, int m, int k, int n, int from, int to) {
            packed(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, from, to);
        }
    }

    /** Rows {@code [from, to)} of C, block by block along k. */
    private static void packed(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                               double[] c, int cOff, int m, int k, int n, int from, int to) {
        int panels = (n + TILE - 1) / TILE;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length < panels * TILE * K_BLOCK) scratch[0] = new double[panels * TILE * K_BLOCK];
        if (scratch[1].length < TILE * K_BLOCK) scratch[1] = new double[TILE * K_BLOCK];
        double[] packedB = scratch[0];
        double[] packedA = scratch[1];
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            packB(b, bOff, transB, k, n, p0, kc, TILE, packedB);
            for (int i0 = from; i0 < to; i0 += TILE) {
                int rows = Math.min(TILE, to - i0);
                packA(a, aOff, transA, m, k, i0, rows, p0, kc, TILE, packedA);
                for (int panel = 0; panel < panels; panel++) {
                    int j0 = panel * TILE;
                    tile(packedA, packedB, panel * TILE * kc, kc, c, cOff, n, i0, rows, j0, Math.min(TILE, n - j0));
                }
            }
        }
    }

    /** Packs op(B)[p0 : p0+kc, :] as panels of {@code width} columns, each contiguous along k; missing columns are 0. */
    static void packB(double[] b, int bOff, boolean transB, int k, int n, int p0, int kc, int width, double[] out) {
        int panels = (n + width - 1) / width;
        for (int panel = 0; panel < panels; panel++) {
            int base = panel * width * kc;
            for (int jj = 0; jj < width; jj++) {
                int j = panel * width + jj;
                if (j >= n) {
                    for (int p = 0; p < kc; p++) out[base + p * width + jj] = 0;
                } else if (transB) {
                    int row = bOff + j * k + p0;
                    for (int p = 0; p < kc; p++) out[base + p * width + jj] = b[row + p];
                } else {
                    int col = bOff + p0 * n + j;
                    for (int p = 0; p < kc; p++) out[base + p * width + jj] = b[col + p * n];
                }
            }
        }
    }

    /** Packs op(A)[i0 : i0+rows, p0 : p0+kc] as {@code height} interleaved rows along k; missing rows are 0. */
    static void packA(double[] a, int aOff, boolean transA, int m, int k, int i0, int rows, int p0, int kc,
                      int height, double[] out) {
        for (int ii = 0; ii < height; ii++) {
            if (ii >= rows) {
                for (int p = 0; p < kc; p++) out[p * height + ii] = 0;
            } else if (transA) {
                int col = aOff + p0 * m + i0 + ii;
                for (int p = 0; p < kc; p++) out[p * height + ii] = a[col + p * m];
            } else {
                int row = aOff + (i0 + ii) * k + p0;
                for (int p = 0; p < kc; p++) out[p * height + ii] = a[row + p];
            }
        }
    }

    /** C[i0.., j0..] += packed A panel · packed B panel, with sixteen running sums in registers. */
    private static void tile(double[] pa, double[] pb, int bBase, int kc, double[] c, int cOff, int n,
                             int i0, int rows, int j0, int cols) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = p * TILE;
            int bi = bBase + p * TILE;
            double a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
            double b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2], b3 = pb[bi + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        int r0 = cOff + i0 * n + j0;
        if (rows == TILE && cols == TILE) {
            int r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            c[r0] += c00; c[r0 + 1] += c01; c[r0 + 2] += c02; c[r0 + 3] += c03;
            c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
            c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
            c[r3] += c30; c[r3 + 1] += c31; c[r3 + 2] += c32; c[r3 + 3] += c33;
            return;
        }
        double[] sums = {c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33};
        for (int ii = 0; ii < rows; ii++) {
            for (int jj = 0; jj < cols; jj++) c[r0 + ii * n + jj] += sums[ii * TILE + jj];
        }
    }
}
