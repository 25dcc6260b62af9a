package dev.chainrule.nn.transformer;

import dev.chainrule.nn.OracleFile;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code oracle/transformer.json}, PyTorch 1.13's float64 truth for the attention and transformer cases the
 * shared oracle lacks (written by {@code make_transformer_cases.py} beside it): causal, additive and padding masks,
 * distinct query, key and value, bias-free and unbatched attention, sequence-first layouts, a pre-norm GELU block, a
 * two-block encoder with a final norm, and double backward through attention.
 */
class TransformerOracleTest {
    @TestFactory
    List<DynamicTest> everyAttentionAndTransformerCaseMatchesPyTorch() throws IOException {
        return OracleFile.replay("/oracle/transformer.json", 6);
    }
}
