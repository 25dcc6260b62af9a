package dev.chainrule.nn.recurrent;

import dev.chainrule.nn.OracleFile;
import java.io.IOException;
import java.util.List;
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
        return OracleFile.replay("/oracle/recurrent.json", 14);
    }
}
