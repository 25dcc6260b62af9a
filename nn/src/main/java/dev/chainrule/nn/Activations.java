package dev.chainrule.nn;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

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
 *
 * <p>A user's activation joins them with {@link #register}: then {@code byName} makes it, {@code names()} lists
 * it after the built-ins (so a sweep over the names includes it), and its name cannot be taken again:
 * <pre>{@code
 * Activations.register(Activation.checked("softsign2", x -> x / (1 + Math.abs(x)),
 *                                         x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)))));
 * Activations.register("scaledTanh", 1,
 *         p -> new Lambda("ScaledTanh", x -> x.tanh().mul(p.length > 0 ? p[0] : 1)));
 * Module a = Activations.byName("softsign2");
 * Module b = Activations.byName("scaledTanh(1.7)");
 * }</pre>
 * The registry belongs to one JVM: a distributed sweep registers its activations on every executor too (in the
 * code that builds the model). Registering and looking up are safe from several threads.
 */
public final class Activations {
    private Activations() {}

    private record Entry(String name, int parameterCount, Function<double[], Module> factory) {}

    /** A name a user may register: a letter, then letters, digits, '_' or '-' (what {@code byName} can parse). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Object LOCK = new Object();
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();            // guarded by LOCK
    private static final Set<String> BUILT_IN_KEYS;

    static {
        builtIn("sigmoid", 0, p -> new Sigmoid());
        builtIn("tanh", 0, p -> new Tanh());
        builtIn("relu", 0, p -> new ReLU());
        builtIn("leakyRelu", 1, p -> leakyRelu(p.length > 0 ? p[0] : 0.01));
        builtIn("elu", 1, p -> elu(p.length > 0 ? p[0] : 1.0));
        builtIn("selu", 0, p -> selu());
        builtIn("gelu", 0, p -> gelu());
        builtIn("geluTanh", 0, p -> geluTanh());
        builtIn("silu", 0, p -> silu());
        builtIn("mish", 0, p -> mish());
        builtIn("softplus", 1, p -> softplus(p.length > 0 ? p[0] : 1.0));
        builtIn("softsign", 0, p -> softsign());
        builtIn("hardTanh", 2, p -> p.length == 0 ? hardTanh(-1, 1) : hardTanhOf(p));
        builtIn("sin", 0, p -> layer("sin", "Sin()", Tensor::sin));
        builtIn("cos", 0, p -> layer("cos", "Cos()", Tensor::cos));
        builtIn("log1p", 0, p -> layer("log1p", "Log1p()", Tensor::log1p));
        builtIn("expm1", 0, p -> layer("expm1", "Expm1()", Tensor::expm1));
        builtIn("erf", 0, p -> layer("erf", "Erf()", Tensor::erf));
        Set<String> keys = new HashSet<>(ENTRIES.keySet());
        keys.add("swish");
        BUILT_IN_KEYS = Set.copyOf(keys);
    }

    private static void builtIn(String name, int parameterCount, Function<double[], Module> factory) {
        ENTRIES.put(key(name), new Entry(name, parameterCount, factory));
    }

    /**
     * Registers a user's activation without parameters: {@code byName(name)} calls {@code factory} for a new
     * module each time, and {@link #names()} lists {@code name} after those before it.
     *
     * @throws IllegalArgumentException when the name is a built-in's or already registered (case, {@code _} and
     *                                  {@code -} ignored), is not a letter followed by letters, digits, {@code _}
     *                                  or {@code -}, or the factory is null or returns null
     */
    public static void register(String name, Supplier<? extends Module> factory) {
        if (factory == null) {
            throw new IllegalArgumentException("Activations.register: the factory of '" + name + "' is null");
        }
        register(name, 0, parameters -> factory.get());
    }

    /**
     * Registers a user's activation taking up to {@code parameterCount} numbers, which {@code byName} parses from
     * {@code name(0.5, 2)} and passes to {@code factory} (an empty array when the name has none). The factory is
     * called once here with no parameters, to refuse one that returns null now rather than in a sweep.
     *
     * @throws IllegalArgumentException as {@link #register(String, Supplier)}, or for a negative parameter count
     */
    public static void register(String name, int parameterCount, Function<double[], ? extends Module> factory) {
        requireRegistrable(name, parameterCount, factory);
        String key = key(name);
        synchronized (LOCK) {
            Entry existing = ENTRIES.get(key);
            if (existing != null) {
                throw new IllegalArgumentException("Activations.register: '" + name + "' is already registered as '"
                        + existing.name() + "' (names ignore case, '_' and '-'); choose another name");
            }
            ENTRIES.put(key, new Entry(name, parameterCount, parameters -> factory.apply(parameters)));
        }
    }

    private static void requireRegistrable(String name, int parameterCount,
                                           Function<double[], ? extends Module> factory) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Activations.register: the name '" + name + "' must be a letter"
                    + " followed by letters, digits, '_' or '-'");
        }
        if (factory == null) {
            throw new IllegalArgumentException("Activations.register: the factory of '" + name + "' is null");
        }
        if (parameterCount < 0) {
            throw new IllegalArgumentException("Activations.register: " + name + " takes " + parameterCount
                    + " parameters; the count must be 0 or more");
        }
        if (BUILT_IN_KEYS.contains(key(name))) {
            throw new IllegalArgumentException("Activations.register: '" + name + "' is the name of a built-in"
                    + " activation; choose another name");
        }
        if (factory.apply(new double[0]) == null) {
            throw new IllegalArgumentException("Activations.register: the factory of '" + name + "' returned null"
                    + " for no parameters; it must return a module");
        }
    }

    /**
     * Registers {@code activation} under its own name, as an {@link ActivationLayer} printed {@code name()}:
     * {@code register(Activation.checked("softsign2", f, fPrime))}.
     *
     * @throws IllegalArgumentException as {@link #register(String, Supplier)}
     */
    public static void register(Activation activation) {
        if (activation == null) throw new IllegalArgumentException("Activations.register: the activation is null");
        register(activation.name(), () -> layer(activation.name(), activation.name() + "()", activation));
    }

    /**
     * The known names in a fixed order: the built-ins ({@code sigmoid, tanh, relu, leakyRelu, elu, selu, gelu,
     * ...}), then registered ones in the order they were registered.
     */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        synchronized (LOCK) {
            for (Entry entry : ENTRIES.values()) names.add(entry.name());
        }
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
        Entry entry;
        synchronized (LOCK) {
            entry = ENTRIES.get(key(name).equals("swish") ? "silu" : key(name));
        }
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
