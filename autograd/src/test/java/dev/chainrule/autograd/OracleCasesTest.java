package dev.chainrule.autograd;

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
 * Replays the PyTorch oracle cases (see {@code src/test/resources/oracle/README.md}): one dynamic test per case,
 * named by its id, and a summary of {@code N passed, N failed} per family and overall on standard output.
 */
class OracleCasesTest {
    /** Families of loss functions, which live in nn and are replayed there. */
    private static final Set<String> LOSS_FAMILIES = Set.of("cross_entropy", "bce", "mse");

    @TestFactory
    List<DynamicTest> everyCaseMatchesPyTorch() throws IOException {
        List<OracleReplay.Outcome> outcomes = new ArrayList<>();
        for (JsonNode spec : autogradCases(readCases())) outcomes.add(OracleReplay.run(spec));
        printSummary(outcomes);
        return outcomes.stream()
                .map(outcome -> DynamicTest.dynamicTest(outcome.id(), () -> {
                    if (!outcome.passed()) throw outcome.failure();
                }))
                .toList();
    }

    @Test
    void replaysEveryCaseOutsideTheLossFamilies() throws IOException {
        JsonNode doc = readCases();
        assertEquals("autograd-oracle/1", doc.get("format").asText());
        assertEquals(doc.get("case_count").asInt(), doc.get("cases").size());
        assertEquals(211, doc.get("cases").size());
        assertEquals(200, autogradCases(doc).size());
        assertEquals(16, autogradCases(doc).stream().filter(spec -> spec.get("order").asInt() == 2).count());
    }

    private static List<JsonNode> autogradCases(JsonNode doc) {
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode spec : doc.get("cases")) {
            if (!LOSS_FAMILIES.contains(spec.get("family").asText())) cases.add(spec);
        }
        return cases;
    }

    private static JsonNode readCases() throws IOException {
        try (InputStream in = OracleCasesTest.class.getResourceAsStream("/oracle/cases.json")) {
            if (in == null) throw new IOException("oracle/cases.json is missing from the test resources");
            return new ObjectMapper().readTree(in);
        }
    }

    private static void printSummary(List<OracleReplay.Outcome> outcomes) {
        Map<String, int[]> byFamily = new LinkedHashMap<>();
        for (OracleReplay.Outcome outcome : outcomes) {
            int[] counts = byFamily.computeIfAbsent(outcome.family(), family -> new int[2]);
            counts[outcome.passed() ? 0 : 1]++;
            if (!outcome.passed()) System.out.println("FAILED " + outcome.failure().getMessage());
        }
        byFamily.forEach((family, counts) ->
                System.out.println(family + ": " + counts[0] + " passed, " + counts[1] + " failed"));
        long passed = outcomes.stream().filter(OracleReplay.Outcome::passed).count();
        System.out.println(passed + " passed, " + (outcomes.size() - passed) + " failed");
    }
}
