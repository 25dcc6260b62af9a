package dev.chainrule.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // actual:    0 0 0 0 0 0 1 1 1 1
    // predicted: 0 0 0 0 0 1 1 1 1 1
    private static final ConfusionMatrix MATRIX = ConfusionMatrix.of(2,
            new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});

    @Test
    void countsActualAgainstPredicted() {
        assertArrayEquals(new long[][] {{5, 1}, {0, 4}}, MATRIX.counts());
        assertEquals(10, MATRIX.total());
        assertEquals(0.9, MATRIX.accuracy());
    }

    @Test
    void precisionRecallAndF1PerClass() {
        assertEquals(1.0, MATRIX.precision(0));
        assertEquals(0.8, MATRIX.precision(1));
        assertEquals(5.0 / 6, MATRIX.recall(0));
        assertEquals(1.0, MATRIX.recall(1));
        assertEquals(2 * 0.8 / 1.8, MATRIX.f1(1), 1e-15);
    }

    @Test
    void undefinedRatiosAreNaN() {
        ConfusionMatrix matrix = ConfusionMatrix.of(3, new int[] {0, 1}, new int[] {0, 0});
        assertEquals(Double.NaN, matrix.precision(2));
        assertEquals(Double.NaN, matrix.recall(2));
        assertEquals(0.0, matrix.recall(1));
        assertEquals(0.5, matrix.precision(0));
    }

    @Test
    void printsAnAlignedTable() {
        String expected = """
                actual\\predicted     0     1 recall
                               0     5     1  0.833
                               1     0     4  1.000
                       precision 1.000 0.800
                """;
        assertEquals(expected, MATRIX.toString());
    }

    @Test
    void buildsFromScoresByArgmax() {
        Tensor scores = Tensor.of(new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}});
        assertEquals(ConfusionMatrix.of(2, new int[] {0, 1, 1}, new int[] {0, 1, 0}),
                ConfusionMatrix.of(scores, new int[] {0, 1, 1}));
    }

    @Test
    void rejectsMismatchedOrOutOfRangeInputs() {
        var length = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(2, new int[] {0, 1}, new int[] {0}));
        assertEquals("ConfusionMatrix.of: 2 actual labels but 1 predictions", length.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(2, new int[] {0, 2}, new int[] {0, 1}));
        assertEquals("ConfusionMatrix.of (actual): label 2 at position 1 is outside [0, 2)", range.getMessage());
    }

    @Test
    void accessorsRejectClassIndicesOutsideTheRangeNamingTheMethod() {
        ConfusionMatrix matrix = ConfusionMatrix.of(3, new int[] {0, 1, 2}, new int[] {0, 2, 2});
        assertEquals("ConfusionMatrix.count: actual class 3 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> matrix.count(3, 0)).getMessage());
        assertEquals("ConfusionMatrix.count: predicted class -1 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> matrix.count(0, -1)).getMessage());
        assertEquals("ConfusionMatrix.precision: class 5 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> matrix.precision(5)).getMessage());
        assertEquals("ConfusionMatrix.recall: class -2 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> matrix.recall(-2)).getMessage());
        assertEquals("ConfusionMatrix.f1: class 3 is outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> matrix.f1(3)).getMessage());
    }
}
