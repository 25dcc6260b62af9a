package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code oracle/transformer.json}, PyTorch 1.13's float64 truth for the attention and transformer cases the
 * shared oracle lacks (written by {@code oracle/make_transformer_cases.py} beside it): causal, additive and padding
 * masks, distinct query, key and value, bias-free and unbatched attention, sequence-first layouts, a pre-norm GELU
 * block, a two-block encoder with a final norm, and double backward through attention. Additive masks hold −∞, which
 * the file writes as {@code -Infinity}.
 */
class TransformerOracleTest {
    @TestFactory
    List<DynamicTest> everyAttentionAndTransformerCaseMatchesPyTorch() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/oracle/transformer.json")) {
            if (in == null) throw new IOException("oracle/transformer.json is missing from the test resources");
            doc = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        assertEquals(doc.get("case_count").asInt(), doc.get("cases").size());
        List<LayerOracleReplay.Outcome> outcomes = new ArrayList<>();
        for (JsonNode spec : doc.get("cases")) outcomes.add(LayerOracleReplay.run(spec, 1e-9, 1e-11));
        LayerOracleTest.printSummary(outcomes);
        return outcomes.stream()
                .map(outcome -> DynamicTest.dynamicTest(outcome.name(), () -> {
                    if (!outcome.passed()) throw new AssertionError(outcome.describe());
                }))
                .toList();
    }
}
