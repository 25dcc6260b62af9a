package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    // Column 0: 1, 3 (mean 2, std 1); column 1: 10, 30 (mean 20, std 10); column 2 constant 5.
    private static final Tensor TRAIN = Tensor.of(new double[][] {{1, 10, 5}, {3, 30, 5}});

    @Test
    void fitsPopulationMeanAndStandardDeviation() {
        Standardizer standardizer = Standardizer.fit(TRAIN);
        assertArrayEquals(new double[] {2, 20, 5}, standardizer.mean().toArray());
        assertArrayEquals(new double[] {1, 10, 1}, standardizer.scale().toArray());
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1, 0}, standardizer.transform(TRAIN).toArray());
    }

    @Test
    void transformsOtherDataWithTheTrainingStatistics() {
        Standardizer standardizer = Standardizer.fit(TRAIN);
        Tensor test = Tensor.of(new double[][] {{4, 0, 6}});
        assertArrayEquals(new double[] {2, -2, 1}, standardizer.transform(test).toArray());
        assertArrayEquals(test.toArray(), standardizer.inverseTransform(standardizer.transform(test)).toArray());
    }

    @Test
    void constantFeaturesMapToZeroWithoutDividingByZero() {
        Tensor constant = Tensor.full(3, 4, 2);
        assertArrayEquals(new double[8], Standardizer.fit(constant).transform(constant).toArray());
    }

    @Test
    void transformsDatasetsKeepingLabels() {
        Dataset data = Dataset.ofLabels(TRAIN, new int[] {1, 0});
        Dataset scaled = Standardizer.fit(TRAIN).transform(data);
        assertArrayEquals(new int[] {1, 0}, scaled.labels());
        assertEquals(-1, scaled.features().get(0, 0));
    }

    @Test
    void oneDimensionalFeaturesHaveOneScalarFeature() {
        Standardizer standardizer = Standardizer.fit(Tensor.of(new double[] {2, 4, 6}));
        assertEquals(0, standardizer.mean().dim());
        assertEquals(4, standardizer.mean().item());
        assertArrayEquals(new double[] {0}, standardizer.transform(Tensor.of(new double[] {4})).toArray());
    }

    @Test
    void rejectsEmptyNonFiniteAndMismatchedInputs() {
        var empty = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(0, 3)));
        assertEquals("Standardizer.fit: needs at least one row, got shape [0, 3]", empty.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(Tensor.of(new double[][] {{1, 2}, {Double.NaN, 4}})));
        assertEquals("Standardizer.fit: feature 0 of row 1 is NaN; remove or impute non-finite values first",
                nan.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(TRAIN).transform(Tensor.zeros(2, 2)));
        assertEquals("Standardizer.transform: features of shape [2, 2] do not match the fitted feature shape [3]"
                + " (after the row axis)", shape.getMessage());
    }
}
