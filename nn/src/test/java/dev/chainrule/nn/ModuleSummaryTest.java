package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.norm.BatchNorm1d;
import dev.chainrule.nn.transformer.MultiheadAttention;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModuleSummaryTest {
    /** An element-wise affine map with its own parameters and no describe() of its own. */
    private static final class Scale extends Module {
        private final Tensor gain = registerParameter("gain", Tensor.ones(4));
        private final Tensor shift = registerParameter("shift", Tensor.zeros(4));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(gain).add(shift);
        }
    }

    /** A custom module that calls one child directly and runs a Sequential. */
    private static final class Encoder extends Module {
        private final Linear input;
        private final Sequential body;
        private final Scale scale;

        Encoder(Random random) {
            input = registerModule("input", new Linear(3, 4, random));
            body = registerModule("body", new Sequential(new Tanh(), new Linear(4, 4, random)));
            scale = registerModule("scale", new Scale());
        }

        @Override
        public Tensor forward(Tensor x) {
            return scale.forward(body.forward(input.forward(x)));
        }
    }

    @Test
    void aSequentialShowsEachLayersOutputShapeAndParameterCount() {
        Random random = new Random(0);
        Sequential net = new Sequential(new Linear(64, 32, random), new ReLU(), new Linear(32, 10, random));
        assertEquals("""
                Layer   Type        Output shape  Parameters  Trained
                -----------------------------------------------------
                (root)  Sequential  [1, 10]            2,410  yes
                  0     Linear      [1, 32]            2,080  yes
                  1     ReLU        [1, 32]                0
                  2     Linear      [1, 10]              330  yes
                -----------------------------------------------------
                Input: zeros of shape [1, 64]
                Parameters: 2,410 (trained 2,410, frozen 0)""", net.summary(1, 64).toString());
    }

    @Test
    void aCustomModuleShowsWhatItCanObserveAndCountsEverything() {
        Encoder encoder = new Encoder(new Random(0));
        ModuleSummary summary = encoder.summary(2, 3);
        List<String> paths = summary.rows().stream().map(ModuleSummary.Row::path).toList();
        assertEquals(List.of("", "input", "body", "body.0", "body.1", "scale"), paths);
        assertArrayEquals(new int[] {2, 4}, summary.rows().get(0).outputShapes().get(0));
        assertFalse(summary.rows().get(1).observed(), "called directly by Encoder.forward");
        assertArrayEquals(new int[] {2, 4}, summary.rows().get(2).outputShapes().get(0), "a Sequential records itself");
        assertArrayEquals(new int[] {2, 4}, summary.rows().get(3).outputShapes().get(0), "run by the Sequential");
        assertArrayEquals(new int[] {2, 4}, summary.rows().get(4).outputShapes().get(0));
        assertEquals(List.of(16L, 20L, 0L, 20L, 8L), summary.rows().stream().skip(1)
                .map(ModuleSummary.Row::parameters).toList());
        assertEquals(44, summary.parameters());
        assertEquals("Scale", summary.rows().get(5).type());
        String table = summary.toString();
        assertTrue(table.contains("\n    body.1  Linear      [2, 4]                20  yes\n"), table);
        assertTrue(table.contains("\n  input     Linear      -                     16  yes\n"), table);
        assertTrue(table.endsWith("\n-: output not observed (a sub-module its owner's forward calls directly)"), table);
    }

    @Test
    void frozenParametersAreCountedApartAndASharedOneOnce() {
        Random random = new Random(0);
        Linear shared = new Linear(2, 2, random);
        Linear frozen = new Linear(2, 2, random);
        frozen.weight().requiresGrad(false);
        Sequential net = new Sequential(shared, frozen, shared);
        ModuleSummary summary = net.summary(5, 2);
        assertEquals(12, summary.parameters(), "the shared layer's 6 elements count once");
        assertEquals(8, summary.trainedParameters());
        String table = summary.toString();
        assertTrue(table.contains("\n  0     Linear      [5, 2] (x2)            6  yes\n"), table);
        assertTrue(table.contains("\n  1     Linear      [5, 2]                 6  partly\n"), table);
        assertTrue(table.endsWith("\nParameters: 12 (trained 8, frozen 4)"), table);
    }

    @Test
    void thePassRunsInEvaluationModeWithoutAGraphAndRestoresEachModulesMode() {
        BatchNorm1d norm = new BatchNorm1d(3);
        Dropout dropout = new Dropout(0.5, 0);
        Sequential net = new Sequential(norm, dropout);
        dropout.eval();
        Tensor before = norm.stateDict().get("running_mean");
        double[] meanBefore = before.toArray();
        Tensor example = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        ModuleSummary summary = net.summary(example);
        assertEquals("an example of shape [2, 3]", summary.input());
        assertArrayEquals(meanBefore, norm.stateDict().get("running_mean").toArray(), 0.0,
                "BatchNorm's running statistics did not move");
        assertEquals(0.0, norm.stateDict().get("num_batches_tracked").item());
        assertTrue(net.isTraining());
        assertTrue(norm.isTraining());
        assertFalse(dropout.isTraining(), "a module in evaluation mode before stays so");
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void aModuleOfSeveralInputsIsSummarisedThroughAGivenPass() {
        Random random = new Random(0);
        var attention = new MultiheadAttention(8, 2, MultiheadAttention.Options.of().withBatchFirst(true), random);
        Tensor query = Tensor.zeros(2, 5, 8);
        Tensor memory = Tensor.zeros(2, 7, 8);
        ModuleSummary summary = ModuleSummary.of(attention, m -> m.forward(query, memory, memory).output());
        assertArrayEquals(new int[] {2, 5, 8}, summary.rows().get(0).outputShapes().get(0));
        assertEquals(attention.numParameters(), summary.parameters());
        assertEquals("the forward pass given", summary.input());
    }

    @Test
    void aFailingPassNamesTheInputAndTheLayersError() {
        Sequential net = new Sequential(new Linear(3, 2, new Random(0)));
        var error = assertThrows(IllegalArgumentException.class, () -> net.summary(4, 5));
        assertTrue(error.getMessage().startsWith("summary: the forward pass of Sequential on zeros of shape [4, 5] "
                + "failed: "), error.getMessage());
        assertInstanceOf(RuntimeException.class, error.getCause());
        assertEquals("summary: inputShape [4, -1] has a negative dimension",
                assertThrows(IllegalArgumentException.class, () -> net.summary(4, -1)).getMessage());
        assertTrue(net.isTraining(), "the mode is restored after a failure");
    }

    @Test
    void aCustomModulesToStringShowsItsParameterShapes() {
        assertEquals("Scale(gain=[4], shift=[4])", new Scale().toString());
        assertEquals("""
                Encoder(
                  (input): Linear(in=3, out=4, bias=true)
                  (body): Sequential(
                    (0): Tanh()
                    (1): Linear(in=4, out=4, bias=true)
                  )
                  (scale): Scale(gain=[4], shift=[4])
                )""", new Encoder(new Random(0)).toString());
    }

    /** A module with its own parameter and a child: the parameter shapes come first, as PyTorch's extra_repr. */
    private static final class Gated extends Module {
        private final Tensor gate = registerParameter("gate", Tensor.zeros(2, 3));
        private final Linear inner = registerModule("inner", new Linear(3, 2, new Random(0)));

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x).mul(gate.sigmoid());
        }
    }

    @Test
    void aModuleWithParametersAndChildrenPrintsItsShapesOnTheFirstLine() {
        assertEquals("""
                Gated(
                  gate=[2, 3]
                  (inner): Linear(in=3, out=2, bias=true)
                )""", new Gated().toString());
    }
}
