package dev.chainrule.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Pooling;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.conv.Conv1d;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.conv.ConvNd;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.transformer.AttentionMask;
import dev.chainrule.nn.transformer.MultiheadAttention;
import dev.chainrule.nn.transformer.TransformerEncoder;
import dev.chainrule.nn.transformer.TransformerEncoderLayer;
import dev.chainrule.nn.norm.BatchNorm1d;
import dev.chainrule.nn.norm.BatchNorm2d;
import dev.chainrule.nn.norm.BatchNormNd;
import dev.chainrule.nn.norm.GroupNorm;
import dev.chainrule.nn.norm.LayerNorm;
import dev.chainrule.nn.pool.AdaptiveAvgPool2d;
import dev.chainrule.nn.pool.AvgPool1d;
import dev.chainrule.nn.pool.AvgPool2d;
import dev.chainrule.nn.pool.MaxPool1d;
import dev.chainrule.nn.pool.MaxPool2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays one layer case of {@code oracle/layers.json} (schema in {@code oracle/LAYERS.md}) through our
 * layer classes: builds the layer from PyTorch's keyword arguments, loads {@code state_before} (buffers included),
 * sets the mode, and lists every value that disagrees with PyTorch: the output, the loss, the gradient of the input
 * and of each parameter by name, the state after the call, and the double-backward values where the case has them.
 */
final class LayerOracleReplay {
    private LayerOracleReplay() {}

    /** The result of one case: {@code problems} is empty when it passed. */
    record Outcome(String name, String kind, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }

        String describe() {
            return name + " (" + kind + "): " + String.join("; ", problems);
        }
    }

    static Outcome run(JsonNode spec, double rtol, double atol) {
        String name = spec.get("name").asText();
        String kind = spec.get("kind").asText();
        try {
            return new Outcome(name, kind, replay(spec, rtol, atol));
        } catch (RuntimeException e) {
            return new Outcome(name, kind, List.of("threw " + e));
        }
    }

    private static List<String> replay(JsonNode spec, double rtol, double atol) {
        Driven driven = build(spec.get("kind").asText(), spec.get("config"));
        Module layer = driven.layer();
        if (spec.has("state_before")) layer.loadStateDict(tensors(spec.get("state_before")));
        switch (spec.get("mode").asText()) {
            case "train" -> layer.train();
            case "eval" -> layer.eval();
            default -> throw new IllegalArgumentException("oracle: unknown mode " + spec.get("mode"));
        }
        Map<String, Tensor> floatInputs = new LinkedHashMap<>();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        spec.get("inputs").properties().forEach(entry -> {
            Tensor value = tensor(entry.getValue());
            if (!entry.getValue().has("dtype")) floatInputs.put(entry.getKey(), value.requiresGrad(true));
            inputs.put(entry.getKey(), value);
        });
        spec.properties().forEach(entry -> {
            if (MASKS.contains(entry.getKey())) inputs.put(entry.getKey(), tensor(entry.getValue()));
        });
        Map<String, Tensor> outputs = driven.run().apply(inputs);

        var compare = new Comparison(rtol, atol);
        JsonNode expectedOutputs = spec.get("outputs");
        if (!names(expectedOutputs).equals(outputs.keySet())) {
            throw new IllegalArgumentException("oracle: PyTorch has outputs " + names(expectedOutputs)
                    + " but the layer gave " + outputs.keySet());
        }
        Tensor loss = null;
        for (var entry : outputs.entrySet()) {
            compare.check(entry.getKey(), entry.getValue(), tensor(expectedOutputs.get(entry.getKey())));
            Tensor term = entry.getValue().mul(tensor(spec.get("loss_weights").get(entry.getKey()))).sum();
            loss = loss == null ? term : loss.add(term);
        }
        compare.check("loss", loss, Tensor.scalar(spec.get("loss").asDouble()));

        Map<String, Tensor> differentiable = new LinkedHashMap<>(floatInputs);
        differentiable.putAll(layer.namedParameters());
        if (!names(spec.get("grads")).equals(differentiable.keySet())) {
            compare.problems.add("grads: PyTorch has " + names(spec.get("grads")) + " but the layer has "
                    + differentiable.keySet());
        }
        List<Tensor> wrt = List.copyOf(differentiable.values());
        boolean secondOrder = spec.has("second_order");
        List<Tensor> grads = Autograd.grad(List.of(loss), wrt, null, secondOrder, secondOrder);
        compareGrads(compare, "grad ", differentiable, grads, spec.get("grads"));

        if (spec.has("state_after")) {
            Map<String, Tensor> state = layer.stateDict();
            JsonNode after = spec.get("state_after");
            if (!names(after).equals(state.keySet())) {
                compare.problems.add("state_after: PyTorch has " + names(after) + " but the layer has "
                        + state.keySet());
            }
            after.properties().forEach(entry -> {
                if (state.containsKey(entry.getKey())) {
                    compare.check("state_after " + entry.getKey(), state.get(entry.getKey()), tensor(entry.getValue()));
                }
            });
        }
        if (secondOrder) secondOrder(spec.get("second_order"), differentiable, grads, compare.problems);
        return compare.problems;
    }

    /** {@code s = Σ (d loss/d of) ⊙ v}, differentiated again through the recorded first backward. */
    private static void secondOrder(JsonNode spec, Map<String, Tensor> differentiable, List<Tensor> grads,
                                    List<String> problems) {
        var compare = new Comparison(1e-7, 1e-9);
        int of = List.copyOf(differentiable.keySet()).indexOf(spec.get("of").asText());
        Tensor s = grads.get(of).mul(tensor(spec.get("v"))).sum();
        compare.check("second_order value", s, Tensor.scalar(spec.get("value").asDouble()));
        List<Tensor> wrt = List.copyOf(differentiable.values());
        List<Tensor> again = s.requiresGrad() ? Autograd.grad(List.of(s), wrt, null, false, false)
                : wrt.stream().map(t -> Tensor.zeros(t.shape())).toList();
        compareGrads(compare, "second_order grad ", differentiable, again, spec.get("grads"));
        problems.addAll(compare.problems);
    }

    private static void compareGrads(Comparison compare, String label, Map<String, Tensor> differentiable,
                                     List<Tensor> grads, JsonNode expected) {
        List<String> order = List.copyOf(differentiable.keySet());
        expected.properties().forEach(entry -> {
            int i = order.indexOf(entry.getKey());
            if (i < 0) {
                compare.problems.add(label + entry.getKey() + ": the layer has no such parameter");
            } else {
                compare.check(label + entry.getKey(), grads.get(i), tensor(entry.getValue()));
            }
        });
    }

    /** The names under which a case may give masks; the replay passes them with the inputs. */
    private static final List<String> MASKS = List.of("attn_mask", "key_padding_mask", "src_mask",
            "attn_mask_additive");

    /**
     * A layer and how the case drives it: from the named inputs (float ones require grad; int64 indices and bool
     * masks as 0/1 values) to the named outputs, in PyTorch's names ({@code output}, {@code attn_weights},
     * {@code h_n}, {@code c_n}).
     */
    record Driven(Module layer, Function<Map<String, Tensor>, Map<String, Tensor>> run) {
        /** A one-tensor layer: {@code x} in, {@code output} out. */
        static Driven single(Module layer) {
            return new Driven(layer, inputs -> Map.of("output", layer.forward(only(inputs, "x"))));
        }
    }

    private static TransformerEncoderLayer encoderLayer(Config c) {
        var options = TransformerEncoderLayer.Options.of()
                .withDimFeedforward(c.integer("dim_feedforward", 2048)).withDropout(c.real("dropout", 0.1))
                .withActivation(c.has("activation") ? c.node("activation").asText() : "relu")
                .withLayerNormEps(c.real("layer_norm_eps", 1e-5)).withBatchFirst(c.bool("batch_first", false))
                .withNormFirst(c.bool("norm_first", false));
        return new TransformerEncoderLayer(c.integer("d_model"), c.integer("nhead"), options, new Random(0));
    }

    /**
     * The case's masks: {@code attn_mask} or {@code src_mask} (boolean), {@code attn_mask_additive} (float, added to
     * the scores), and {@code key_padding_mask} (boolean).
     */
    private static MultiheadAttention.Masks masks(Map<String, Tensor> inputs) {
        var masks = MultiheadAttention.Masks.none();
        for (String name : List.of("attn_mask", "src_mask")) {
            if (inputs.containsKey(name)) masks = masks.withAttnMask(AttentionMask.ofBoolean(inputs.get(name)));
        }
        if (inputs.containsKey("attn_mask_additive")) {
            masks = masks.withAttnMask(AttentionMask.ofAdditive(inputs.get("attn_mask_additive")));
        }
        if (inputs.containsKey("key_padding_mask")) {
            masks = masks.withKeyPaddingMask(AttentionMask.ofBoolean(inputs.get("key_padding_mask")));
        }
        return masks;
    }

    /** The one input a case must give, by name. */
    static Tensor only(Map<String, Tensor> inputs, String name) {
        Tensor value = inputs.get(name);
        if (value == null) throw new IllegalArgumentException("oracle: the case lacks input " + name);
        return value;
    }

    /** Our layer for a {@code torch.nn} class and its keyword arguments; any argument we do not map fails the case. */
    static Driven build(String kind, JsonNode config) {
        var c = new Config(kind, config);
        Driven driven = sequenceLayer(kind, c);
        if (driven != null) {
            c.checkAllUsed();
            return driven;
        }
        Module layer = switch (kind) {
            case "Conv1d" -> new Conv1d(c.integer("in_channels"), c.integer("out_channels"),
                    c.integer("kernel_size"), convOptions(c), new Random(0));
            case "Conv2d" -> new Conv2d(c.integer("in_channels"), c.integer("out_channels"),
                    perAxis(c.integers("kernel_size"), 2), convOptions(c), new Random(0));
            case "MaxPool1d" -> new MaxPool1d(poolOptions(c, false));
            case "MaxPool2d" -> new MaxPool2d(poolOptions(c, false));
            case "AvgPool1d" -> new AvgPool1d(poolOptions(c, true));
            case "AvgPool2d" -> new AvgPool2d(poolOptions(c, true));
            case "AdaptiveAvgPool2d" -> new AdaptiveAvgPool2d(c.integers("output_size"));
            case "BatchNorm1d" -> new BatchNorm1d(c.integer("num_features"), batchNormOptions(c));
            case "BatchNorm2d" -> new BatchNorm2d(c.integer("num_features"), batchNormOptions(c));
            case "LayerNorm" -> new LayerNorm(c.integers("normalized_shape"),
                    new LayerNorm.Options(c.real("eps", 1e-5), c.bool("elementwise_affine", true)));
            case "GroupNorm" -> new GroupNorm(c.integer("num_groups"), c.integer("num_channels"),
                    new GroupNorm.Options(c.real("eps", 1e-5), c.bool("affine", true)));
            default -> throw new IllegalArgumentException("oracle: no layer for kind " + kind);
        };
        c.checkAllUsed();
        return Driven.single(layer);
    }

    /** The sequence layers (embedding, attention, recurrent, transformer), or null for another kind. */
    private static Driven sequenceLayer(String kind, Config c) {
        return switch (kind) {
            case "Embedding" -> {
                var layer = new Embedding(c.integer("num_embeddings"), c.integer("embedding_dim"),
                        c.has("padding_idx") ? Integer.valueOf(c.integer("padding_idx")) : null, new Random(0));
                yield new Driven(layer, inputs -> Map.of("output", layer.forward(only(inputs, "idx"))));
            }
            case "MultiheadAttention" -> {
                var layer = new MultiheadAttention(c.integer("embed_dim"), c.integer("num_heads"),
                        MultiheadAttention.Options.of().withBias(c.bool("bias", true))
                                .withDropout(c.real("dropout", 0.0)).withBatchFirst(c.bool("batch_first", false)),
                        new Random(0));
                yield new Driven(layer, inputs -> {
                    Tensor query = inputs.containsKey("x") ? inputs.get("x") : only(inputs, "q");
                    Tensor key = inputs.containsKey("x") ? query : inputs.containsKey("kv") ? inputs.get("kv")
                            : only(inputs, "k");
                    Tensor value = inputs.containsKey("v") ? inputs.get("v") : key;
                    var result = layer.forward(query, key, value, masks(inputs));
                    return Map.of("output", result.output(), "attn_weights", result.weights());
                });
            }
            case "TransformerEncoderLayer" -> {
                var layer = encoderLayer(c);
                yield new Driven(layer, inputs -> {
                    var masks = masks(inputs);
                    return Map.of("output", layer.forward(only(inputs, "x"), masks.attnMask(),
                            masks.keyPaddingMask()));
                });
            }
            case "TransformerEncoder" -> {
                var block = encoderLayer(c);
                int layers = c.integer("num_layers");
                var stack = new TransformerEncoder(block, layers, c.bool("norm", false)
                        ? new LayerNorm(new int[] {c.integer("d_model")}, LayerNorm.Options.of()) : null, new Random(1));
                yield new Driven(stack, inputs -> {
                    var masks = masks(inputs);
                    return Map.of("output", stack.forward(only(inputs, "x"), masks.attnMask(),
                            masks.keyPaddingMask()));
                });
            }
            case "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell" -> RecurrentOracleLayers.build(kind, c);
            default -> null;
        };
    }

    private static ConvNd.Options convOptions(Config c) {
        var options = ConvNd.Options.of().withBias(c.bool("bias", true)).withGroups(c.integer("groups", 1));
        if (c.has("stride")) options = options.withStride(c.integers("stride"));
        if (c.has("dilation")) options = options.withDilation(c.integers("dilation"));
        if (c.has("padding")) {
            options = c.node("padding").isTextual() ? options.withPadding(c.node("padding").asText())
                    : options.withPadding(c.integers("padding"));
        }
        c.require("padding_mode", "zeros");
        return options;
    }

    private static Pooling.Options poolOptions(Config c, boolean average) {
        var options = Pooling.Options.of(c.integers("kernel_size"));
        if (c.has("stride") && !c.node("stride").isNull()) options = options.withStride(c.integers("stride"));
        if (c.has("padding")) options = options.withPadding(c.integers("padding"));
        c.require("ceil_mode", "false");
        if (average) {
            options = options.withCountIncludePad(c.bool("count_include_pad", true));
            c.require("divisor_override", "null");
        } else {
            if (c.has("dilation")) options = options.withDilation(c.integers("dilation"));
            c.require("return_indices", "false");
        }
        return options;
    }

    private static BatchNormNd.Options batchNormOptions(Config c) {
        return new BatchNormNd.Options(c.real("eps", 1e-5), c.real("momentum", 0.1), c.bool("affine", true),
                c.bool("track_running_stats", true));
    }

    private static int[] perAxis(int[] values, int axes) {
        if (values.length == axes) return values;
        int[] result = new int[axes];
        Arrays.fill(result, values[0]);
        return result;
    }

    /** A case's {@code config}, read by PyTorch's keyword names; remembers which keys were read. */
    static final class Config {
        private final String kind;
        private final JsonNode node;
        private final Set<String> used = new LinkedHashSet<>();

        Config(String kind, JsonNode node) {
            this.kind = kind;
            this.node = node;
        }

        boolean has(String key) {
            used.add(key);
            return node.has(key);
        }

        JsonNode node(String key) {
            used.add(key);
            JsonNode value = node.get(key);
            if (value == null) throw new IllegalArgumentException("oracle: " + kind + " config lacks " + key);
            return value;
        }

        int integer(String key) {
            return node(key).asInt();
        }

        int integer(String key, int fallback) {
            return has(key) ? integer(key) : fallback;
        }

        double real(String key, double fallback) {
            if (has(key) && node.get(key).isNull()) {
                throw new IllegalArgumentException("oracle: " + kind + " config " + key + "=None is not supported");
            }
            return node.has(key) ? node.get(key).asDouble() : fallback;
        }

        boolean bool(String key, boolean fallback) {
            return has(key) ? node.get(key).asBoolean() : fallback;
        }

        /** One number or a list of them. */
        int[] integers(String key) {
            JsonNode value = node(key);
            if (!value.isArray()) return new int[] {value.asInt()};
            int[] result = new int[value.size()];
            for (int i = 0; i < result.length; i++) result[i] = value.get(i).asInt();
            return result;
        }

        /** Fails unless the key is absent or has PyTorch's default, the only value we map. */
        void require(String key, String only) {
            if (has(key) && !node.get(key).asText().equals(only)) {
                throw new IllegalArgumentException("oracle: " + kind + " config " + key + "=" + node.get(key)
                        + " is not supported");
            }
        }

        void checkAllUsed() {
            Set<String> unused = names(node);
            unused.removeAll(used);
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("oracle: " + kind + " config has unmapped arguments " + unused);
            }
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, Tensor> tensors(JsonNode object) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        object.properties().forEach(entry -> result.put(entry.getKey(), tensor(entry.getValue())));
        return result;
    }

    /**
     * A tensor from {@code {"shape": [...], "data": [...]}}; int64 data become integer-valued doubles, bool data 1
     * (true) and 0.
     */
    static Tensor tensor(JsonNode spec) {
        JsonNode shapeNode = spec.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = shapeNode.get(i).asInt();
        JsonNode data = spec.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = data.get(i);
            values[i] = value.isBoolean() ? (value.booleanValue() ? 1 : 0) : value.doubleValue();
        }
        return shape.length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, shape);
    }

    /** Collects one sentence per disagreeing tensor: a shape mismatch, or the worst element out of tolerance. */
    private static final class Comparison {
        final List<String> problems = new ArrayList<>();
        private final double rtol;
        private final double atol;

        Comparison(double rtol, double atol) {
            this.rtol = rtol;
            this.atol = atol;
        }

        void check(String what, Tensor actual, Tensor expected) {
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                problems.add(what + ": shape " + Arrays.toString(actual.shape()) + " but PyTorch has "
                        + Arrays.toString(expected.shape()));
                return;
            }
            double[] a = actual.toArray();
            double[] e = expected.toArray();
            int worst = -1;
            double worstExcess = 0;
            int failing = 0;
            for (int i = 0; i < a.length; i++) {
                double excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
                if (excess > 0 || Double.isNaN(a[i])) {
                    failing++;
                    if (worst < 0 || excess > worstExcess || Double.isNaN(a[i])) {
                        worst = i;
                        worstExcess = excess;
                    }
                }
            }
            if (worst >= 0) {
                problems.add(what + ": " + failing + " of " + a.length + " elements out of tolerance; worst is flat"
                        + " index " + worst + ": " + a[worst] + " but PyTorch has " + e[worst] + " (|diff| "
                        + Math.abs(a[worst] - e[worst]) + ")");
            }
        }
    }
}
