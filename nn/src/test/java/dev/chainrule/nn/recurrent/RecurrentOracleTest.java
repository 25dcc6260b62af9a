package dev.chainrule.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.nn.RecurrentOracleLayers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code oracle/recurrent.json} (written by {@code make_recurrent_cases.py} beside it with PyTorch 1.13,
 * float64) through the recurrent layers and cells: outputs, final states, every gradient at 1e-9 and, where a case
 * has them, second derivatives at 1e-7. The cases {@code layers.json} lacks: two layers with initial states, relu,
 * bidirectional layers, time-major and unbatched input, and the three cells.
 */
class RecurrentOracleTest {
    @TestFactory
    List<DynamicTest> everyRecurrentCaseMatchesPyTorch() throws IOException {
        Map<String, List<String>> outcomes = RecurrentOracleLayers.replay("/oracle/recurrent.json");
        assertEquals(14, outcomes.size());
        return outcomes.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
                    if (!entry.getValue().isEmpty()) {
                        throw new AssertionError(entry.getKey() + ": " + String.join("; ", entry.getValue()));
                    }
                }))
                .toList();
    }
}
