package dev.chainrule.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Tensor LOGITS = Tensor.of(new double[][] {{2, 1, 0}, {0, 5, 1}, {3, 3, 0}, {0, 0, 9}});

    @Test
    void predictionsAreTheArgmaxWithTheFirstIndexOnTies() {
        assertArrayEquals(new int[] {0, 1, 0, 2}, Metrics.predictions(LOGITS));
    }

    @Test
    void accuracyIsTheShareOfRowsWhoseArgmaxIsTheLabel() {
        assertEquals(0.75, Metrics.accuracy(LOGITS, new int[] {0, 1, 1, 2}));
        assertEquals(3, Metrics.countCorrect(LOGITS, new int[] {0, 1, 1, 2}));
    }

    @Test
    void binaryAccuracyThresholdsProbabilitiesAtOneHalf() {
        Tensor probabilities = Tensor.of(new double[] {0.9, 0.5, 0.2, 0.51}, 4, 1);
        assertEquals(1.0, Metrics.binaryAccuracy(probabilities, new int[] {1, 0, 0, 1}));
        assertEquals(0.5, Metrics.binaryAccuracy(Tensor.of(new double[] {0.9, 0.1}), new int[] {0, 0}));
    }

    @Test
    void countCorrectAutoChoosesTheRuleByShape() {
        assertEquals(3, Metrics.countCorrectAuto(LOGITS, new int[] {0, 1, 1, 2}));
        assertEquals(2, Metrics.countCorrectAuto(Tensor.of(new double[] {0.7, 0.2}, 2, 1), new int[] {1, 0}));
    }

    @Test
    void errorsNameTheMethodAndTheValues() {
        var rows = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(LOGITS, new int[] {0, 1}));
        assertEquals("accuracy: output of shape [4, 3] does not have one row per label (2 labels)", rows.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(LOGITS, new int[] {0, 1, 3, 0}));
        assertEquals("accuracy: label 3 at position 2 is outside [0, 3)", label.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> Metrics.binaryAccuracy(Tensor.zeros(2, 2), new int[] {0, 1}));
        assertEquals("binaryAccuracy: probabilities need shape [N, 1] or [N], got [2, 2]", shape.getMessage());
        var binaryLabel = assertThrows(IllegalArgumentException.class,
                () -> Metrics.binaryAccuracy(Tensor.zeros(1, 1), new int[] {2}));
        assertEquals("binaryAccuracy: label 2 at position 0 is outside [0, 2)", binaryLabel.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(Tensor.zeros(0, 2), new int[0]));
        assertEquals("accuracy: needs at least one row, got none", empty.getMessage());
    }

    @Test
    void predictClassesRunsTheModelInEvalModeWithoutAGraphAndRestoresTheMode() {
        Module model = new Sequential(new Dropout(0.9, 0), new Lambda("Identity", x -> x));
        Tensor scores = LOGITS.detach().requiresGrad(true);
        assertArrayEquals(new int[] {0, 1, 0, 2}, Metrics.predictClasses(model, scores));
        assertTrue(model.isTraining());
        model.eval();
        assertArrayEquals(new int[] {0, 1, 0, 2}, Metrics.predictClasses(model, scores));
        assertFalse(model.isTraining());
    }

    @Test
    void predictClassesThresholdsASingleProbabilityColumn() {
        Module model = new Lambda("Identity", x -> x);
        assertArrayEquals(new int[] {1, 0, 0}, Metrics.predictClasses(model, Tensor.of(new double[][] {{0.7}, {0.5}, {0.2}})));
        assertArrayEquals(new int[] {0, 1}, Metrics.predictClasses(model, Tensor.of(new double[] {0.1, 0.9})));
        assertEquals("predictClasses: the model's output of shape [2, 2, 2] is neither scores [N, C] nor probabilities"
                        + " [N, 1] or [N]",
                assertThrows(IllegalArgumentException.class, () -> Metrics.predictClasses(model, Tensor.zeros(2, 2, 2)))
                        .getMessage());
    }
}
