package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void theBundledDigitsAreScikitLearnsSeventeenHundredImages() {
        Dataset digits = Datasets.digits();
        assertArrayEquals(new int[] {1797, 64}, digits.features().shape());
        int[] perClass = new int[10];
        for (int label : digits.labels()) perClass[label]++;
        // scikit-learn's load_digits: np.bincount(target)
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, perClass);
        double[] pixels = digits.features().toArray();
        assertEquals(0.0, Arrays.stream(pixels).min().orElseThrow());
        assertEquals(1.0, Arrays.stream(pixels).max().orElseThrow());
        assertEquals(0, digits.labels()[0]);
        // the first image's top row, as scikit-learn's images[0][0] / 16: 0 0 5 13 9 1 0 0
        assertArrayEquals(new double[] {0, 0, 5 / 16.0, 13 / 16.0, 9 / 16.0, 1 / 16.0, 0, 0},
                Arrays.copyOf(pixels, 8));
    }
}
