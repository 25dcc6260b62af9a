package dev.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays the PyTorch oracle's loss families (cross_entropy, bce, mse) from {@code oracle/cases.json}: each case
 * is {@code sum(loss(inputs) · w_out)}, compared on the loss value and the gradient of every input.
 */
class OracleLossTest {
    private static final List<String> FAMILIES = List.of("cross_entropy", "bce", "mse");

    @Test
    void lossFamiliesMatchPyTorch() throws IOException {
        JsonNode document;
        try (InputStream in = OracleLossTest.class.getResourceAsStream("/oracle/cases.json")) {
            document = new ObjectMapper().readTree(in);
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String family : FAMILIES) counts.put(family, new int[2]);
        for (JsonNode c : document.get("cases")) {
            String family = c.get("family").asText();
            if (!counts.containsKey(family)) continue;
            String problem;
            try {
                problem = replay(c);
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            counts.get(family)[problem == null ? 0 : 1]++;
            if (problem != null) failures.add(c.get("id").asText() + ": " + problem);
        }
        failures.forEach(System.out::println);
        counts.forEach((family, n) -> System.out.println(family + ": " + n[0] + " passed, " + n[1] + " failed"));
        assertEquals(List.of(), failures);
        assertEquals(5, counts.get("cross_entropy")[0]);
        assertEquals(3, counts.get("bce")[0]);
        assertEquals(3, counts.get("mse")[0]);
    }

    /** Evaluates one case; returns null when it matches, otherwise what differs. */
    private static String replay(JsonNode c) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        c.get("inputs").properties().forEach(e -> {
            specs.put(e.getKey(), e.getValue());
            inputs.put(e.getKey(), tensor(e.getValue()).requiresGrad(e.getValue().path("requires_grad").asBoolean()));
        });
        List<Tensor> values = new ArrayList<>();
        for (JsonNode node : c.get("nodes")) {
            List<JsonNode> args = new ArrayList<>();
            node.get("args").forEach(args::add);
            Tensor[] a = new Tensor[args.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = args.get(i).isTextual() ? inputs.get(args.get(i).asText()) : values.get(args.get(i).asInt());
            }
            String op = node.get("op").asText();
            values.add(switch (op) {
                case "cross_entropy" -> Losses.crossEntropy(a[0], classes(specs.get(args.get(1).asText())));
                case "bce" -> Losses.binaryCrossEntropy(a[0], a[1]);
                case "mse" -> Losses.mse(a[0], a[1]);
                case "mul" -> a[0].mul(a[1]);
                case "sum" -> {
                    assertTrue(node.get("attrs").isEmpty(), "sum with attrs");
                    yield a[0].sum();
                }
                default -> throw new IllegalStateException("unexpected op " + op);
            });
        }
        Tensor loss = values.get(c.get("loss_node").asInt());
        JsonNode tolerance = c.get("tolerance");
        double rtol = tolerance.get("rtol").asDouble();
        double atol = tolerance.get("atol").asDouble();
        JsonNode expected = c.get("expected");
        double value = expected.get("value").asDouble();
        if (!close(loss.item(), value, rtol, atol)) return "loss " + loss.item() + ", expected " + value;
        Tensor output = values.get(c.get("output_node").asInt());
        String outputProblem = compare("output", output, expected.get("output"), rtol, atol);
        if (outputProblem != null) return outputProblem;
        loss.backward();
        List<String> wanted = new ArrayList<>();
        expected.get("grads").fieldNames().forEachRemaining(wanted::add);
        Set<String> withGrad = new java.util.TreeSet<>();
        inputs.forEach((name, t) -> { if (t.requiresGrad()) withGrad.add(name); });
        if (!withGrad.equals(new java.util.TreeSet<>(wanted))) return "inputs with grad " + withGrad + " vs " + wanted;
        for (String name : wanted) {
            String problem = compare("grad of " + name, inputs.get(name).grad(), expected.get("grads").get(name), rtol, atol);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String compare(String what, Tensor actual, JsonNode spec, double rtol, double atol) {
        Tensor want = tensor(spec);
        if (actual == null) return what + " is missing";
        if (!Arrays.equals(actual.shape(), want.shape())) {
            return what + " has shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(want.shape());
        }
        double[] a = actual.toArray();
        double[] e = want.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!close(a[i], e[i], rtol, atol)) return what + "[" + i + "] = " + a[i] + ", expected " + e[i];
        }
        return null;
    }

    private static boolean close(double actual, double expected, double rtol, double atol) {
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    private static int[] shape(JsonNode spec) {
        int[] shape = new int[spec.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = spec.get("shape").get(i).asInt();
        return shape;
    }

    private static Tensor tensor(JsonNode spec) {
        int[] shape = shape(spec);
        double[] data = new double[spec.get("data").size()];
        for (int i = 0; i < data.length; i++) data[i] = spec.get("data").get(i).asDouble();
        return shape.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(data, shape);
    }

    private static int[] classes(JsonNode spec) {
        int[] classes = new int[spec.get("data").size()];
        for (int i = 0; i < classes.length; i++) classes[i] = spec.get("data").get(i).asInt();
        return classes;
    }
}
