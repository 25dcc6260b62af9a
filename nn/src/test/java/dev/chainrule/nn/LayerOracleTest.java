package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the PyTorch layer oracle ({@code oracle/layers.json}, schema in {@code oracle/LAYERS.md} beside it)
 * through our layers: one dynamic test per case, named by the case, and on standard output one line per failing
 * case, {@code N passed, N failed} per kind and overall, and the number of cases skipped. The tensor-function cases
 * are replayed in autograd.
 */
class LayerOracleTest {
    /** The kinds replayed here through our layer classes. */
    private static final List<String> LAYER_KINDS = List.of("Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d", "AvgPool1d",
            "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm", "Embedding",
            "MultiheadAttention", "RNN", "LSTM", "GRU", "TransformerEncoderLayer");
    /** Tensor functions, replayed by autograd's tests. */
    private static final Set<String> FUNCTION_KINDS = Set.of("permute", "matmul", "var", "std", "logsumexp",
            "masked_fill", "pad", "cumsum", "unfold");

    @TestFactory
    List<DynamicTest> everyLayerCaseMatchesPyTorch() throws IOException {
        JsonNode doc = readCases();
        JsonNode tolerance = doc.get("default_tolerance");
        double rtol = tolerance.get("rtol").asDouble();
        double atol = tolerance.get("atol").asDouble();
        List<LayerOracleReplay.Outcome> outcomes = new ArrayList<>();
        int functionCases = 0;
        for (JsonNode spec : doc.get("cases")) {
            String kind = spec.get("kind").asText();
            if (FUNCTION_KINDS.contains(kind)) {
                functionCases++;
            } else {
                outcomes.add(LAYER_KINDS.contains(kind) ? LayerOracleReplay.run(spec, rtol, atol)
                        : new LayerOracleReplay.Outcome(spec.get("name").asText(), kind, List.of("unknown kind")));
            }
        }
        printSummary(outcomes);
        System.out.println("skipped " + functionCases + " tensor-function cases");
        return outcomes.stream()
                .map(outcome -> DynamicTest.dynamicTest(outcome.name(), () -> {
                    if (!outcome.passed()) throw new AssertionError(outcome.describe());
                }))
                .toList();
    }

    @Test
    void everyCaseIsAReplayedLayerOrASkippedKind() throws IOException {
        JsonNode doc = readCases();
        assertEquals("layer-oracle/1", doc.get("format").asText());
        assertEquals(doc.get("case_count").asInt(), doc.get("cases").size());
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("layer", 0, "function", 0));
        for (JsonNode spec : doc.get("cases")) {
            String kind = spec.get("kind").asText();
            String group = LAYER_KINDS.contains(kind) ? "layer" : FUNCTION_KINDS.contains(kind) ? "function"
                    : "unknown kind " + kind;
            counts.merge(group, 1, Integer::sum);
        }
        assertEquals(Map.of("layer", 20, "function", 8), counts);
    }

    private static JsonNode readCases() throws IOException {
        try (InputStream in = LayerOracleTest.class.getResourceAsStream("/oracle/layers.json")) {
            if (in == null) throw new IOException("oracle/layers.json is missing from the test resources");
            return new ObjectMapper().readTree(in);
        }
    }

    static void printSummary(List<LayerOracleReplay.Outcome> outcomes) {
        Map<String, int[]> byKind = new LinkedHashMap<>();
        for (LayerOracleReplay.Outcome outcome : outcomes) {
            int[] counts = byKind.computeIfAbsent(outcome.kind(), kind -> new int[2]);
            counts[outcome.passed() ? 0 : 1]++;
            if (!outcome.passed()) System.out.println("FAILED " + outcome.describe());
        }
        byKind.forEach((kind, counts) ->
                System.out.println(kind + ": " + counts[0] + " passed, " + counts[1] + " failed"));
        long passed = outcomes.stream().filter(LayerOracleReplay.Outcome::passed).count();
        System.out.println(passed + " passed, " + (outcomes.size() - passed) + " failed");
    }
}
