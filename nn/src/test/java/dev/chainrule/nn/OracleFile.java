package dev.chainrule.nn;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays a layer-oracle file of our own beside the shared one (format {@code layer-oracle/1}, as
 * {@code oracle/LAYERS.md}; written by a committed script with PyTorch 1.13), for the tests of the layer packages:
 * one dynamic test per case, at the file's default tolerance (1e-7 for second order), and on standard output one line
 * per failing case and {@code N passed, N failed} per kind and overall. Additive masks hold −∞, which Python's
 * {@code json} writes as {@code -Infinity}.
 */
public final class OracleFile {
    private OracleFile() {}

    /**
     * The cases of the classpath resource {@code resource} (e.g. {@code /oracle/recurrent.json}) as dynamic tests.
     *
     * @throws IOException when the file is missing or is not a layer-oracle/1 file with {@code expectedCases} cases
     */
    public static List<DynamicTest> replay(String resource, int expectedCases) throws IOException {
        JsonNode doc;
        try (InputStream in = OracleFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException(resource + " is missing from the test resources");
            doc = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
        }
        int cases = doc.get("cases").size();
        if (!"layer-oracle/1".equals(doc.get("format").asText()) || doc.get("case_count").asInt() != cases
                || cases != expectedCases) {
            throw new IOException(resource + ": expected a layer-oracle/1 file of " + expectedCases + " cases, found "
                    + doc.get("format") + " with " + cases);
        }
        double rtol = doc.get("default_tolerance").get("rtol").asDouble();
        double atol = doc.get("default_tolerance").get("atol").asDouble();
        List<LayerOracleReplay.Outcome> outcomes = new ArrayList<>();
        for (JsonNode spec : doc.get("cases")) outcomes.add(LayerOracleReplay.run(spec, rtol, atol));
        LayerOracleTest.printSummary(outcomes);
        return outcomes.stream()
                .map(outcome -> DynamicTest.dynamicTest(outcome.name(), () -> {
                    if (!outcome.passed()) throw new AssertionError(outcome.describe());
                }))
                .toList();
    }
}
