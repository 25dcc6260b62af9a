package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void oneHotPutsAOneInTheLabelsColumn() {
        Tensor encoded = Labels.oneHot(new int[] {2, 0, 1}, 3);
        assertArrayEquals(new int[] {3, 3}, encoded.shape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, encoded.toArray());
        assertArrayEquals(new int[] {0, 4}, Labels.oneHot(new int[0], 4).shape());
    }

    @Test
    void oneHotRejectsLabelsOutOfRange() {
        var error = assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(new int[] {0, 3}, 3));
        assertEquals("oneHot: label 3 at position 1 is outside [0, 3)", error.getMessage());
        var classes = assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(new int[] {0}, 0));
        assertEquals("oneHot: classes must be at least 1, got 0", classes.getMessage());
    }

    @Test
    void numClassesIsTheLargestLabelPlusOne() {
        assertEquals(5, Labels.numClasses(new int[] {1, 4, 0}));
        assertEquals(0, Labels.numClasses(new int[0]));
    }
}
