package dev.chainrule.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.optim.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    private static final Tensor IDS = Tensor.of(new double[] {3, 1, 4, 1, 0, 3}, 2, 3);

    @Test
    void looksUpRowsForIndicesOfAnyShape() {
        Embedding table = new Embedding(5, 2, new Random(0));
        Tensor out = table.forward(IDS);
        assertArrayEquals(new int[] {2, 3, 2}, out.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                int id = (int) IDS.get(i, j);
                assertEquals(table.weight().get(id, 1), out.get(i, j, 1));
            }
        }
        assertArrayEquals(new int[] {2}, table.forward(Tensor.scalar(2)).shape());
    }

    @Test
    void aRowLookedUpTwiceGetsTheSumOfBothGradients() {
        Embedding table = new Embedding(5, 2, new Random(0));
        table.forward(IDS).sum().backward();
        assertArrayEquals(new double[] {1, 1, 2, 2, 0, 0, 2, 2, 1, 1}, table.weight().grad().toArray());
    }

    @Test
    void thePaddingRowStartsAtZeroAndGetsNoGradient() {
        Embedding table = new Embedding(5, 2, 1, new Random(0));
        assertArrayEquals(new double[] {0, 0}, table.weight().slice(0, 1, 2).toArray());
        table.forward(IDS).mul(3).sum().backward();
        assertArrayEquals(new double[] {3, 3, 0, 0, 0, 0, 6, 6, 3, 3}, table.weight().grad().toArray());
    }

    @Test
    void aNegativePaddingIndexCountsFromTheEnd() {
        Embedding table = new Embedding(5, 2, -1, new Random(0));
        assertArrayEquals(new double[] {0, 0}, table.weight().slice(0, 4, 5).toArray());
        assertTrue(table.toString().contains("paddingIdx=4"), table.toString());
    }

    @Test
    void fromPretrainedCopiesTheTableAndIsFrozenByDefault() {
        Tensor weights = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Embedding frozen = Embedding.fromPretrained(weights);
        assertArrayEquals(new double[] {5, 6, 1, 2}, frozen.forward(Tensor.of(new double[] {2, 0})).toArray());
        assertFalse(frozen.weight().requiresGrad());
        assertEquals(List.of("weight"), List.copyOf(frozen.stateDict().keySet()));

        Embedding trained = Embedding.fromPretrained(weights, false, 0);
        assertArrayEquals(new double[] {1, 2}, trained.weight().slice(0, 0, 1).toArray(), "padding row kept");
        trained.forward(Tensor.of(new double[] {0, 2})).sum().backward();
        new SGD(trained.parameters(), 1.0).step();
        assertArrayEquals(new double[] {1, 2, 3, 4, 4, 5}, trained.weight().toArray());
        weights.fill(0);
        assertEquals(5, frozen.weight().get(2, 0), "a copy, not the caller's tensor");
    }

    @Test
    void theSameSeedGivesTheSameTableAndItIsStandardNormal() {
        Tensor a = new Embedding(200, 50, new Random(7)).weight();
        assertArrayEquals(a.toArray(), new Embedding(200, 50, new Random(7)).weight().toArray());
        assertEquals(0, a.mean().item(), 0.05);
        assertEquals(1, a.std().item(), 0.05);
    }

    @Test
    void fitsInSequentialAsTheFirstLayer() {
        var model = new Sequential(new Embedding(5, 2, new Random(0)), new dev.chainrule.nn.Flatten());
        assertArrayEquals(new int[] {2, 6}, model.forward(IDS).shape());
    }

    @Test
    void anIndexOutsideTheTableNamesTheIndexItsPositionAndTheTableSize() {
        Embedding table = new Embedding(5, 2, new Random(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> table.forward(Tensor.of(new double[] {0, 1, 2, 3, 5, 1}, 2, 3)));
        assertEquals("Embedding(5, 2): index 5 at position [1, 1] is out of range [0, 5) for a table of 5 rows",
                e.getMessage());
        var fraction = assertThrows(IllegalArgumentException.class, () -> table.forward(Tensor.of(new double[] {1.5})));
        assertEquals("Embedding(5, 2): index 1.5 at position [0] is not a whole number; indices are whole numbers in"
                + " [0, 5) for a table of 5 rows",
                fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.forward(Tensor.of(new double[] {-1})));
        assertEquals("Embedding(5, 2): index -1 at position [2] is out of range [0, 5) for a table of 5 rows",
                assertThrows(IllegalArgumentException.class, () -> table.forward(0, 4, -1)).getMessage());
    }

    @Test
    void idsAsAnIntArrayLookUpTheSameRowsAsAWholeNumberTensor() {
        Embedding table = new Embedding(5, 3, 1, new Random(2));
        Tensor fromInts = table.forward(4, 1, 4);
        Tensor fromTensor = table.forward(Tensor.of(new double[] {4, 1, 4}));
        assertArrayEquals(fromTensor.shape(), fromInts.shape());
        assertArrayEquals(fromTensor.toArray(), fromInts.toArray());
        fromInts.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOfRange(table.weight().grad().toArray(), 3, 6),
                "the padding row 1 gets no gradient");
    }

    @Test
    void badSizesAndPaddingIndicesAreRefusedWithTheirValues() {
        assertEquals("Embedding: sizes must be positive, got numEmbeddings=0, embeddingDim=3",
                assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 3, new Random(0))).getMessage());
        assertEquals("Embedding: paddingIdx 5 is outside the table of 5 rows",
                assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, 5, new Random(0))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Embedding.fromPretrained(Tensor.zeros(3)));
    }
}
