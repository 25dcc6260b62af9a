package dev.chainrule.autograd.internal.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed matrix product of {@link MatMulKernels} with a register tile of 8 or 4 rows by two SIMD vectors of
 * columns, written with the JDK's Vector API. Used only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; {@link MatMulKernels} loads it reflectively and falls back to
 * its scalar tile otherwise, so nothing else in Chainrule touches the incubator module.
 *
 * <p>The tile is as tall as the CPU's vector registers allow: its sums, the two vectors of B and the broadcast of
 * A must all stay in registers. With 8-lane (512-bit, AVX-512) vectors there are 32 registers, and 8 rows (16 sums)
 * ran a single-threaded n = 1024 product about 20 % faster than 4 rows; with 16 registers (AVX2) 8 rows would
 * spill, and 6 rows measured slower than 4.
 */
final class VectorMatMul implements MatMulKernels.TileKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Whether the tile has 8 rows: vectors of 8 doubles mean AVX-512 and its 32 vector registers. */
    private static final boolean TALL = LANES >= 8;
    private static final int ROWS = TALL ? 8 : 4;
    private static final int COLS = 2 * LANES;

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int cols() {
        return COLS;
    }

    @Override
    public String description() {
        return "Vector API, " + ROWS + "x" + COLS + " tile of " + SPECIES;
    }

    /**
     * C[tile] += packed A panel · packed B panel, A's value (r, p) at {@code aAt + p·ROWS + r}; or, given a
     * {@code row}, C[tile] = row + the product: a whole tile then adds its sums to that row, read for every row of
     * the tile with a stride of 0, so that the same branch-free methods serve both cases.
     */
    @Override
    public void tile(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc, double[] c, int cAt, int n,
                     int rows, int cols, double[] row, int rowAt, double[] spill) {
        if (rows == ROWS && cols == COLS) {
            accumulatePacked(pa, aAt, pb, bAt, bStride, kc, row == null ? c : row, row == null ? cAt : rowAt,
                    row == null ? n : 0, c, cAt, n);
        } else {
            Arrays.fill(spill, 0, ROWS * COLS, 0.0);
            accumulatePacked(pa, aAt, pb, bAt, bStride, kc, spill, 0, COLS, spill, 0, COLS);
            MatMulKernels.writeSpill(spill, COLS, c, cAt, n, rows, cols, row, rowAt);
        }
    }

    /** The tile with A read in place, its rows {@code lda} apart: A's value (r, p) at {@code aAt + r·lda + p}. */
    @Override
    public void tileInPlaceA(double[] pa, int aAt, int lda, double[] pb, int bAt, int bStride, int kc, double[] c,
                             int cAt, int n, int cols, double[] spill) {
        if (cols == COLS) {
            accumulateInPlaceA(pa, aAt, lda, pb, bAt, bStride, kc, c, cAt, n);
        } else {
            Arrays.fill(spill, 0, ROWS * COLS, 0.0);
            accumulateInPlaceA(pa, aAt, lda, pb, bAt, bStride, kc, spill, 0, COLS);
            MatMulKernels.writeSpill(spill, COLS, c, cAt, n, ROWS, cols, null, 0);
        }
    }

    /**
     * {@code out[at + r·stride + j] = from[fromAt + r·fromStride + j] + Σ_p A(r, p)·B(p, j)} over a whole
     * ROWS × COLS tile, with A packed (value (r, p) at {@code aAt + p·ROWS + r}) and B's row p at
     * {@code bAt + p·bStride}: the tile of this CPU's height. {@code from} is C itself (C += A·B) or one row
     * read with a stride of 0, which spares reading C at all.
     */
    private static void accumulatePacked(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc,
                                         double[] from, int fromAt, int fromStride, double[] out, int at, int stride) {
        if (TALL) {
            accumulatePacked8(pa, aAt, pb, bAt, bStride, kc, from, fromAt, fromStride, out, at, stride);
        } else {
            accumulatePacked4(pa, aAt, pb, bAt, bStride, kc, from, fromAt, fromStride, out, at, stride);
        }
    }

    /**
     * {@link #accumulatePacked} with A read in place, its rows {@code lda} apart (value (r, p) at
     * {@code aAt + r·lda + p}): separate loops so that the packed ones keep their constant strides.
     */
    private static void accumulateInPlaceA(double[] pa, int aAt, int lda, double[] pb, int bAt, int bStride, int kc,
                                           double[] out, int at, int stride) {
        if (TALL) {
            accumulateInPlaceA8(pa, aAt, lda, pb, bAt, bStride, kc, out, at, stride);
        } else {
            accumulateInPlaceA4(pa, aAt, lda, pb, bAt, bStride, kc, out, at, stride);
        }
    }

    /**
     * The 8-row packed tile: sixteen vector sums kept in registers.
     *
     * <p>Note [Vector kernels without branches]: the four {@code accumulate…4/8} methods hold every Vector API call
     * of a product, and none has a branch but its loop. The JIT compiles them apart from their callers (they are
     * too large to inline), so a branch the profile never saw, such as the first partial tile, cannot make them
     * deoptimize. A deoptimized Vector API method runs the API's Java fallback, many times slower, until C2 compiles
     * it again, which took seconds on two busy cores. Partial tiles therefore go through a zeroed spill buffer in
     * the callers, and the choice of height is a constant the JIT folds away.
     */
    private static void accumulatePacked8(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc,
                                          double[] from, int fromAt, int fromStride, double[] out, int at, int stride) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = DoubleVector.zero(SPECIES);
        DoubleVector s10 = DoubleVector.zero(SPECIES), s11 = DoubleVector.zero(SPECIES);
        DoubleVector s20 = DoubleVector.zero(SPECIES), s21 = DoubleVector.zero(SPECIES);
        DoubleVector s30 = DoubleVector.zero(SPECIES), s31 = DoubleVector.zero(SPECIES);
        DoubleVector s40 = DoubleVector.zero(SPECIES), s41 = DoubleVector.zero(SPECIES);
        DoubleVector s50 = DoubleVector.zero(SPECIES), s51 = DoubleVector.zero(SPECIES);
        DoubleVector s60 = DoubleVector.zero(SPECIES), s61 = DoubleVector.zero(SPECIES);
        DoubleVector s70 = DoubleVector.zero(SPECIES), s71 = DoubleVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bi = bAt + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bi + LANES);
            int ai = aAt + p * 8;
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[ai]);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[ai + 1]);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[ai + 2]);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[ai + 3]);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
            DoubleVector a4 = DoubleVector.broadcast(SPECIES, pa[ai + 4]);
            s40 = a4.fma(b0, s40);
            s41 = a4.fma(b1, s41);
            DoubleVector a5 = DoubleVector.broadcast(SPECIES, pa[ai + 5]);
            s50 = a5.fma(b0, s50);
            s51 = a5.fma(b1, s51);
            DoubleVector a6 = DoubleVector.broadcast(SPECIES, pa[ai + 6]);
            s60 = a6.fma(b0, s60);
            s61 = a6.fma(b1, s61);
            DoubleVector a7 = DoubleVector.broadcast(SPECIES, pa[ai + 7]);
            s70 = a7.fma(b0, s70);
            s71 = a7.fma(b1, s71);
        }
        s00.add(DoubleVector.fromArray(SPECIES, from, fromAt)).intoArray(out, at);
        s01.add(DoubleVector.fromArray(SPECIES, from, fromAt + LANES)).intoArray(out, at + LANES);
        s10.add(DoubleVector.fromArray(SPECIES, from, fromAt + fromStride)).intoArray(out, at + stride);
        s11.add(DoubleVector.fromArray(SPECIES, from, fromAt + fromStride + LANES)).intoArray(out, at + stride + LANES);
        s20.add(DoubleVector.fromArray(SPECIES, from, fromAt + 2 * fromStride)).intoArray(out, at + 2 * stride);
        s21.add(DoubleVector.fromArray(SPECIES, from, fromAt + 2 * fromStride + LANES)).intoArray(out, at + 2 * stride + LANES);
        s30.add(DoubleVector.fromArray(SPECIES, from, fromAt + 3 * fromStride)).intoArray(out, at + 3 * stride);
        s31.add(DoubleVector.fromArray(SPECIES, from, fromAt + 3 * fromStride + LANES)).intoArray(out, at + 3 * stride + LANES);
        s40.add(DoubleVector.fromArray(SPECIES, from, fromAt + 4 * fromStride)).intoArray(out, at + 4 * stride);
        s41.add(DoubleVector.fromArray(SPECIES, from, fromAt + 4 * fromStride + LANES)).intoArray(out, at + 4 * stride + LANES);
        s50.add(DoubleVector.fromArray(SPECIES, from, fromAt + 5 * fromStride)).intoArray(out, at + 5 * stride);
        s51.add(DoubleVector.fromArray(SPECIES, from, fromAt + 5 * fromStride + LANES)).intoArray(out, at + 5 * stride + LANES);
        s60.add(DoubleVector.fromArray(SPECIES, from, fromAt + 6 * fromStride)).intoArray(out, at + 6 * stride);
        s61.add(DoubleVector.fromArray(SPECIES, from, fromAt + 6 * fromStride + LANES)).intoArray(out, at + 6 * stride + LANES);
        s70.add(DoubleVector.fromArray(SPECIES, from, fromAt + 7 * fromStride)).intoArray(out, at + 7 * stride);
        s71.add(DoubleVector.fromArray(SPECIES, from, fromAt + 7 * fromStride + LANES)).intoArray(out, at + 7 * stride + LANES);
    }

    /** The 4-row packed tile: eight vector sums kept in registers. */
    private static void accumulatePacked4(double[] pa, int aAt, double[] pb, int bAt, int bStride, int kc,
                                          double[] from, int fromAt, int fromStride, double[] out, int at, int stride) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = DoubleVector.zero(SPECIES);
        DoubleVector s10 = DoubleVector.zero(SPECIES), s11 = DoubleVector.zero(SPECIES);
        DoubleVector s20 = DoubleVector.zero(SPECIES), s21 = DoubleVector.zero(SPECIES);
        DoubleVector s30 = DoubleVector.zero(SPECIES), s31 = DoubleVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bi = bAt + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bi + LANES);
            int ai = aAt + p * 4;
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[ai]);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[ai + 1]);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[ai + 2]);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[ai + 3]);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
        }
        s00.add(DoubleVector.fromArray(SPECIES, from, fromAt)).intoArray(out, at);
        s01.add(DoubleVector.fromArray(SPECIES, from, fromAt + LANES)).intoArray(out, at + LANES);
        s10.add(DoubleVector.fromArray(SPECIES, from, fromAt + fromStride)).intoArray(out, at + stride);
        s11.add(DoubleVector.fromArray(SPECIES, from, fromAt + fromStride + LANES)).intoArray(out, at + stride + LANES);
        s20.add(DoubleVector.fromArray(SPECIES, from, fromAt + 2 * fromStride)).intoArray(out, at + 2 * stride);
        s21.add(DoubleVector.fromArray(SPECIES, from, fromAt + 2 * fromStride + LANES)).intoArray(out, at + 2 * stride + LANES);
        s30.add(DoubleVector.fromArray(SPECIES, from, fromAt + 3 * fromStride)).intoArray(out, at + 3 * stride);
        s31.add(DoubleVector.fromArray(SPECIES, from, fromAt + 3 * fromStride + LANES)).intoArray(out, at + 3 * stride + LANES);
    }

    /** The 8-row tile with A read in place. */
    private static void accumulateInPlaceA8(double[] pa, int aAt, int lda, double[] pb, int bAt, int bStride, int kc,
                                            double[] out, int at, int stride) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = DoubleVector.zero(SPECIES);
        DoubleVector s10 = DoubleVector.zero(SPECIES), s11 = DoubleVector.zero(SPECIES);
        DoubleVector s20 = DoubleVector.zero(SPECIES), s21 = DoubleVector.zero(SPECIES);
        DoubleVector s30 = DoubleVector.zero(SPECIES), s31 = DoubleVector.zero(SPECIES);
        DoubleVector s40 = DoubleVector.zero(SPECIES), s41 = DoubleVector.zero(SPECIES);
        DoubleVector s50 = DoubleVector.zero(SPECIES), s51 = DoubleVector.zero(SPECIES);
        DoubleVector s60 = DoubleVector.zero(SPECIES), s61 = DoubleVector.zero(SPECIES);
        DoubleVector s70 = DoubleVector.zero(SPECIES), s71 = DoubleVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bi = bAt + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bi + LANES);
            int ai = aAt + p;
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[ai]);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[ai + lda]);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[ai + 2 * lda]);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[ai + 3 * lda]);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
            DoubleVector a4 = DoubleVector.broadcast(SPECIES, pa[ai + 4 * lda]);
            s40 = a4.fma(b0, s40);
            s41 = a4.fma(b1, s41);
            DoubleVector a5 = DoubleVector.broadcast(SPECIES, pa[ai + 5 * lda]);
            s50 = a5.fma(b0, s50);
            s51 = a5.fma(b1, s51);
            DoubleVector a6 = DoubleVector.broadcast(SPECIES, pa[ai + 6 * lda]);
            s60 = a6.fma(b0, s60);
            s61 = a6.fma(b1, s61);
            DoubleVector a7 = DoubleVector.broadcast(SPECIES, pa[ai + 7 * lda]);
            s70 = a7.fma(b0, s70);
            s71 = a7.fma(b1, s71);
        }
        s00.add(DoubleVector.fromArray(SPECIES, out, at)).intoArray(out, at);
        s01.add(DoubleVector.fromArray(SPECIES, out, at + LANES)).intoArray(out, at + LANES);
        s10.add(DoubleVector.fromArray(SPECIES, out, at + stride)).intoArray(out, at + stride);
        s11.add(DoubleVector.fromArray(SPECIES, out, at + stride + LANES)).intoArray(out, at + stride + LANES);
        s20.add(DoubleVector.fromArray(SPECIES, out, at + 2 * stride)).intoArray(out, at + 2 * stride);
        s21.add(DoubleVector.fromArray(SPECIES, out, at + 2 * stride + LANES)).intoArray(out, at + 2 * stride + LANES);
        s30.add(DoubleVector.fromArray(SPECIES, out, at + 3 * stride)).intoArray(out, at + 3 * stride);
        s31.add(DoubleVector.fromArray(SPECIES, out, at + 3 * stride + LANES)).intoArray(out, at + 3 * stride + LANES);
        s40.add(DoubleVector.fromArray(SPECIES, out, at + 4 * stride)).intoArray(out, at + 4 * stride);
        s41.add(DoubleVector.fromArray(SPECIES, out, at + 4 * stride + LANES)).intoArray(out, at + 4 * stride + LANES);
        s50.add(DoubleVector.fromArray(SPECIES, out, at + 5 * stride)).intoArray(out, at + 5 * stride);
        s51.add(DoubleVector.fromArray(SPECIES, out, at + 5 * stride + LANES)).intoArray(out, at + 5 * stride + LANES);
        s60.add(DoubleVector.fromArray(SPECIES, out, at + 6 * stride)).intoArray(out, at + 6 * stride);
        s61.add(DoubleVector.fromArray(SPECIES, out, at + 6 * stride + LANES)).intoArray(out, at + 6 * stride + LANES);
        s70.add(DoubleVector.fromArray(SPECIES, out, at + 7 * stride)).intoArray(out, at + 7 * stride);
        s71.add(DoubleVector.fromArray(SPECIES, out, at + 7 * stride + LANES)).intoArray(out, at + 7 * stride + LANES);
    }

    /** The 4-row tile with A read in place. */
    private static void accumulateInPlaceA4(double[] pa, int aAt, int lda, double[] pb, int bAt, int bStride, int kc,
                                            double[] out, int at, int stride) {
        DoubleVector s00 = DoubleVector.zero(SPECIES), s01 = DoubleVector.zero(SPECIES);
        DoubleVector s10 = DoubleVector.zero(SPECIES), s11 = DoubleVector.zero(SPECIES);
        DoubleVector s20 = DoubleVector.zero(SPECIES), s21 = DoubleVector.zero(SPECIES);
        DoubleVector s30 = DoubleVector.zero(SPECIES), s31 = DoubleVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int bi = bAt + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, bi + LANES);
            int ai = aAt + p;
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, pa[ai]);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, pa[ai + lda]);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, pa[ai + 2 * lda]);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, pa[ai + 3 * lda]);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
        }
        s00.add(DoubleVector.fromArray(SPECIES, out, at)).intoArray(out, at);
        s01.add(DoubleVector.fromArray(SPECIES, out, at + LANES)).intoArray(out, at + LANES);
        s10.add(DoubleVector.fromArray(SPECIES, out, at + stride)).intoArray(out, at + stride);
        s11.add(DoubleVector.fromArray(SPECIES, out, at + stride + LANES)).intoArray(out, at + stride + LANES);
        s20.add(DoubleVector.fromArray(SPECIES, out, at + 2 * stride)).intoArray(out, at + 2 * stride);
        s21.add(DoubleVector.fromArray(SPECIES, out, at + 2 * stride + LANES)).intoArray(out, at + 2 * stride + LANES);
        s30.add(DoubleVector.fromArray(SPECIES, out, at + 3 * stride)).intoArray(out, at + 3 * stride);
        s31.add(DoubleVector.fromArray(SPECIES, out, at + 3 * stride + LANES)).intoArray(out, at + 3 * stride + LANES);
    }


    /**
     * C(r, c) += Σ_p a[aAt + r·k + p]·b[bAt + c·k + p] for a 4 × 4 block: sixteen dot products of rows read in
     * place, one vector of sums each; the lanes are added in a fixed order through {@code sums} (16·LANES values),
     * so that the bits never depend on the JIT.
     */
    @Override
    public void dotBlock(double[] a, int aAt, double[] b, int bAt, int k, double[] c, int cAt, int n, double[] sums) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s22 = s00;
        DoubleVector s23 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        DoubleVector s32 = s00;
        DoubleVector s33 = s00;
        int p = 0;
        for (; p <= k - LANES; p += LANES) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bAt + p);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bAt + k + p);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, bAt + 2 * k + p);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, b, bAt + 3 * k + p);
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, aAt + p);
            s00 = a0.fma(b0, s00);
            s01 = a0.fma(b1, s01);
            s02 = a0.fma(b2, s02);
            s03 = a0.fma(b3, s03);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, aAt + k + p);
            s10 = a1.fma(b0, s10);
            s11 = a1.fma(b1, s11);
            s12 = a1.fma(b2, s12);
            s13 = a1.fma(b3, s13);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, a, aAt + 2 * k + p);
            s20 = a2.fma(b0, s20);
            s21 = a2.fma(b1, s21);
            s22 = a2.fma(b2, s22);
            s23 = a2.fma(b3, s23);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, a, aAt + 3 * k + p);
            s30 = a3.fma(b0, s30);
            s31 = a3.fma(b1, s31);
            s32 = a3.fma(b2, s32);
            s33 = a3.fma(b3, s33);
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, LANES);
        s02.intoArray(sums, 2 * LANES);
        s03.intoArray(sums, 3 * LANES);
        s10.intoArray(sums, 4 * LANES);
        s11.intoArray(sums, 5 * LANES);
        s12.intoArray(sums, 6 * LANES);
        s13.intoArray(sums, 7 * LANES);
        s20.intoArray(sums, 8 * LANES);
        s21.intoArray(sums, 9 * LANES);
        s22.intoArray(sums, 10 * LANES);
        s23.intoArray(sums, 11 * LANES);
        s30.intoArray(sums, 12 * LANES);
        s31.intoArray(sums, 13 * LANES);
        s32.intoArray(sums, 14 * LANES);
        s33.intoArray(sums, 15 * LANES);
        MatMulKernels.addDotBlock(a, aAt, b, bAt, k, p, c, cAt, n, sums, LANES);
    }

    /**
     * Two vector sums of fused multiply-adds, their lanes added in a fixed order, then the scalar tail. Not
     * {@code reduceLanes(ADD)}: its order of additions is unspecified for doubles, and the interpreted and compiled
     * forms differ, so one JVM could give two results for the same product.
     */
    @Override
    public double dot(double[] a, int aAt, double[] b, int bAt, int k) {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = DoubleVector.zero(SPECIES);
        int p = 0;
        for (; p + 2 * LANES <= k; p += 2 * LANES) {
            s0 = DoubleVector.fromArray(SPECIES, a, aAt + p).fma(DoubleVector.fromArray(SPECIES, b, bAt + p), s0);
            s1 = DoubleVector.fromArray(SPECIES, a, aAt + p + LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bAt + p + LANES), s1);
        }
        DoubleVector both = s0.add(s1);
        double sum = 0;
        for (int lane = 0; lane < LANES; lane++) sum += both.lane(lane);
        for (; p < k; p++) sum += a[aAt + p] * b[bAt + p];
        return sum;
    }
}
