package dev.chainrule.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one case of {@code oracle/cases.json} (schema and evaluation rule in {@code oracle/README.md}) with the
 * Tensor API and lists every value that disagrees with PyTorch: the loss, the output, each node's value and each
 * input's gradient, element-wise within {@code atol + rtol·|expected|}, with exact shapes.
 */
final class OracleReplay {
    private OracleReplay() {}

    /** The result of one case: {@code failure} is null when it passed. */
    record Outcome(String id, String family, AssertionError failure) {
        boolean passed() {
            return failure == null;
        }
    }

    static Outcome run(JsonNode spec) {
        String id = spec.get("id").asText();
        String family = spec.get("family").asText();
        try {
            List<String> problems = replay(spec);
            AssertionError failure = problems.isEmpty() ? null : new AssertionError(id + ": " + String.join("; ", problems));
            return new Outcome(id, family, failure);
        } catch (RuntimeException e) {
            return new Outcome(id, family, new AssertionError(id + ": threw " + e, e));
        }
    }

    private static List<String> replay(JsonNode spec) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        spec.get("inputs").properties().forEach(entry -> inputs.put(entry.getKey(),
                tensor(entry.getValue()).requiresGrad(entry.getValue().path("requires_grad").asBoolean(false))));
        List<Tensor> values = new ArrayList<>();
        for (JsonNode node : spec.get("nodes")) {
            List<Tensor> args = new ArrayList<>();
            for (JsonNode arg : node.get("args")) {
                args.add(arg.isTextual() ? inputs.get(arg.asText()) : values.get(arg.asInt()));
            }
            values.add(apply(node.get("op").asText(), args, node.get("attrs")));
        }

        JsonNode tolerance = spec.get("tolerance");
        var compare = new OracleComparison(tolerance.get("rtol").asDouble(), tolerance.get("atol").asDouble());
        JsonNode expected = spec.get("expected");
        Tensor loss = values.get(spec.get("loss_node").asInt());
        compare.check("value", loss, Tensor.scalar(expected.get("value").asDouble()));
        compare.check("output", values.get(spec.get("output_node").asInt()), tensor(expected.get("output")));
        JsonNode nodeValues = expected.get("node_values");
        if (nodeValues != null && !nodeValues.isNull()) {
            for (int i = 0; i < nodeValues.size(); i++) {
                String op = spec.get("nodes").get(i).get("op").asText();
                compare.check("node " + i + " (" + op + ")", values.get(i), tensor(nodeValues.get(i)));
            }
        }

        loss.backward();
        expected.get("grads").properties().forEach(entry -> {
            Tensor grad = inputs.get(entry.getKey()).grad();
            if (grad == null) {
                compare.problems.add("grad " + entry.getKey() + ": no gradient reached the input");
            } else {
                compare.check("grad " + entry.getKey(), grad, tensor(entry.getValue()));
            }
        });
        return compare.problems;
    }

    private static Tensor apply(String op, List<Tensor> args, JsonNode attrs) {
        Tensor x = args.get(0);
        return switch (op) {
            case "add" -> x.add(args.get(1));
            case "sub" -> x.sub(args.get(1));
            case "mul" -> x.mul(args.get(1));
            case "div" -> x.div(args.get(1));
            case "pow" -> x.pow(args.get(1));
            case "pow_scalar" -> x.pow(attrs.get("exponent").asDouble());
            case "neg" -> x.neg();
            case "exp" -> x.exp();
            case "log" -> x.log();
            case "sqrt" -> x.sqrt();
            case "abs" -> x.abs();
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.sigmoid();
            case "relu" -> x.relu();
            case "matmul" -> x.matmul(args.get(1));
            case "transpose" -> x.t();
            case "reshape" -> x.reshape(ints(attrs.get("shape")));
            case "sum" -> attrs.has("axis") ? x.sum(axis(attrs), keepDim(attrs)) : x.sum();
            case "mean" -> attrs.has("axis") ? x.mean(axis(attrs), keepDim(attrs)) : x.mean();
            case "max" -> x.max(axis(attrs), keepDim(attrs));
            case "softmax" -> x.softmax(axis(attrs));
            case "log_softmax" -> x.logSoftmax(axis(attrs));
            case "concat" -> Tensor.concat(axis(attrs), args);
            case "slice" -> x.slice(axis(attrs), attrs.get("start").asInt(), attrs.get("stop").asInt());
            case "index_select" -> x.indexSelect(axis(attrs), indices(args.get(1)));
            case "gather" -> x.gather(axis(attrs), args.get(1));
            case "cross_entropy" -> crossEntropy(x, args.get(1));
            case "bce" -> binaryCrossEntropy(x, args.get(1));
            case "mse" -> meanSquaredError(x, args.get(1));
            case "grad" -> Autograd.grad(List.of(x), List.of(args.get(1)), null, true, true).get(0);
            default -> throw new IllegalArgumentException("oracle: unknown op " + op);
        };
    }

    // The losses below are compositions of autograd ops written from the README's definitions, so that the
    // composite, mlp and hvp cases that use them run here; nn's own loss functions replay the loss families.

    /** −(1/N) Σᵢ logSoftmax(logits)[i, targetᵢ]. */
    private static Tensor crossEntropy(Tensor logits, Tensor target) {
        int n = logits.size(0);
        return logits.logSoftmax(1).gather(1, target.reshape(n, 1)).mean().neg();
    }

    /** −mean(t·ln p + (1 − t)·ln(1 − p)). */
    private static Tensor binaryCrossEntropy(Tensor p, Tensor t) {
        return t.mul(p.log()).add(t.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
    }

    /** mean((a − b)²). */
    private static Tensor meanSquaredError(Tensor a, Tensor b) {
        Tensor d = a.sub(b);
        return d.mul(d).mean();
    }

    private static int axis(JsonNode attrs) {
        return attrs.get("axis").asInt();
    }

    private static boolean keepDim(JsonNode attrs) {
        return attrs.get("keepdims").asBoolean();
    }

    private static int[] ints(JsonNode array) {
        int[] result = new int[array.size()];
        for (int i = 0; i < result.length; i++) result[i] = array.get(i).asInt();
        return result;
    }

    private static int[] indices(Tensor t) {
        return Arrays.stream(t.toArray()).mapToInt(v -> (int) v).toArray();
    }

    /** A tensor from {@code {"shape": [...], "data": [...]}}; int64 data become integer-valued doubles. */
    static Tensor tensor(JsonNode spec) {
        int[] shape = ints(spec.get("shape"));
        JsonNode data = spec.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) values[i] = data.get(i).doubleValue();
        return shape.length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, shape);
    }

}
