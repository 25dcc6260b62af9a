package dev.chainrule.nn.diagnostics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When one unit of an activation counts as saturated: where its derivative is (nearly) zero, so almost no gradient
 * flows back through it. A rule sees one element's input {@code x} and output {@code y}.
 *
 * <p>The built-in rules, which {@link LayerMonitor} applies to modules by name:
 * <table>
 *   <caption>Saturation rules</caption>
 *   <tr><th>activation</th><th>saturated when</th><th>its derivative there</th></tr>
 *   <tr><td>sigmoid</td><td>{@code y < 0.05} or {@code y > 0.95} (|x| &gt; 2.94)</td>
 *       <td>{@code σ′ = y(1 − y) < 0.0475}, under a fifth of its maximum 0.25</td></tr>
 *   <tr><td>tanh</td><td>{@code |y| > 0.95} (|x| &gt; 1.83)</td>
 *       <td>{@code 1 − y² < 0.0975}, under a tenth of its maximum 1</td></tr>
 *   <tr><td>relu</td><td>{@code y == 0} (x ≤ 0: a dead unit)</td><td>exactly 0</td></tr>
 *   <tr><td>gelu</td><td>{@code x < −3}</td>
 *       <td>{@code Φ(x) + xφ(x)} in (−0.012, 0): the soft version of a dead ReLU unit</td></tr>
 * </table>
 *
 * <pre>{@code
 * // swish x·σ(x): flat (|derivative| < 0.05) only far on the negative side
 * SaturationRule swish = (x, y) -> x < -4.5;
 * LayerMonitor monitor = LayerMonitor.of(model).saturation("swish", swish);
 * }</pre>
 */
@FunctionalInterface
public interface SaturationRule {
    /** Whether the unit with input {@code x} and output {@code y} is saturated. */
    boolean isSaturated(double x, double y);

    /** Sigmoid: {@code y < 0.05 || y > 0.95}. */
    SaturationRule SIGMOID = (x, y) -> y < 0.05 || y > 0.95;
    /** Tanh: {@code |y| > 0.95}. */
    SaturationRule TANH = (x, y) -> Math.abs(y) > 0.95;
    /** ReLU: {@code y == 0}, a dead unit. */
    SaturationRule RELU = (x, y) -> y == 0;
    /** GELU (exact or tanh approximation): {@code x < −3}. */
    SaturationRule GELU = (x, y) -> x < -3;

    /** The built-in rules by normalised name: sigmoid, tanh, relu, gelu. */
    static Map<String, SaturationRule> defaults() {
        Map<String, SaturationRule> rules = new LinkedHashMap<>();
        rules.put("sigmoid", SIGMOID);
        rules.put("tanh", TANH);
        rules.put("relu", RELU);
        rules.put("gelu", GELU);
        return rules;
    }

    /**
     * A module or activation name as rules are looked up: the part before any {@code (}, lower case, letters and
     * digits only. {@code "GELU(approximate=tanh)"}, {@code "gelu"} and {@code "Gelu"} all become {@code "gelu"};
     * {@code "LeakyReLU()"} and {@code "leaky_relu"} both become {@code "leakyrelu"}.
     */
    static String normalise(String name) {
        int paren = name.indexOf('(');
        String head = paren < 0 ? name : name.substring(0, paren);
        return head.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
