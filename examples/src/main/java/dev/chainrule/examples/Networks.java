package dev.chainrule.examples;

import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** The fully connected networks the examples build: {@code inputs → hidden layers → outputs}. */
final class Networks {
    private Networks() {}

    /**
     * {@code Linear(inputs, h₁), activation(0), Linear(h₁, h₂), activation(1), …, Linear(hₖ, outputs)}: one Linear
     * layer per width in {@code hidden} followed by its activation, then the output layer (no activation: the
     * loss applies softmax or the caller appends one). Weights are drawn from {@code random} layer by layer, first
     * to last, so one seed gives one network.
     *
     * @param activation the module after hidden layer {@code i} (0-based); a new one each call
     */
    static Sequential mlp(int inputs, List<Integer> hidden, int outputs, IntFunction<? extends Module> activation,
                          Random random) {
        Sequential network = new Sequential();
        int width = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            network.add(new Linear(width, hidden.get(i), random)).add(activation.apply(i));
            width = hidden.get(i);
        }
        return network.add(new Linear(width, outputs, random));
    }

    /** The layer sizes joined by dashes: {@code 1024-500-10}. */
    static String shape(int inputs, List<Integer> hidden, int outputs) {
        List<Integer> sizes = sizes(inputs, hidden, outputs);
        return sizes.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    /** The number of weights (biases not counted): {@code Σ sizeᵢ·sizeᵢ₊₁}. */
    static long weights(int inputs, List<Integer> hidden, int outputs) {
        List<Integer> sizes = sizes(inputs, hidden, outputs);
        long weights = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) weights += (long) sizes.get(i) * sizes.get(i + 1);
        return weights;
    }

    /**
     * The count written out, as the tutorial does it:
     * {@code 1024*500 + 500*10 = 517,000 weights, plus 500 + 10 biases = 517,510 parameters}.
     */
    static String parameterArithmetic(int inputs, List<Integer> hidden, int outputs) {
        List<Integer> sizes = sizes(inputs, hidden, outputs);
        List<String> products = new ArrayList<>();
        List<String> biases = new ArrayList<>();
        long total = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            products.add(sizes.get(i) + "*" + sizes.get(i + 1));
            biases.add(String.valueOf(sizes.get(i + 1)));
            total += (long) sizes.get(i) * sizes.get(i + 1) + sizes.get(i + 1);
        }
        return String.format(Locale.ROOT, "%s = %,d weights, plus %s biases = %,d parameters",
                String.join(" + ", products), weights(inputs, hidden, outputs), String.join(" + ", biases), total);
    }

    private static List<Integer> sizes(int inputs, List<Integer> hidden, int outputs) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(hidden);
        sizes.add(outputs);
        return sizes;
    }
}
