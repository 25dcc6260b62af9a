package dev.chainrule.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters travel as one vector in the module's named-parameter order; gradients land back exactly. */
class TensorLayoutTest {
    @Test
    void aModuleFlattensInRegistrationOrderAndComesBackUnchanged() {
        Module model = TestData.model().create();
        TensorLayout layout = TensorLayout.of(model.namedParameters());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), layout.names());
        assertEquals(6 * 16 + 16 + 16 * 3 + 3, layout.size());
        assertEquals(6 * 16, layout.offset(1));
        assertEquals(java.util.Arrays.toString(model.namedParameters().get("2.weight").shape()),
                java.util.Arrays.toString(layout.shape(2)));
        LinkedHashMap<String, Tensor> two = new LinkedHashMap<>();
        two.put("w", Tensor.zeros(2, 3));
        two.put("b", Tensor.zeros(3));
        assertEquals("[w [2, 3], b [3]] (9 values)", TensorLayout.of(two).toString());
        double[] flat = layout.flatten(model.namedParameters());
        assertArrayEquals(model.namedParameters().get("0.weight").toArray(), java.util.Arrays.copyOf(flat, 96), 0.0);
        Module other = TestData.model().create();
        try (var off = dev.chainrule.autograd.Autograd.noGrad()) {
            other.namedParameters().get("2.bias").fill(5.0);
        }
        other.loadStateDict(layout.unflatten(flat));
        TestData.assertSameBits(flat, layout.flatten(other.namedParameters()), "round trip");
        // a map in another order flattens into the layout's order
        LinkedHashMap<String, Tensor> reversed = new LinkedHashMap<>();
        List<String> names = layout.names();
        for (int i = names.size() - 1; i >= 0; i--) reversed.put(names.get(i), model.namedParameters().get(names.get(i)));
        TestData.assertSameBits(flat, layout.flatten(reversed), "any map order");
    }

    @Test
    void mismatchedTensorsAreRefusedByName() {
        TensorLayout layout = TensorLayout.of(new LinkedHashMap<>(Map.of("w", Tensor.zeros(2, 3))));
        assertEquals("TensorLayout: the tensors do not match the layout: missing [w], unexpected [v]",
                assertThrows(IllegalArgumentException.class, () -> layout.flatten(Map.of("v", Tensor.zeros(2, 3)))).getMessage());
        assertEquals("TensorLayout: w has shape [3, 2] but the layout says [2, 3]",
                assertThrows(IllegalArgumentException.class, () -> layout.flatten(Map.of("w", Tensor.zeros(3, 2)))).getMessage());
        assertEquals("TensorLayout.unflatten: a vector of 5 values for a layout of 6 ([w [2, 3]] (6 values))",
                assertThrows(IllegalArgumentException.class, () -> layout.unflatten(new double[5])).getMessage());
        assertEquals("w[4]", StepMath.element(layout, 4));
    }

    @Test
    void theDriverSetsGradientsExactlyIncludingSignedZerosAndSubnormals() {
        Module model = TestData.model().create();
        TensorLayout layout = TensorLayout.of(model.namedParameters());
        double[] gradient = new double[layout.size()];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < gradient.length; i++) gradient[i] = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        gradient[0] = -0.0;
        gradient[1] = Double.MIN_VALUE;
        gradient[2] = -Double.MAX_VALUE;
        StepMath.setGradients(model, layout, gradient);
        TestData.assertSameBits(gradient, layout.flattenGradients(model.namedParameters()), "gradients");
        StepMath.setGradients(model, layout, new double[layout.size()]);
        TestData.assertSameBits(new double[layout.size()], layout.flattenGradients(model.namedParameters()), "replaced");
    }

    @Test
    void miniBatchesDependOnSeedStepAndBlockOnly() {
        int[] batch = Sampling.positions(7, 3, 2, 100, 10);
        assertArrayEquals(batch, Sampling.positions(7, 3, 2, 100, 10));
        assertEquals(10, batch.length);
        assertEquals(10, java.util.Arrays.stream(batch).distinct().count());
        for (int i = 1; i < batch.length; i++) assertEquals(true, batch[i - 1] < batch[i], "ascending");
        assertEquals(false, java.util.Arrays.equals(batch, Sampling.positions(7, 4, 2, 100, 10)), "next step differs");
        assertEquals(false, java.util.Arrays.equals(batch, Sampling.positions(7, 3, 3, 100, 10)), "next block differs");
        assertEquals(false, java.util.Arrays.equals(batch, Sampling.positions(8, 3, 2, 100, 10)), "next seed differs");
        assertArrayEquals(new int[] {0, 1, 2}, Sampling.positions(7, 3, 2, 3, 10), "small blocks give all rows");
        assertArrayEquals(new int[] {0, 1, 2}, Sampling.positions(7, 3, 2, 3, 0), "0 means whole blocks");
        assertArrayEquals(new int[0], Sampling.positions(7, 3, 2, 0, 4), "an empty block gives an empty batch");
    }

    @Test
    void rowsGoToBlocksByTheirNumber() {
        assertEquals(3, Rows.blockOf(11, 4));
        assertEquals(2, Rows.positionOf(11, 4));
        assertEquals(11, Rows.inputRowOf(3, 2, 4));
        assertEquals("BlockData: block 3, row 2 (row 11 of the input, line 12 of f.csv): label -1 is outside [0, 3)",
                assertThrows(BadRowException.class, () -> Rows.check(11, 4, "line 12 of f.csv", new double[] {1}, 1, -1, 3))
                        .getMessage());
    }
}
