package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every element-wise activation as a module, by method or by name, so that a network can be built with any of them
 * and a sweep can name them in a list or on a command line:
 * <pre>{@code
 * Module a = Activations.gelu();                          // GELU()
 * Module b = Activations.byName("leakyRelu(0.2)");        // LeakyReLU(slope=0.2)
 * Module c = Activations.byName("GELU");                  // case, '_' and '-' are ignored: gelu, Gelu, ...
 * for (String name : Activations.names()) new Sequential(new Linear(64, 32, random), Activations.byName(name));
 * }</pre>
 * A name may carry its parameters in parentheses ({@code elu(0.5)}, {@code hardTanh(-2, 2)},
 * {@code softplus(2)}); without them the defaults are PyTorch's. The formulas, derivatives and conventions at kinks
 * are those of the matching {@link Tensor} methods. {@code sigmoid}, {@code tanh} and {@code relu} give the
 * {@link Sigmoid}, {@link Tanh} and {@link ReLU} classes; the others give an {@link ActivationLayer}.
 */
public final class Activations {
    private Activations() {}

    private record Entry(String name, int parameterCount, Function<double[], Module> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register("sigmoid", 0, p -> new Sigmoid());
        register("tanh", 0, p -> new Tanh());
        register("relu", 0, p -> new ReLU());
        register("leakyRelu", 1, p -> leakyRelu(p.length > 0 ? p[0] : 0.01));
        register("elu", 1, p -> elu(p.length > 0 ? p[0] : 1.0));
        register("selu", 0, p -> selu());
        register("gelu", 0, p -> gelu());
        register("geluTanh", 0, p -> geluTanh());
        register("silu", 0, p -> silu());
        register("mish", 0, p -> mish());
        register("softplus", 1, p -> softplus(p.length > 0 ? p[0] : 1.0));
        register("softsign", 0, p -> softsign());
        register("hardTanh", 2, p -> p.length == 0 ? hardTanh(-1, 1) : hardTanhOf(p));
        register("sin", 0, p -> layer("sin", "Sin()", Tensor::sin));
        register("cos", 0, p -> layer("cos", "Cos()", Tensor::cos));
        register("log1p", 0, p -> layer("log1p", "Log1p()", Tensor::log1p));
        register("expm1", 0, p -> layer("expm1", "Expm1()", Tensor::expm1));
        register("erf", 0, p -> layer("erf", "Erf()", Tensor::erf));
    }

    private static void register(String name, int parameterCount, Function<double[], Module> factory) {
        ENTRIES.put(key(name), new Entry(name, parameterCount, factory));
    }

    /** The known names, in a fixed order: {@code sigmoid, tanh, relu, leakyRelu, elu, selu, gelu, ...}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry entry : ENTRIES.values()) names.add(entry.name());
        return names;
    }

    /**
     * The activation called {@code spec}: a name from {@link #names()} (case, {@code _} and {@code -} ignored;
     * {@code swish} is {@code silu}), optionally followed by its parameters in parentheses.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), parameters that
     *                                  are not numbers, too many parameters, or values the activation rejects
     */
    public static Module byName(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("Activations.byName: the name is empty");
        String text = spec.strip();
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open).strip();
        Entry entry = ENTRIES.get(key(name).equals("swish") ? "silu" : key(name));
        if (entry == null) {
            throw new IllegalArgumentException("Activations.byName: unknown activation '" + name + "'; known: "
                    + String.join(", ", names()));
        }
        double[] parameters = open < 0 ? new double[0] : parameters(spec, text.substring(open));
        if (parameters.length > entry.parameterCount()) {
            throw new IllegalArgumentException("Activations.byName: " + entry.name() + " takes at most "
                    + entry.parameterCount() + " parameter(s), got " + parameters.length + " in '" + spec + "'");
        }
        return entry.factory().apply(parameters);
    }

    private static double[] parameters(String spec, String parenthesised) {
        if (!parenthesised.endsWith(")")) {
            throw new IllegalArgumentException("Activations.byName: missing ')' in '" + spec + "'");
        }
        String inside = parenthesised.substring(1, parenthesised.length() - 1).strip();
        if (inside.isEmpty()) return new double[0];
        String[] parts = inside.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Activations.byName: parameter '" + parts[i].strip() + "' in '"
                        + spec + "' is not a number", e);
            }
        }
        return values;
    }

    private static String key(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static ActivationLayer layer(String name, String description, UnaryOperator<Tensor> function) {
        return new ActivationLayer(name, description, function);
    }

    /** {@code x} where {@code x > 0}, else {@code slope·x}; see {@link Tensor#leakyRelu(double)}. */
    public static ActivationLayer leakyRelu(double slope) {
        Tensor.scalar(0).leakyRelu(slope);                      // validates the slope now, not at the first forward
        return layer("leakyRelu", "LeakyReLU(slope=" + slope + ")", x -> x.leakyRelu(slope));
    }

    /** {@code x} where {@code x > 0}, else {@code α(eˣ − 1)}; see {@link Tensor#elu(double)}. */
    public static ActivationLayer elu(double alpha) {
        Tensor.scalar(0).elu(alpha);                            // validates alpha now
        return layer("elu", "ELU(alpha=" + alpha + ")", x -> x.elu(alpha));
    }

    /**
     * The self-normalising ELU, {@code λ·x} for x &gt; 0, else {@code λ·α(eˣ − 1)}, with PyTorch's constants
     * λ ≈ 1.0507 and α ≈ 1.6733; see {@link Tensor#selu()}.
     */
    public static ActivationLayer selu() {
        return layer("selu", "SELU()", Tensor::selu);
    }

    /** The exact GELU {@code x·Φ(x)}; see {@link Tensor#gelu()}. */
    public static ActivationLayer gelu() {
        return layer("gelu", "GELU()", Tensor::gelu);
    }

    /** GELU's tanh approximation (PyTorch's {@code approximate='tanh'}); see {@link Tensor#geluTanh()}. */
    public static ActivationLayer geluTanh() {
        return layer("geluTanh", "GELU(approximate=tanh)", Tensor::geluTanh);
    }

    /** SiLU, also called swish: {@code x·σ(x)}; see {@link Tensor#silu()}. */
    public static ActivationLayer silu() {
        return layer("silu", "SiLU()", Tensor::silu);
    }

    /** Mish, {@code x·tanh(softplus(x))}; see {@link Tensor#mish()}. */
    public static ActivationLayer mish() {
        return layer("mish", "Mish()", Tensor::mish);
    }

    /** {@code (1/β)·log(1 + e^(βx))}, computed stably; see {@link Tensor#softplus(double)}. */
    public static ActivationLayer softplus(double beta) {
        Tensor.scalar(0).softplus(beta);                        // validates beta now
        return layer("softplus", "Softplus(beta=" + beta + ")", x -> x.softplus(beta));
    }

    /** {@code x / (1 + |x|)}; see {@link Tensor#softsign()}. */
    public static ActivationLayer softsign() {
        return layer("softsign", "Softsign()", Tensor::softsign);
    }

    /** {@code x} limited to {@code [min, max]}; see {@link Tensor#hardTanh(double, double)}. */
    public static ActivationLayer hardTanh(double min, double max) {
        Tensor.scalar(0).hardTanh(min, max);                    // validates the bounds now
        return layer("hardTanh", "Hardtanh(min=" + min + ", max=" + max + ")", x -> x.hardTanh(min, max));
    }

    private static ActivationLayer hardTanhOf(double[] bounds) {
        if (bounds.length != 2) {
            throw new IllegalArgumentException("Activations.byName: hardTanh takes both bounds (min, max) or none, got "
                    + bounds.length);
        }
        return hardTanh(bounds[0], bounds[1]);
    }
}
