package dev.chainrule.autograd.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatMulKernelsProperties {

    @Property(tries = 150, seed = "20261126")
    void everyLayoutMatchesTheTextbookProduct(@ForAll @IntRange(min = 1, max = 40) int m,
                                              @ForAll @IntRange(min = 1, max = 300) int k,
                                              @ForAll @IntRange(min = 1, max = 40) int n,
                                              @ForAll boolean transA, @ForAll boolean transB,
                                              @ForAll Random random) {
        assertMatchesReference(m, k, n, transA, transB, random);
    }

    /**
     * Reading B in place and packing its columns through a packer change where the tile finds its operands, not the
     * arithmetic: the same bits as the packed product of the same arrays.
     */
    @Property(tries = 100, seed = "20261203")
    void bInPlaceAndPackersGiveThePackedProductsBits(@ForAll @IntRange(min = 4, max = 9) int m,
                                                    @ForAll @IntRange(min = 150, max = 600) int k,
                                                    @ForAll @IntRange(min = 16, max = 70) int n,
                                                    @ForAll Random random) {
        net.jqwik.api.Assume.that(MatMulKernels.packs(m, k, n));
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = random.nextGaussian();
        double[] packed = new double[m * n];
        MatMulKernels.matmul(a, 0, false, b, 0, false, packed, 0, m, k, n, false);
        double[] inPlace = new double[m * n];
        MatMulKernels.matmulInPlaceB(MatMulKernels.rowsOf(a, 0, false, m, k), b, 0, inPlace, 0, m, k, n);
        org.junit.jupiter.api.Assertions.assertArrayEquals(packed, inPlace, "B read in place");
        double[] packers = new double[m * n];
        MatMulKernels.matmul(MatMulKernels.rowsOf(a, 0, false, m, k), MatMulKernels.panelsOf(b, 0, false, k, n),
                packers, 0, m, k, n, false);
        org.junit.jupiter.api.Assertions.assertArrayEquals(packed, packers, "packers");
    }

    /** Reading A in place gives the bits of the packed product with B read transposed (a weight gradient's shape). */
    @Property(tries = 100, seed = "20261204")
    void aInPlaceGivesThePackedProductsBits(@ForAll @IntRange(min = 4, max = 160) int m,
                                            @ForAll @IntRange(min = 120, max = 800) int k,
                                            @ForAll @IntRange(min = 1, max = 16) int n,
                                            @ForAll Random random) {
        net.jqwik.api.Assume.that(MatMulKernels.packs(m, k, n));
        double[] a = new double[m * k];
        double[] b = new double[n * k];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = random.nextGaussian();
        double[] packed = new double[m * n];
        MatMulKernels.matmul(MatMulKernels.rowsOf(a, 0, false, m, k), MatMulKernels.panelsOf(b, 0, true, k, n),
                packed, 0, m, k, n, false);
        double[] inPlace = new double[m * n];
        MatMulKernels.matmulInPlaceA(a, 0, MatMulKernels.panelsOf(b, 0, true, k, n), inPlace, 0, m, k, n);
        org.junit.jupiter.api.Assertions.assertArrayEquals(packed, inPlace, "A read in place");
    }

    /**
     * A product set into C, into zeros or onto a row (a linear layer's bias, whatever C held), stores its first
     * block of k instead of adding it: the bits of filling C and adding the product, over several blocks of k, and
     * nothing written outside its m·n values.
     */
    @Property(tries = 150, seed = "20261205")
    void productSetIntoCGivesTheAddedProductsBits(@ForAll @IntRange(min = 1, max = 40) int m,
                                                  @ForAll @IntRange(min = 1, max = 600) int k,
                                                  @ForAll @IntRange(min = 1, max = 70) int n,
                                                  @ForAll boolean transA, @ForAll boolean transB,
                                                  @ForAll boolean fromRow, @ForAll @IntRange(min = 0, max = 3) int offset,
                                                  @ForAll Random random) {
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] row = new double[n];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = random.nextGaussian();
        for (int j = 0; j < n; j++) row[j] = fromRow ? random.nextGaussian() : 0;
        double[] added = new double[offset + m * n + 2];
        java.util.Arrays.fill(added, 5);                            // outside C: must stay 5
        for (int i = 0; i < m; i++) System.arraycopy(row, 0, added, offset + i * n, n);
        double[] set = new double[added.length];
        java.util.Arrays.fill(set, 5);
        java.util.Arrays.fill(set, offset, offset + m * n, fromRow ? Double.NaN : 0);    // NaN: overwritten
        MatMulKernels.matmul(a, 0, transA, b, 0, transB, added, offset, m, k, n);
        if (fromRow) {
            MatMulKernels.matmulOnto(row, a, 0, transA, b, 0, transB, set, offset, m, k, n);
        } else {
            MatMulKernels.matmulInto(a, 0, transA, b, 0, transB, set, offset, m, k, n);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(added, set);
    }

    @Test
    void aRowShorterThanCIsRejected() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MatMulKernels.matmulOnto(new double[2], new double[6], 0, false, new double[9], 0, false,
                        new double[6], 0, 2, 3, 3));
        assertEquals("matmulOnto: a row of 2 values cannot start 3 columns", error.getMessage());
    }

    @Test
    void largeProductsSplitOverThreadsMatchTheTextbookProduct() {
        Random random = new Random(3);
        assertMatchesReference(131, 290, 67, false, false, random);
        assertMatchesReference(131, 290, 67, true, true, random);
        assertMatchesReference(64, 513, 9, true, false, random);
        assertMatchesReference(50, 700, 131, false, true, random);     // rows of A·Bᵀ as dot products, split
        assertMatchesReference(300, 1, 1000, true, false, random);     // an outer product, its rows split
    }

    @Test
    void offsetsSelectOneMatrixOfABatch() {
        double[] a = {9, 9, 1, 2, 3, 4};      // [skip 2] then [[1, 2], [3, 4]]
        double[] b = {5, 6, 7, 8};
        double[] c = {-1, 0, 0, 0, 0};
        MatMulKernels.matmul(a, 2, false, b, 0, false, c, 1, 2, 2, 2);
        assertEquals(-1, c[0]);
        assertEquals(19, c[1]);
        assertEquals(22, c[2]);
        assertEquals(43, c[3]);
        assertEquals(50, c[4]);
    }

    private static void assertMatchesReference(int m, int k, int n, boolean transA, boolean transB, Random random) {
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = random.nextGaussian();
        double[] c = new double[m * n];
        MatMulKernels.matmul(a, 0, transA, b, 0, transB, c, 0, m, k, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
                assertEquals(expected, c[i * n + j], 1e-12 * (1 + Math.abs(expected)) * k,
                        "C[" + i + ", " + j + "] of [" + m + ", " + k + "]·[" + k + ", " + n + "], transA="
                                + transA + ", transB=" + transB);
            }
        }
    }
}
