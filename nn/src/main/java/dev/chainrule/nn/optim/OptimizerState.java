package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The checks and copies behind {@link Optimizer#stateDict()} and {@link Optimizer#loadStateDict(Map)}: keys are
 * {@code "<parameter index>.<field>"}, each parameter has all of an optimizer's fields or none, each tensor has its
 * parameter's shape except {@code step}, a 0-d whole number.
 */
final class OptimizerState {
    /** The field holding a step count as a 0-d tensor. */
    static final String STEP = "step";

    private OptimizerState() {}

    /** The key of {@code field} for parameter {@code index}, e.g. {@code 0.momentum_buffer}. */
    static String key(int index, String field) {
        return index + "." + field;
    }

    /** A copy that shares nothing with {@code tensor} and does not require grad. */
    static Tensor copy(Tensor tensor) {
        return Tensor.of(tensor.toArray(), tensor.shape());
    }

    /**
     * Validates {@code state} for {@code parameters} before anything is loaded.
     *
     * @throws IllegalArgumentException naming the optimizer and the first entry that is wrong
     */
    static void check(String optimizer, List<Tensor> parameters, Map<String, Tensor> state, List<String> fields) {
        String method = optimizer + ".loadStateDict: ";
        for (var entry : state.entrySet()) {
            String name = entry.getKey();
            int dot = name == null ? -1 : name.indexOf('.');
            int index = dot < 0 ? -1 : parseIndex(name.substring(0, dot));
            if (index < 0 || !fields.contains(name.substring(dot + 1))) {
                throw new IllegalArgumentException(method + "unknown entry '" + name + "'; expected <index>."
                        + String.join(" or <index>.", fields) + " with an index in [0, " + parameters.size() + ")");
            }
            if (index >= parameters.size()) {
                throw new IllegalArgumentException(method + "entry '" + name + "' names parameter " + index
                        + ", but there are " + parameters.size() + " parameters");
            }
            if (entry.getValue() == null) throw new IllegalArgumentException(method + "entry '" + name + "' is null");
        }
        for (int i = 0; i < parameters.size(); i++) {
            int present = 0;
            for (String field : fields) if (state.containsKey(key(i, field))) present++;
            if (present != 0 && present != fields.size()) {
                throw new IllegalArgumentException(method + "parameter " + i + " has only some of its state "
                        + fields + "; each parameter needs all of them or none");
            }
            if (present == 0) continue;
            int[] shape = parameters.get(i).shape();
            for (String field : fields) {
                Tensor value = state.get(key(i, field));
                if (field.equals(STEP)) {
                    checkStep(method + key(i, field), value);
                } else if (!Arrays.equals(value.shape(), shape)) {
                    throw new IllegalArgumentException(method + key(i, field) + " has shape "
                            + Arrays.toString(value.shape()) + " but parameter " + i + " has shape "
                            + Arrays.toString(shape));
                }
            }
        }
    }

    /** The step count held by a checked {@code step} entry. */
    static int step(Tensor value) {
        return (int) value.item();
    }

    private static void checkStep(String name, Tensor value) {
        if (value.dim() != 0) {
            throw new IllegalArgumentException(name + " must be a 0-d tensor, got shape " + Arrays.toString(value.shape()));
        }
        double step = value.item();
        if (!(step >= 0 && step <= Integer.MAX_VALUE) || step != Math.rint(step)) {
            throw new IllegalArgumentException(name + " must be a whole number in [0, " + Integer.MAX_VALUE
                    + "], got " + step);
        }
    }

    private static int parseIndex(String text) {
        if (text.isEmpty() || text.length() > 9 || (text.length() > 1 && text.charAt(0) == '0')) return -1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) < '0' || text.charAt(i) > '9') return -1;
        return Integer.parseInt(text);
    }
}
