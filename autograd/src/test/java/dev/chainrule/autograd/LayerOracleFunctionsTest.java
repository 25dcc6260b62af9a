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
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the cases of the layer oracle ({@code src/test/resources/oracle/layers.json}, PyTorch 1.13 in float64;
 * schema in {@code ../shared/oracle/LAYERS.md}) that autograd can run on its own: the tensor-function cases
 * (permute, matmul, var, std, logsumexp, masked_fill, pad, cumsum, unfold) and the convolution and pooling layer
 * cases through the functional API ({@link Convolution}, {@link Pooling}), with the weights from
 * {@code state_before}. Each case's loss is {@code Σₖ Σ outputₖ ⊙ loss_weightsₖ}; the outputs, the loss and the
 * gradient of every input and parameter must agree within {@code |a − e| ≤ atol + rtol·|e|} (1e-9/1e-11), and a
 * {@code second_order} block (the gradients of {@code s = Σ (d loss/d x) ⊙ v}) within 1e-7/1e-9. The normalisation,
 * embedding, attention and recurrent cases belong to nn and are counted as skipped. One dynamic test per case;
 * standard output gets a line per failing case and {@code N passed, N failed, N skipped}.
 */
class LayerOracleFunctionsTest {
    /** The {@code kind}s of the function cases. */
    private static final Set<String> FUNCTIONS =
            Set.of("permute", "matmul", "var", "std", "logsumexp", "masked_fill", "pad", "cumsum", "unfold");
    /** The {@code torch.nn} layers replayed here through {@link Convolution} and {@link Pooling}. */
    private static final Set<String> WINDOW_LAYERS =
            Set.of("Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d", "AdaptiveAvgPool2d");

    private static final double RTOL = 1e-9;
    private static final double ATOL = 1e-11;
    private static final double SECOND_ORDER_RTOL = 1e-7;
    private static final double SECOND_ORDER_ATOL = 1e-9;

    @TestFactory
    List<DynamicTest> everyFunctionAndWindowLayerCaseMatchesPyTorch() throws IOException {
        JsonNode doc = readCases();
        List<String[]> failures = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> skippedKinds = new TreeSet<>();
        int skipped = 0;
        for (JsonNode spec : doc.get("cases")) {
            String kind = spec.get("kind").asText();
            if (!replayedHere(kind)) {
                skipped++;
                skippedKinds.add(kind);
                continue;
            }
            String name = spec.get("name").asText() + " (" + kind + ")";
            List<String> problems = run(spec);
            if (!problems.isEmpty()) failures.add(new String[] {name, String.join("; ", problems)});
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (!problems.isEmpty()) throw new AssertionError(name + ": " + String.join("; ", problems));
            }));
        }
        for (String[] failure : failures) System.out.println("FAILED " + failure[0] + ": " + failure[1]);
        System.out.println("layer oracle, functions and window layers: " + (tests.size() - failures.size())
                + " passed, " + failures.size() + " failed; " + skipped + " cases of other kinds skipped (replayed"
                + " in nn): " + skippedKinds);
        return tests;
    }

    @Test
    void theFileHoldsTheFunctionAndWindowLayerCasesThisTestReplays() throws IOException {
        JsonNode doc = readCases();
        assertEquals("layer-oracle/1", doc.get("format").asText());
        assertEquals(doc.get("case_count").asInt(), doc.get("cases").size());
        int functions = 0;
        int layers = 0;
        int secondOrder = 0;
        for (JsonNode spec : doc.get("cases")) {
            String kind = spec.get("kind").asText();
            if (FUNCTIONS.contains(kind)) functions++;
            if (WINDOW_LAYERS.contains(kind)) layers++;
            if (replayedHere(kind) && spec.has("second_order")) secondOrder++;
        }
        assertEquals(8, functions);
        assertEquals(8, layers);
        assertEquals(1, secondOrder);
    }

    private static boolean replayedHere(String kind) {
        return FUNCTIONS.contains(kind) || WINDOW_LAYERS.contains(kind);
    }

    private static JsonNode readCases() throws IOException {
        try (InputStream in = LayerOracleFunctionsTest.class.getResourceAsStream("/oracle/layers.json")) {
            if (in == null) throw new IOException("oracle/layers.json is missing from the test resources");
            return new ObjectMapper().readTree(in);
        }
    }

    // ---------------------------------------------------------------- replay

    /** Replays one case; the problems found, one sentence per disagreeing tensor, or why it could not run. */
    private static List<String> run(JsonNode spec) {
        try {
            return replay(spec);
        } catch (RuntimeException e) {
            return List.of("threw " + e);
        }
    }

    private static List<String> replay(JsonNode spec) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();            // inputs and parameters, by PyTorch's names
        spec.get("inputs").properties().forEach(e -> leaves.put(e.getKey(), leaf(e.getValue())));
        JsonNode state = spec.path("state_before");
        state.properties().forEach(e -> leaves.put(e.getKey(), leaf(e.getValue())));
        String kind = spec.get("kind").asText();
        Tensor output = FUNCTIONS.contains(kind) ? function(kind, spec, leaves) : layer(kind, spec.get("config"), leaves);

        var compare = new OracleComparison(RTOL, ATOL);
        JsonNode outputs = spec.get("outputs");
        if (outputs.size() != 1 || !outputs.has("output")) {
            throw new IllegalArgumentException("oracle: expected one output named output, got " + outputs.size());
        }
        compare.check("output", output, tensor(outputs.get("output")));
        Tensor loss = output.mul(tensor(spec.get("loss_weights").get("output"))).sum();
        compare.check("loss", loss, Tensor.scalar(spec.get("loss").asDouble()));

        List<String> names = new ArrayList<>();
        spec.get("grads").fieldNames().forEachRemaining(names::add);
        List<Tensor> wanted = names.stream().map(leaves::get).toList();
        boolean secondOrder = spec.has("second_order");
        List<Tensor> grads = Autograd.grad(List.of(loss), wanted, null, secondOrder, secondOrder);
        for (int i = 0; i < names.size(); i++) {
            compare.check("grad " + names.get(i), grads.get(i), tensor(spec.get("grads").get(names.get(i))));
        }
        List<String> problems = new ArrayList<>(compare.problems);
        if (secondOrder) problems.addAll(secondOrder(spec.get("second_order"), leaves, names, grads));
        return problems;
    }

    /** The gradients of {@code s = Σ (d loss/d of) ⊙ v} with respect to the inputs and parameters the block names. */
    private static List<String> secondOrder(JsonNode block, Map<String, Tensor> leaves, List<String> firstNames,
                                            List<Tensor> firstGrads) {
        var compare = new OracleComparison(SECOND_ORDER_RTOL, SECOND_ORDER_ATOL);
        String of = block.get("of").asText();
        Tensor s = firstGrads.get(firstNames.indexOf(of)).mul(tensor(block.get("v"))).sum();
        compare.check("second order: s", s, Tensor.scalar(block.get("value").asDouble()));
        List<String> names = new ArrayList<>();
        block.get("grads").fieldNames().forEachRemaining(names::add);
        List<Tensor> grads = Autograd.grad(List.of(s), names.stream().map(leaves::get).toList(), null, false, false);
        for (int i = 0; i < names.size(); i++) {
            compare.check("second order: grad " + names.get(i), grads.get(i),
                    tensor(block.get("grads").get(names.get(i))));
        }
        return compare.problems;
    }

    /** A tensor function case: {@code args} in PyTorch's names. */
    private static Tensor function(String kind, JsonNode spec, Map<String, Tensor> leaves) {
        JsonNode args = spec.get("args");
        Tensor x = leaves.get("x");
        return switch (kind) {
            case "permute" -> x.permute(ints(args.get("dims")));
            case "matmul" -> leaves.get("a").matmul(leaves.get("b"));
            case "var", "std" -> {
                boolean unbiased = args.path("unbiased").asBoolean(true);
                Tensor flat = args.has("dim") ? x : x.flatten();
                int dim = args.path("dim").asInt(0);
                boolean keepDim = args.path("keepdim").asBoolean(false);
                yield kind.equals("var") ? flat.var(dim, unbiased, keepDim) : flat.std(dim, unbiased, keepDim);
            }
            case "logsumexp" -> x.logsumexp(args.get("dim").asInt(), args.path("keepdim").asBoolean(false));
            case "masked_fill" -> x.maskedFill(tensor(spec.get("mask")), args.get("value").asDouble());
            case "pad" -> x.pad(ints(args.get("pad")), args.path("value").asDouble(0));
            case "cumsum" -> x.cumsum(args.get("dim").asInt());
            case "unfold" -> Convolution.unfold(x, ints(args.get("kernel_size")), ints(args.path("dilation"), 1),
                    ints(args.path("padding"), 0), ints(args.path("stride"), 1));
            default -> throw new IllegalArgumentException("oracle: unknown function kind " + kind);
        };
    }

    /** A convolution or pooling layer case through the functional API: {@code config} in PyTorch's names. */
    private static Tensor layer(String kind, JsonNode config, Map<String, Tensor> leaves) {
        Tensor x = leaves.get("x");
        if (config.path("ceil_mode").asBoolean(false) || !config.path("padding_mode").asText("zeros").equals("zeros")
                || config.hasNonNull("divisor_override")) {
            throw new IllegalArgumentException("oracle: unsupported option in " + config);
        }
        return switch (kind) {
            case "Conv1d", "Conv2d" -> {
                Convolution.Options options = Convolution.Options.of().withStride(ints(config.path("stride"), 1))
                        .withDilation(ints(config.path("dilation"), 1)).withGroups(config.path("groups").asInt(1));
                JsonNode padding = config.path("padding");
                options = padding.isTextual() ? options.withPadding(padding.asText())
                        : options.withPadding(ints(padding, 0));
                Tensor bias = config.path("bias").asBoolean(true) ? leaves.get("bias") : null;
                yield kind.equals("Conv1d") ? Convolution.conv1d(x, leaves.get("weight"), bias, options)
                        : Convolution.conv2d(x, leaves.get("weight"), bias, options);
            }
            case "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d" -> {
                Pooling.Options options = Pooling.Options.of(ints(config.get("kernel_size")))
                        .withPadding(ints(config.path("padding"), 0)).withDilation(ints(config.path("dilation"), 1))
                        .withCountIncludePad(config.path("count_include_pad").asBoolean(true));
                if (config.hasNonNull("stride")) options = options.withStride(ints(config.get("stride")));
                yield switch (kind) {
                    case "MaxPool1d" -> Pooling.maxPool1d(x, options);
                    case "MaxPool2d" -> Pooling.maxPool2d(x, options);
                    case "AvgPool1d" -> Pooling.avgPool1d(x, options);
                    default -> Pooling.avgPool2d(x, options);
                };
            }
            case "AdaptiveAvgPool2d" -> Pooling.adaptiveAvgPool2d(x, ints(config.get("output_size")));
            default -> throw new IllegalArgumentException("oracle: unknown layer kind " + kind);
        };
    }

    // ---------------------------------------------------------------- JSON

    /** A float tensor requires grad (inputs and parameters alike); an integer or boolean one is a constant. */
    private static Tensor leaf(JsonNode spec) {
        Tensor t = tensor(spec);
        return spec.has("dtype") ? t : t.requiresGrad(true);
    }

    /** A tensor from {@code {"shape": [...], "data": [...]}}; int64 data become integer values, bool ones 1 and 0. */
    private static Tensor tensor(JsonNode spec) {
        int[] shape = ints(spec.get("shape"));
        JsonNode data = spec.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            values[i] = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.doubleValue();
        }
        return shape.length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, shape);
    }

    /** An int or a list of ints, as PyTorch accepts for a per-axis argument; {@code fallback} when absent. */
    private static int[] ints(JsonNode node, int fallback) {
        return node.isMissingNode() || node.isNull() ? new int[] {fallback} : ints(node);
    }

    private static int[] ints(JsonNode node) {
        if (node.isNumber()) return new int[] {node.asInt()};
        int[] result = new int[node.size()];
        for (int i = 0; i < result.length; i++) result[i] = node.get(i).asInt();
        return result;
    }

}
