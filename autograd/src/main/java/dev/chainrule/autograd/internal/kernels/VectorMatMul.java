package dev.chainrule.autograd.internal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed matrix product of {@link MatMulKernels} with a register tile of {@value #ROWS} rows by two SIMD
 * vectors of columns, written with the JDK's Vector API. Used only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; {@link MatMulKernels} loads it reflectively and falls back to
 * its scalar tile otherwise, so nothing else in Chainrule touches the incubator module.
 */
final class VectorMatMul implements MatMulKernels.RowKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 6;
    private static final int COLS = 2 * LANES;
    private static final int K_BLOCK = 256;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);

    @Override
    public int rowTile() {
        return ROWS;
    }

    @Override
    public String description() {
        return "Vector API, " + ROWS + "x" + COLS + " tile of " + SPECIES;
    }

    @Override
    public void rows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                     double[] c, int cOff, int m, int k, int n, int from, int to) {
        int panels = (n + COLS - 1) / COLS;
        double[][] scratch = SCRATCH.get();
        if (scratch[0].length < panels * COLS * K_BLOCK) scratch[0] = new double[panels * COLS * K_BLOCK];
        if (scratch[1].length < ROWS * K_BLOCK) scratch[1] = new double[ROWS * K_BLOCK];
        if (scratch[2].length < ROWS * COLS) scratch[2] = new double[ROWS * COLS];
        double[] packedB = scratch[0];
        double[] packedA = scratch[1];
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            MatMulKernels.packB(b, bOff, transB, k, n, p0, kc, COLS, packedB);
            for (int i0 = from; i0 < to; i0 += ROWS) {
                int rows = Math.min(ROWS, to - i0);
                MatMulKernels.packA(a, aOff, transA, m, k, i0, rows, p0, kc, ROWS, packedA);
                for (int panel = 0; panel < panels; panel++) {
                    int j0 = panel * COLS;
                    int cols = Math.min(COLS, n - j0);
                    tile(packedA, packedB, panel * COLS * kc, kc, c, cOff + i0 * n + j0, n, rows, cols, scratch[2]);
                }
            }
        }
    }

    /** C[tile] += packed A panel · packed B panel, twelve vector sums kept in registers. */
    private static void tile(double[] pa, double[] pb, int bBase, int kc, double[] c, int cAt, int n,
                             int rows, int cols, double[] spill) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
        DoubleVector s30 = s00, s31 = s00, s40 = s00, s41 = s00, s50 = s00, s51 = s00;
        for (int p = 0; p < kc; p++) {
            int bi = bBase + p * COLS;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bi + LANES);
            int ai = p * ROWS;
            DoubleVector a = DoubleVector.broadcast(SPECIES, pa[ai]);
            s00 = a.fma(b0, s00);
            s01 = a.fma(b1, s01);
            a = DoubleVector.broadcast(SPECIES, pa[ai + 1]);
            s10 = a.fma(b0, s10);
            s11 = a.fma(b1, s11);
            a = DoubleVector.broadcast(SPECIES, pa[ai + 2]);
            s20 = a.fma(b0, s20);
            s21 = a.fma(b1, s21);
            a = DoubleVector.broadcast(SPECIES, pa[ai + 3]);
            s30 = a.fma(b0, s30);
            s31 = a.fma(b1, s31);
            a = DoubleVector.broadcast(SPECIES, pa[ai + 4]);
            s40 = a.fma(b0, s40);
            s41 = a.fma(b1, s41);
            a = DoubleVector.broadcast(SPECIES, pa[ai + 5]);
            s50 = a.fma(b0, s50);
            s51 = a.fma(b1, s51);
        }
        if (rows == ROWS && cols == COLS) {
            add(c, cAt, s00, s01);
            add(c, cAt + n, s10, s11);
            add(c, cAt + 2 * n, s20, s21);
            add(c, cAt + 3 * n, s30, s31);
            add(c, cAt + 4 * n, s40, s41);
            add(c, cAt + 5 * n, s50, s51);
            return;
        }
        spill(spill, 0, s00, s01);
        spill(spill, 1, s10, s11);
        spill(spill, 2, s20, s21);
        spill(spill, 3, s30, s31);
        spill(spill, 4, s40, s41);
        spill(spill, 5, s50, s51);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) c[cAt + r * n + j] += spill[r * COLS + j];
        }
    }

    private static void add(double[] c, int at, DoubleVector left, DoubleVector right) {
        DoubleVector.fromArray(SPECIES, c, at).add(left).intoArray(c, at);
        DoubleVector.fromArray(SPECIES, c, at + LANES).add(right).intoArray(c, at + LANES);
    }

    private static void spill(double[] spill, int row, DoubleVector left, DoubleVector right) {
        left.intoArray(spill, row * COLS);
        right.intoArray(spill, row * COLS + LANES);
    }
}
